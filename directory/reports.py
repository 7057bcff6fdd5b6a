"""Regulators' reports in the admin's Reports menu, each with CSV and XLSX export of exactly
what is on screen. Every figure comes from the one completeness standard (directory/standard.py)
through the columns it stores, or from directory/accountability.py."""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from home.models import Feedback, FeedbackTheme

from . import charts, standard
from .accountability import authority_summary, coverage, trend
from .models import (
    Listing,
    ListingKind,
    LocalAuthority,
    Service,
    Setting,
    WaitingTimeLimit,
    sees_all_listings,
)
from .models.listings import WAIT_CURRENT_FOR
from .taxonomy import SencoQualification, ServiceCategory, SettingType

TYPE_CHOICES = [*SettingType.choices, *ServiceCategory.choices]
ITEM_LABELS = {key: item.label for key, item in standard.all_items().items()}


class EveryListingReport(ReportView):
    """Reports see across every authority: for officers and regulators only.

    Each report declares its `fields` once, as (attribute, label) or (attribute, label,
    sort key); the table's columns and the CSV/XLSX export are both made from them, so an
    export is exactly what is on screen. Attributes in `date_fields` show as dates.
    """

    fields = ()
    date_fields = frozenset()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.fields:
            return
        columns = []
        for attribute, label, *sort in cls.fields:
            column_class = DateColumn if attribute in cls.date_fields else Column
            columns.append(
                column_class(
                    attribute.replace(".", "_"),
                    label=label,
                    accessor=attribute,
                    sort_key=sort[0] if sort else None,
                )
            )
        cls.columns = columns
        cls.list_export = [attribute for attribute, *_ in cls.fields]
        cls.export_headings = {attribute: label for attribute, label, *_ in cls.fields}

    def dispatch(self, request, *args, **kwargs):
        if not sees_all_listings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    # Exports: rows are read and decorated EXPORT_CHUNK at a time, never all at once (a
    # queryset caches every row it has read: 34,000 listings held 330 MB), with only the
    # columns in `export_columns` when a report names them. The CSV is streamed.
    EXPORT_CHUNK = 2000
    export_columns = ()

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        # Filtered and ordered as on screen; the page's context (its table) is not built.
        self.object_list = self.get_filtered_queryset()
        return self.as_spreadsheet(self.object_list, request.GET.get("export"))

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(ExportRows(self, queryset), spreadsheet_format)


class ExportRows:
    """A report's rows for export: read from the database in chunks (with only the report's
    `export_columns`, when it names them) and decorated a chunk at a time."""

    def __init__(self, view, rows):
        self.view, self.rows = view, rows
        self.model = getattr(rows, "model", None)  # for Wagtail's column headings

    def __iter__(self):
        rows, size = self.rows, self.view.EXPORT_CHUNK
        if not isinstance(rows, QuerySet):  # reports computed in Python (a few hundred rows)
            yield from self.view.decorate_paginated_queryset(list(rows))
            return
        if self.view.export_columns:
            rows = rows.only(*self.view.export_columns)
        chunk = []
        for row in rows.iterator(chunk_size=size):
            chunk.append(row)
            if len(chunk) == size:
                yield from self.view.decorate_paginated_queryset(chunk)
                chunk = []
        yield from self.view.decorate_paginated_queryset(chunk)


class CompletenessFilterSet(WagtailFilterSet):
    authority = django_filters.ModelChoiceFilter(queryset=LocalAuthority.objects.all())
    kind = django_filters.ChoiceFilter(choices=ListingKind.choices, label="Kind")
    listing_type = django_filters.ChoiceFilter(choices=TYPE_CHOICES, label="Type")
    stale = django_filters.BooleanFilter(label="Out of date", method="filter_stale")
    reviewed_before = django_filters.DateFilter(
        field_name="last_reviewed_on", lookup_expr="lt", label="Last reviewed before"
    )

    class Meta:
        model = Listing
        fields = ["authority", "kind", "listing_type"]

    def filter_stale(self, queryset, name, value):
        stale = Q(last_reviewed_on__lt=standard.stale_before()) | Q(last_reviewed_on__isnull=True)
        return queryset.filter(stale) if value else queryset.exclude(stale)


def missing_labels(listing):
    return "; ".join(ITEM_LABELS.get(key, key) for key in listing.missing_items)


def stale_text(listing):
    return "Yes" if standard.is_stale(listing.last_reviewed_on) else "No"


class CompletenessReport(EveryListingReport):
    page_title = "Completeness by listing"
    header_icon = "list-ul"
    index_url_name = "directory_reports:completeness"
    index_results_url_name = "directory_reports:completeness_results"
    filterset_class = CompletenessFilterSet
    default_ordering = "completeness_score"
    fields = [
        ("name", "Listing", "name"),
        ("authority.name", "Local authority"),
        ("type_label", "Type"),
        ("completeness_score", "Complete (%)", "completeness_score"),
        ("missing", "Missing items"),
        ("last_reviewed_on", "Last reviewed", "last_reviewed_on"),
        ("stale", "Out of date"),
    ]
    date_fields = {"last_reviewed_on"}
    export_columns = (
        "name",
        "authority__name",
        "kind",
        "listing_type",
        "completeness_score",
        "missing_items",
        "last_reviewed_on",
    )

    def get_filename(self):
        return "completeness-by-listing"

    def get_base_queryset(self):  # Wagtail orders it (default_ordering, column sorting)
        return Listing.objects.published().select_related("authority")

    def decorate_paginated_queryset(self, object_list):
        types = dict(TYPE_CHOICES)
        for listing in object_list:
            listing.type_label = types.get(listing.listing_type, listing.kind)
            listing.missing = missing_labels(listing)
            listing.stale = stale_text(listing)
        return object_list

    def to_row_dict(self, item):  # exports read the same decorated values as the screen
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


class AuthorityFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=ListingKind.choices, label="Kind", method="filter_kind"
    )

    class Meta:
        model = LocalAuthority
        fields = []

    def filter_kind(self, queryset, name, value):
        return queryset  # applied to the figures in AuthorityReport.decorate_paginated_queryset


# (attribute, label): the figures each authority row shows and exports.
AUTHORITY_FIGURES = [
    ("listing_count", "Listings"),
    ("setting_count", "Schools and settings"),
    ("service_count", "Services"),
    ("average_score", "Average complete (%)"),
    ("share_complete", "Complete (%)"),
    ("share_stale", "Out of date (%)"),
]


class AuthorityReport(EveryListingReport):
    page_title = "Completeness by local authority"
    header_icon = "site"
    index_url_name = "directory_reports:authorities"
    index_results_url_name = "directory_reports:authorities_results"
    filterset_class = AuthorityFilterSet
    paginate_by = 200  # every authority on one page, as exported
    columns = [
        Column("name", label="Local authority"),
        *(Column(name, label=label) for name, label in AUTHORITY_FIGURES),
    ]
    template_name = "directory/reports/authorities.html"
    list_export = ["name", "code", *(name for name, _ in AUTHORITY_FIGURES)]
    export_headings = {"name": "Local authority", "code": "LA code", **dict(AUTHORITY_FIGURES)}

    def get_filename(self):
        return "completeness-by-authority"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = ""
        if self.filters is not None and self.filters.is_valid():
            kind = self.filters.form.cleaned_data.get("kind") or ""
        points = trend(kind=kind or None)
        context["trend"] = points
        context["trend_kind"] = dict(ListingKind.choices).get(kind, "")
        context["chart"] = charts.line_chart(
            points,
            ["Average complete", "Complete", "Out of date"],
            title="Completeness of Local Offers over time",
            description=(
                f"From {points[0][0]:%d %B %Y} to {points[-1][0]:%d %B %Y}: average "
                f"completeness went from {points[0][1]}% to {points[-1][1]}%; the share out of "
                f"date from {points[0][3]}% to {points[-1][3]}%. The table gives every figure."
            )
            if points
            else "",
        )
        return context

    def get_base_queryset(self):
        return LocalAuthority.objects.filter(listings__live=True).distinct().order_by("name")

    def _figures(self):
        if not hasattr(self, "_summary"):
            kind = ""
            if self.filters is not None and self.filters.is_valid():
                kind = self.filters.form.cleaned_data.get("kind") or ""
            rows, _ = authority_summary(kind=kind or None)
            self._summary = {row.authority.pk: row for row in rows}
        return self._summary

    def decorate_paginated_queryset(self, object_list):
        figures = self._figures()
        for authority in object_list:
            row = figures.get(authority.pk)
            by_kind = row.by_kind if row else {}
            authority.listing_count = row.total.listings if row else 0
            authority.setting_count = by_kind["setting"].listings if "setting" in by_kind else 0
            authority.service_count = by_kind["service"].listings if "service" in by_kind else 0
            authority.average_score = row.total.average_score if row else None
            authority.share_complete = row.total.share_complete if row else None
            authority.share_stale = row.total.share_stale if row else None
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


# By item of the standard ------------------------------------------------------------------


@dataclass
class ItemRow:
    label: str
    reference: str
    profile: str
    applies_to: int
    missing: int

    @property
    def share_missing(self):
        return round(100 * self.missing / self.applies_to) if self.applies_to else 0


class ItemFilterSet(WagtailFilterSet):
    authority = django_filters.ModelChoiceFilter(queryset=LocalAuthority.objects.all())
    kind = django_filters.ChoiceFilter(choices=ListingKind.choices, label="Kind")

    class Meta:
        model = Listing
        fields = ["authority", "kind"]


class ItemReport(EveryListingReport):
    page_title = "Most often missing items of the standard"
    header_icon = "warning"
    index_url_name = "directory_reports:items"
    index_results_url_name = "directory_reports:items_results"
    filterset_class = ItemFilterSet
    paginate_by = 100
    fields = [
        ("label", "Item"),
        ("profile", "Kind of listing"),
        ("reference", "Required by"),
        ("applies_to", "Listings it applies to"),
        ("missing", "Missing from"),
        ("share_missing", "Missing (%)"),
    ]

    def get_filename(self):
        return "missing-items"

    def get_base_queryset(self):
        return Listing.objects.published()

    def get_filtered_queryset(self):
        listings = self.filter_queryset(self.get_base_queryset())
        applies, missing = Counter(), Counter()
        for kind, listing_type, keys in listings.values_list(
            "kind", "listing_type", "missing_items"
        ).iterator(chunk_size=5000):
            profile = standard.profile_key_for(kind, listing_type)
            applies[profile] += 1
            missing.update((profile, key) for key in keys)
        rows = [
            ItemRow(
                item.label,
                item.reference,
                standard.PROFILE_NAMES[profile],
                applies[profile],
                missing[(profile, item.key)],
            )
            for profile in standard.PROFILES
            if applies[profile]
            for item in standard.items_for(profile)
        ]
        return sorted(rows, key=lambda row: (-row.share_missing, row.label))


# SENCo qualification ----------------------------------------------------------------------

# A new SENCo must achieve the national award within three years of appointment
# (SEND Code of Practice 2015, paragraph 6.85).
SENCO_DEADLINE = datetime.timedelta(days=3 * 365 + 1)


class SencoFilterSet(WagtailFilterSet):
    authority = django_filters.ModelChoiceFilter(queryset=LocalAuthority.objects.all())
    concern = django_filters.ChoiceFilter(
        label="Concern",
        choices=[("none", "No qualification"), ("overdue", "In progress for over 3 years")],
        method="filter_concern",
    )

    class Meta:
        model = Setting
        fields = ["authority"]

    def filter_concern(self, queryset, name, value):
        return queryset.filter(senco_concern(value))


def senco_concern(which=None):
    overdue = Q(
        senco_qualification=SencoQualification.IN_PROGRESS,
        senco_qualification_started_on__lt=timezone.localdate() - SENCO_DEADLINE,
    )
    none = Q(senco_qualification=SencoQualification.NONE)
    return {"none": none, "overdue": overdue}.get(which, none | overdue)


class SencoReport(EveryListingReport):
    page_title = "SENCo qualification"
    header_icon = "user"
    index_url_name = "directory_reports:senco"
    index_results_url_name = "directory_reports:senco_results"
    filterset_class = SencoFilterSet
    default_ordering = "senco_qualification_started_on"
    fields = [
        ("name", "Setting", "name"),
        ("urn", "URN"),
        ("authority.name", "Local authority"),
        ("senco_name", "SENCo"),
        ("concern", "Concern"),
        ("senco_qualification_started_on", "Started the award", "senco_qualification_started_on"),
    ]
    date_fields = {"senco_qualification_started_on"}

    def get_filename(self):
        return "senco-qualification"

    def get_base_queryset(self):
        return Setting.objects.filter(live=True).filter(senco_concern()).select_related("authority")

    def decorate_paginated_queryset(self, object_list):
        for setting in object_list:
            setting.concern = (
                "No qualification"
                if setting.senco_qualification == SencoQualification.NONE
                else "In progress for over 3 years"
            )
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


# Waiting times ----------------------------------------------------------------------------


class WaitingFilterSet(WagtailFilterSet):
    authority = django_filters.ModelChoiceFilter(queryset=LocalAuthority.objects.all())
    category = django_filters.ChoiceFilter(choices=ServiceCategory.choices)
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[
            ("over", "Over the limit"),
            ("within", "Within the limit"),
            ("unknown", "Unknown"),
        ],
        method="filter_status",
    )

    class Meta:
        model = Service
        fields = ["authority", "category"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(**{"wait_status": value})


class WaitingReport(EveryListingReport):
    page_title = "Waiting times"
    header_icon = "time"
    index_url_name = "directory_reports:waiting"
    index_results_url_name = "directory_reports:waiting_results"
    filterset_class = WaitingFilterSet
    default_ordering = "-waiting_weeks"
    fields = [
        ("name", "Service", "name"),
        ("authority.name", "Local authority"),
        ("category_label", "Category"),
        ("waiting_weeks", "Stated wait (weeks)", "waiting_weeks"),
        ("waiting_stated_on", "Stated on", "waiting_stated_on"),
        ("max_weeks", "Limit (weeks)"),
        ("status_label", "Status"),
    ]
    date_fields = {"waiting_stated_on"}
    STATUS_LABELS = {
        "over": "Over the limit",
        "within": "Within the limit",
        "unknown": "Unknown (not stated, or stated over 6 months ago)",
        "no-limit": "No limit set",
    }

    def get_filename(self):
        return "waiting-times"

    def get_base_queryset(self):
        limit = Subquery(
            WaitingTimeLimit.objects.filter(category=OuterRef("category")).values("max_weeks")[:1]
        )
        current = Q(
            waiting_weeks__isnull=False,
            waiting_stated_on__gte=timezone.localdate() - WAIT_CURRENT_FOR,
        )
        return (
            Service.objects.filter(live=True)
            .select_related("authority")
            .annotate(max_weeks=limit)
            .annotate(
                wait_status=Case(
                    When(~current, then=Value("unknown")),
                    When(max_weeks__isnull=True, then=Value("no-limit")),
                    When(waiting_weeks__gt=F("max_weeks"), then=Value("over")),
                    default=Value("within"),
                    output_field=CharField(),
                )
            )
        )

    def decorate_paginated_queryset(self, object_list):
        for service in object_list:
            service.category_label = service.get_category_display()
            service.status_label = self.STATUS_LABELS[service.wait_status]
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)


# Local Offer coverage ---------------------------------------------------------------------


class CoverageFilterSet(WagtailFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), method="filter_authority"
    )
    covered = django_filters.ChoiceFilter(
        choices=[("Yes", "Covered"), ("No", "Not covered")], method="keep", label="Covered"
    )

    class Meta:
        model = LocalAuthority
        fields = []

    def filter_authority(self, queryset, name, value):
        return queryset.filter(pk=value.pk)

    def keep(self, queryset, name, value):
        return queryset  # applied to the rows in CoverageReport.get_filtered_queryset


class CoverageReport(EveryListingReport):
    page_title = "Local Offer coverage"
    header_icon = "tasks"
    index_url_name = "directory_reports:coverage"
    index_results_url_name = "directory_reports:coverage_results"
    filterset_class = CoverageFilterSet
    paginate_by = 100
    fields = [
        ("authority.name", "Local authority"),
        ("category.label", "What the Local Offer must cover"),
        ("category.reference", "Required by"),
        ("listings", "Current listings"),
        ("guide_pages", "Current guide pages"),
        ("covered", "Covered"),
    ]

    def get_filename(self):
        return "local-offer-coverage"

    def get_base_queryset(self):
        return LocalAuthority.objects.filter(listings__live=True).distinct()

    def get_filtered_queryset(self):
        authorities = list(self.filter_queryset(self.get_base_queryset()))
        rows = coverage(authorities)
        wanted = ""
        if self.filters is not None and self.filters.is_valid():
            wanted = self.filters.form.cleaned_data.get("covered") or ""
        return [row for row in rows if not wanted or row.covered == wanted]


# Feedback response times ------------------------------------------------------------------


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


class FeedbackFilterSet(WagtailFilterSet):
    received_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label="Received on or after"
    )
    received_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label="Received on or before"
    )

    class Meta:
        model = Feedback
        fields = []


class FeedbackReport(EveryListingReport):
    page_title = "Feedback response times"
    header_icon = "comment"
    index_url_name = "directory_reports:feedback"
    index_results_url_name = "directory_reports:feedback_results"
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
        return Feedback.objects.all()

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
