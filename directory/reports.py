"""Regulators' reports in the admin's Reports menu, each with CSV and XLSX export of exactly
what is on screen. Every figure comes from the one completeness standard (directory/standard.py)
through the columns it stores, or from directory/accountability.py."""

import datetime
from collections import Counter
from dataclasses import dataclass

import django_filters
from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.admin.ui.tables import Column

import roles
from reporting import OfficerFilterSet, OfficerReportView, RowFilter

from . import charts, standard
from .accountability import authorities_in_words, authority_summary, coverage, trend
from .models import (
    Listing,
    ListingKind,
    LocalAuthority,
    Service,
    Setting,
    WaitingTimeLimit,
)
from .tasks import ensure_todays_snapshot
from .taxonomy import SencoQualification, ServiceCategory, SettingType

TYPE_CHOICES = [*SettingType.choices, *ServiceCategory.choices]
ITEM_LABELS = {key: item.label for key, item in standard.all_items().items()}


class CompletenessFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
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


class MissingItemsColumn(Column):
    """How many items are missing, with the list behind a <details>, so that one listing
    missing 30 items does not make its row a screen tall. The export lists them all."""

    def get_value(self, instance):
        keys = instance.missing_items
        if not keys:
            return "None"
        return format_html(
            "<details><summary>{} item{}</summary><ul>{}</ul></details>",
            len(keys),
            "" if len(keys) == 1 else "s",
            format_html_join("", "<li>{}</li>", ((ITEM_LABELS.get(k, k),) for k in keys)),
        )


class ListingNameColumn(Column):
    """The listing's name, opening it as the standard defines it (its inspect view, for
    officers and regulators alike). The export keeps the plain name."""

    MODELS = {ListingKind.SETTING: Setting, ListingKind.SERVICE: Service}

    def get_value(self, instance):
        model = self.MODELS.get(instance.kind)
        if model is None:
            return instance.name
        url = reverse(model.snippet_viewset.get_url_name("inspect"), args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, instance.name)


class WaitingStatusColumn(Column):
    """A wait over the officers' limit stands out."""

    def get_value(self, instance):
        label = super().get_value(instance)
        if getattr(instance, "wait_status", "") == "over":
            return format_html('<strong class="w-status w-status--label">⚠ {}</strong>', label)
        return label


def stale_text(listing):
    return "Yes" if standard.is_stale(listing.last_reviewed_on) else "No"


class CompletenessReport(OfficerReportView):
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
    column_classes = {"name": ListingNameColumn, "missing": MissingItemsColumn}

    def get_filename(self):
        return "completeness-by-listing"

    def get_base_queryset(self):  # Wagtail orders it (default_ordering, column sorting)
        return self.within_authorities(Listing.objects.published().select_related("authority"))

    def decorate_paginated_queryset(self, object_list):
        types = dict(TYPE_CHOICES)
        for listing in object_list:
            listing.type_label = types.get(listing.listing_type, listing.kind)
            listing.missing = missing_labels(listing)
            listing.stale = stale_text(listing)
        return object_list


class AuthorityFilterSet(OfficerFilterSet):
    # Labelled here: the report's rows are authorities, which have no "authority" field to
    # name the filter after (django-filter said "[invalid name]").
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), method="filter_authority", label="Local authority"
    )
    # Applied to the figures in AuthorityReport.decorate_paginated_queryset.
    kind = RowFilter.of(django_filters.ChoiceFilter, choices=ListingKind.choices, label="Kind")

    def filter_authority(self, queryset, name, value):
        return queryset.filter(pk=value.pk)

    class Meta:
        model = LocalAuthority
        fields = []


# (attribute, label): the figures each authority row shows and exports.
AUTHORITY_FIGURES = [
    ("listing_count", "Listings"),
    ("setting_count", "Schools and settings"),
    ("service_count", "Services"),
    ("average_score", "Average complete (%)"),
    ("share_complete", "Complete (%)"),
    ("share_stale", "Out of date (%)"),
]


class AuthorityReport(OfficerReportView):
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
        # Today's figures join the trend the first time anyone looks (directory/tasks.py).
        ensure_todays_snapshot()
        context = super().get_context_data(**kwargs)
        kind = self.filter_value("kind", "")
        authority = self.filter_value("authority")
        # The viewer's authorities, as the table below: Northbrook's officer was shown the
        # national trend under Northbrook's figures.
        ids = roles.authority_ids(self.request.user)
        points = trend(authority=authority, kind=kind or None, authority_ids=ids)
        context["trend"] = points
        context["trend_kind"] = dict(ListingKind.choices).get(kind, "")
        context["trend_authority"] = authority.name if authority else authorities_in_words(ids)
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
        authorities = LocalAuthority.objects.filter(listings__live=True).distinct()
        return self.within_authorities(authorities, field="pk").order_by("name")

    def _figures(self):
        if not hasattr(self, "_summary"):
            rows, _ = authority_summary(kind=self.filter_value("kind"))
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


class ItemFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
    kind = django_filters.ChoiceFilter(choices=ListingKind.choices, label="Kind")

    class Meta:
        model = Listing
        fields = ["authority", "kind"]


class ItemReport(OfficerReportView):
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
        return self.within_authorities(Listing.objects.published())

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

# A SENCo new to the role must gain the national qualification within three years of taking up
# the post (SEND Regulations 2014, reg. 49(4), as amended by SI 2024/535; the Code of Practice's
# paragraph 6.85 predates the NPQ for SENCos).
SENCO_DEADLINE = datetime.timedelta(days=3 * 365 + 1)


class SencoFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
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


class SencoReport(OfficerReportView):
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
        (
            "senco_qualification_started_on",
            "Started the qualification",
            "senco_qualification_started_on",
        ),
    ]
    date_fields = {"senco_qualification_started_on"}
    column_classes = {"name": ListingNameColumn}

    def get_filename(self):
        return "senco-qualification"

    def get_base_queryset(self):
        settings = Setting.objects.filter(live=True).filter(senco_concern())
        return self.within_authorities(settings.select_related("authority"))

    def decorate_paginated_queryset(self, object_list):
        for setting in object_list:
            setting.concern = (
                "No qualification"
                if setting.senco_qualification == SencoQualification.NONE
                else "In progress for over 3 years"
            )
        return object_list


# Waiting times ----------------------------------------------------------------------------


class WaitingFilterSet(OfficerFilterSet):
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), label="Local authority"
    )
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


class WaitingReport(OfficerReportView):
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
    column_classes = {"name": ListingNameColumn, "status_label": WaitingStatusColumn}
    STATUS_LABELS = {
        "over": "Over the limit",
        "within": "Within the limit",
        "unknown": f"Unknown (not stated, or stated over {standard.WAITING_TIME_AGE_LIMIT} ago)",
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
            waiting_stated_on__gte=standard.waiting_time_current_since(),
        )
        return (
            self.within_authorities(Service.objects.filter(live=True))
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


# Local Offer coverage ---------------------------------------------------------------------


class CoverageFilterSet(OfficerFilterSet):
    # Labelled here: the report's rows are authorities, which have no "authority" field to
    # name the filter after (django-filter said "[invalid name]").
    authority = django_filters.ModelChoiceFilter(
        queryset=LocalAuthority.objects.all(), method="filter_authority", label="Local authority"
    )
    # Applied to the rows in CoverageReport.get_filtered_queryset.
    covered = RowFilter.of(
        django_filters.ChoiceFilter,
        choices=[("Yes", "Covered"), ("No", "Not covered")],
        label="Covered",
    )

    class Meta:
        model = LocalAuthority
        fields = []

    def filter_authority(self, queryset, name, value):
        return queryset.filter(pk=value.pk)


class CoverageReport(OfficerReportView):
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
        ("pages", "Current guide pages"),
        ("covered", "Covered"),
    ]

    def get_filename(self):
        return "local-offer-coverage"

    def get_base_queryset(self):
        authorities = LocalAuthority.objects.filter(listings__live=True).distinct()
        return self.within_authorities(authorities, field="pk")

    def get_filtered_queryset(self):
        authorities = list(self.filter_queryset(self.get_base_queryset()))
        rows = coverage(authorities)
        wanted = self.filter_value("covered", "")
        return [row for row in rows if not wanted or row.covered == wanted]
