"""The shared base of every admin report: the Local Offer's accountability reports for officers
and regulators. Each app declares its own reports and registers them in its own
`wagtail_hooks.py` with `register_reports`, as Wagtail's contrib apps do; this package sits below
all of them and knows none of their models."""

from .spreadsheets import InertCSVMixin, inert
from .views import (
    AbsoluteDateColumn,
    OfficerFilterSet,
    OfficerReportView,
    RowFilter,
    register_reports,
)

__all__ = [
    "AbsoluteDateColumn",
    "InertCSVMixin",
    "OfficerFilterSet",
    "OfficerReportView",
    "RowFilter",
    "inert",
    "register_reports",
]
