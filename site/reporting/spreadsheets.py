"""Exports that are safe to open: a spreadsheet program runs a CSV cell that starts with
=, +, -, @, a tab or a carriage return as a formula (e.g. =HYPERLINK(...) typed into public
feedback or a SENCo's name). Every CSV export made here passes its cells through `inert`. XLSX
exports already store text as text (Wagtail writes formulas back as strings)."""

from django.utils.encoding import force_str

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """The value, with a leading apostrophe if a spreadsheet would read it as a formula.
    Numbers are left alone (a negative number is a number, not a formula)."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = force_str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else value


class InertCSVMixin:
    """For any Wagtail view with spreadsheet export (reports, index views): CSV cells inert."""

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {k: inert(v) for k, v in row_dict.items()})
