"""The regulator's report: each school by the inclusion criteria it meets, by authority, with
CSV and XLSX exports (site/reporting), read from the stored evaluations (evaluations.py)."""

import django_filters
from django.db.models import Count, Q

from directory.models import LocalAuthority, Setting
from directory.reports import ListingNameColumn
from reporting import OfficerFilterSet, OfficerReportView


class CriteriaFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
    meets = django_filters.ChoiceFilter(
        label="Inclusion criteria",
        choices=[
            ("all", "Meets every criterion"),
            ("some", "Does not meet one or more"),
            ("unknown", "Not known for one or more"),
        ],
        method="filter_meets",
    )

    class Meta:
        model = Setting
        fields = ["authority"]

    def filter_meets(self, queryset, name, value):
        if value == "all":
            return queryset.filter(inclusion_evaluation__meets_all=True)
        if value == "some":
            return queryset.exclude(inclusion_evaluation__not_met="")
        return queryset.exclude(inclusion_evaluation__not_known="")


class CriteriaReport(OfficerReportView):
    page_title = "Inclusion criteria met"
    header_icon = "tick-inverse"
    index_url_name = "inclusion_reports:inclusion"
    index_results_url_name = "inclusion_reports:inclusion_results"
    filterset_class = CriteriaFilterSet
    default_ordering = "authority__name"
    fields = [
        ("authority.name", "Local authority", "authority__name"),
        ("name", "School", "name"),
        ("urn", "URN"),
        ("inclusion_evaluation.met", "Criteria met", "inclusion_evaluation__met"),
        ("inclusion_evaluation.criteria", "Criteria in force"),
        ("inclusion_evaluation.not_met", "Not met"),
        ("inclusion_evaluation.not_known", "Not known"),
        ("inclusion_evaluation.evaluated_at", "Evaluated on"),
    ]
    date_fields = {"inclusion_evaluation.evaluated_at"}
    column_classes = {"name": ListingNameColumn}
    template_name = "inclusion/reports/criteria.html"

    def get_filename(self):
        return "inclusion-criteria"

    def get_base_queryset(self):
        schools = Setting.objects.filter(live=True, inclusion_evaluation__isnull=False)
        schools = schools.select_related("authority", "inclusion_evaluation")
        return self.within_authorities(schools).order_by("authority__name", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schools = self.within_authorities(
            Setting.objects.filter(live=True, inclusion_evaluation__isnull=False)
        )
        context["by_authority"] = (
            schools.values("authority__name")
            .annotate(
                schools=Count("pk"),
                meets_all=Count("pk", filter=Q(inclusion_evaluation__meets_all=True)),
            )
            .order_by("authority__name")
        )
        return context
