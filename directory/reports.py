"""Regulators' reports in the admin's Reports menu, each with CSV and XLSX export of exactly
what is on screen. Every figure comes from the one completeness standard (directory/standard.py)
through the columns it stores, or from directory/accountability.py."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from . import standard
from .accountability import authority_summary
from .models import Listing, ListingKind, LocalAuthority, sees_all_listings
from .taxonomy import ServiceCategory, SettingType

TYPE_CHOICES = [*SettingType.choices, *ServiceCategory.choices]
ITEM_LABELS = {key: item.label for key, item in standard.all_items().items()}


class EveryListingReport(ReportView):
    """Reports see across every authority: for officers and regulators only."""

    def dispatch(self, request, *args, **kwargs):
        if not sees_all_listings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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
    columns = [
        Column("name", label="Listing", sort_key="name"),
        Column("authority", label="Local authority"),
        Column("type_label", label="Type", accessor=lambda o: o.type_label),
        Column("completeness_score", label="Complete (%)", sort_key="completeness_score"),
        Column("missing", label="Missing", accessor=missing_labels),
        DateColumn("last_reviewed_on", label="Last reviewed", sort_key="last_reviewed_on"),
        Column("stale", label="Out of date", accessor=stale_text),
    ]
    list_export = [
        "name",
        "authority.name",
        "type_label",
        "completeness_score",
        "missing",
        "last_reviewed_on",
        "stale",
        "public_url",
    ]
    export_headings = {
        "name": "Listing",
        "authority.name": "Local authority",
        "type_label": "Type",
        "completeness_score": "Complete (%)",
        "missing": "Missing items",
        "last_reviewed_on": "Last reviewed",
        "stale": "Out of date",
        "public_url": "Page",
    }

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
            listing.public_url = listing.get_url()
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
    list_export = ["name", "code", *(name for name, _ in AUTHORITY_FIGURES)]
    export_headings = {"name": "Local authority", "code": "LA code", **dict(AUTHORITY_FIGURES)}

    def get_filename(self):
        return "completeness-by-authority"

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
