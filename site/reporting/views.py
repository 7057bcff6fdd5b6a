import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils.formats import date_format
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

import roles

from .spreadsheets import InertCSVMixin

# Every report lives under one address, whichever app declares it.
URL_PREFIX = "reports/local-offer/"


class AbsoluteDateColumn(Column):
    """A date as "12 March 2026", not Wagtail's "2 months ago": reports are read, printed and
    compared later, when "ago" would be wrong."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "j F Y") if value else ""


class OfficerReportView(InertCSVMixin, ReportView):
    """A report for Local Offer officers and regulators (roles.reads_reports).

    Each report declares its `fields` once, as (attribute, label) or (attribute, label,
    sort key); the table's columns and the CSV/XLSX export are both made from them, so an
    export is exactly what is on screen. Attributes in `date_fields` show as dates
    ("12 March 2026").
    """

    fields = ()
    date_fields = frozenset()
    # {attribute: Column subclass} for cells shown differently on screen (a highlight, a
    # <details> list); the export still has the attribute's plain value.
    column_classes = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.fields:
            return
        columns = []
        for attribute, label, *sort in cls.fields:
            column_class = cls.column_classes.get(attribute) or (
                AbsoluteDateColumn if attribute in cls.date_fields else Column
            )
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
        if not roles.reads_reports(request.user):
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

    def within_authorities(self, queryset, field="authority"):
        """Reports show only the authorities the user acts for (all, for national staff)."""
        return roles.within_authorities(self.request.user, queryset, field=field)

    def filter_value(self, name, default=None):
        """A filter's cleaned value, or `default` when it is unset or the filters are invalid
        (an invalid filter shows its error on the form and filters nothing)."""
        if self.filters is None or not self.filters.is_valid():
            return default
        value = self.filters.form.cleaned_data.get(name)
        return default if value in (None, "") else value


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


class OfficerFilterSet(WagtailFilterSet):
    """A report's filters: an "authority" filter offers only the authorities the user acts
    for."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        authority = self.filters.get("authority")
        if authority is not None and request is not None:
            authority.queryset = roles.within_authorities(
                request.user, authority.queryset, field="pk"
            )


class RowFilter(django_filters.Filter):
    """A filter the report applies to the rows it computes, not to the queryset: it only puts
    the field on the filter form. Read it with `OfficerReportView.filter_value`. Make one with
    `RowFilter.of(django_filters.ChoiceFilter, choices=...)`."""

    def filter(self, qs, value):
        return qs

    @classmethod
    def of(cls, filter_class, **kwargs):
        return type(f"Row{filter_class.__name__}", (cls, filter_class), {})(**kwargs)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.reads_reports(request.user)


def register_reports(namespace, reports, order=10):
    """Register an app's reports: their URLs under /admin/reports/local-offer/ in `namespace`,
    and one item each in the admin's Reports menu. `reports` is a list of
    (url name, menu label, icon, view class)."""

    @hooks.register("register_admin_urls")
    def report_urls():
        urls = []
        for name, _, _, view in reports:
            urls += [
                path(f"{name}/", view.as_view(), name=name),
                path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results"),
            ]
        return [path(URL_PREFIX, include((urls, namespace)))]

    for position, (name, label, icon, _) in enumerate(reports):

        def menu_item(name=name, label=label, icon=icon, position=position):
            return ReportMenuItem(
                label, reverse(f"{namespace}:{name}"), icon_name=icon, order=order + position
            )

        hooks.register("register_reports_menu_item", menu_item)
