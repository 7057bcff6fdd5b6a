"""The feedback report: how quickly the Local Offer answers what families tell it (SEND
Regulations 2014, regulation 56: "you said, we did")."""

import statistics
from dataclasses import dataclass

import django_filters

from directory.models import LocalAuthority
from reporting import OfficerFilterSet, OfficerReportView

from .models import Feedback, FeedbackTheme


@dataclass
class FeedbackRow:
    theme: str
    received: int = 0
    answered: int = 0
    published: int = 0
    days: list = None

    @property
    def unanswered(self):
        return self.received - self.answered

    @property
    def median_days(self):
        return statistics.median(self.days) if self.days else None


class FeedbackFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
    received_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label="Received on or after"
    )
    received_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label="Received on or before"
    )

    class Meta:
        model = Feedback
        fields = []


class FeedbackReport(OfficerReportView):
    page_title = "Feedback response times"
    header_icon = "comment"
    index_url_name = "home_reports:feedback"
    index_results_url_name = "home_reports:feedback_results"
    filterset_class = FeedbackFilterSet
    fields = [
        ("theme", "Theme"),
        ("received", "Received"),
        ("answered", "Answered"),
        ("unanswered", "Not yet answered"),
        ("median_days", "Median days to answer"),
        ("published", "Published"),
    ]

    def get_filename(self):
        return "feedback-response-times"

    def get_base_queryset(self):
        return self.within_authorities(Feedback.objects.all())

    def get_filtered_queryset(self):
        themes = dict(FeedbackTheme.choices)
        rows, everything = {}, FeedbackRow("All feedback", days=[])
        for theme, created, responded, published in self.filter_queryset(
            self.get_base_queryset()
        ).values_list("theme", "created_at", "responded_at", "published"):
            label = themes.get(theme, "No theme yet")
            for row in (rows.setdefault(label, FeedbackRow(label, days=[])), everything):
                row.received += 1
                row.published += int(published)
                if responded:
                    row.answered += 1
                    row.days.append((responded - created).days)
        return [*sorted(rows.values(), key=lambda row: row.theme), everything]
