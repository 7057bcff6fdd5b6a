"""The admin report of guide pages whose forum check is overdue."""

import django_filters

from directory.models import LocalAuthority
from reporting import OfficerFilterSet, OfficerReportView, RowFilter

from .models import ParentCarerForum
from .reviews import overdue_checks


class OverdueFilterSet(OfficerFilterSet):
    # Applied to the rows in OverdueGuideChecksReport.get_filtered_queryset.
    authority = RowFilter.of(
        django_filters.ModelChoiceFilter,
        queryset=LocalAuthority.objects.filter(parent_carer_forums__isnull=False).distinct(),
        label="Forum's local authority",
    )

    class Meta:
        model = ParentCarerForum
        fields = []


class OverdueGuideChecksReport(OfficerReportView):
    page_title = "Overdue guide checks"
    header_icon = "time"
    index_url_name = "guidance_reports:guide_checks"
    index_results_url_name = "guidance_reports:guide_checks_results"
    filterset_class = OverdueFilterSet
    fields = [
        ("title", "Guide page"),
        ("forums", "Written with"),
        ("page.last_checked_on", "Last checked"),
        ("page.next_check_due", "Check was due"),
        ("days_overdue", "Days overdue"),
        ("page.reading_grade", "Reading grade"),
    ]
    date_fields = {"page.last_checked_on", "page.next_check_due"}

    def get_filename(self):
        return "overdue-guide-checks"

    def get_base_queryset(self):
        return ParentCarerForum.objects.all()

    def get_filtered_queryset(self):
        return overdue_checks(authority=self.filter_value("authority"), user=self.request.user)
