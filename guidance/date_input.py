"""A date typed as day, month and year: GOV.UK's date input, cleaned so that nothing typed can
overflow or pass for a date it is not."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .deadlines import LAW_STARTED

DIGITS = re.compile(r"[0-9]+")


class DateInput(forms.MultiWidget):
    """Day, month and year as three boxes, the pattern GOV.UK found easiest for everyone."""

    template_name = "guidance/widgets/date_input.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "autocomplete": "off", "class": "date-input__input"}
        super().__init__(
            {
                "day": forms.TextInput(attrs={**number, "maxlength": 2, "size": 2}),
                "month": forms.TextInput(attrs={**number, "maxlength": 2, "size": 2}),
                "year": forms.TextInput(attrs={**number, "maxlength": 4, "size": 4}),
            },
            attrs,
        )

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


LAW_STARTED_REASON = gettext_lazy("when this law started")


class DayMonthYearField(forms.MultiValueField):
    """A date typed as day, month and year. Only the digits 0-9 count (not ², not ٣), a day or
    month has at most 2 of them and a year exactly 4, so nothing typed can overflow."""

    widget = DateInput

    def __init__(self, earliest=LAW_STARTED, earliest_reason=LAW_STARTED_REASON, **kwargs):
        self.earliest, self.earliest_reason = earliest, earliest_reason
        self.latest_days = kwargs.pop("latest_days", 366)
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def latest(self):
        return timezone.localdate() + datetime.timedelta(days=self.latest_days)

    def clean(self, value):
        if not isinstance(value, list | tuple) or len(value) != 3:
            value = ["", "", ""]
        parts = [str(p).strip() if p is not None else "" for p in value]
        if not any(parts):
            if self.required:
                raise ValidationError(
                    _("Enter %(label)s.") % {"label": str(self.label).lower()}, code="required"
                )
            return None
        if not all(parts):
            missing = [
                n for n, p in zip((_("day"), _("month"), _("year")), parts, strict=True) if not p
            ]
            raise ValidationError(
                _("%(label)s must include a %(parts)s.")
                % {"label": self.label, "parts": _(" and ").join(missing)}
            )
        if not all(DIGITS.fullmatch(p) for p in parts):
            raise ValidationError(
                _("%(label)s must be numbers, like 27 3 2026.") % {"label": self.label}
            )
        if len(parts[0]) > 2 or len(parts[1]) > 2:
            raise ValidationError(
                _("%(label)s: the day and month must be 1 or 2 numbers.") % {"label": self.label}
            )
        if len(parts[2]) != 4:
            raise ValidationError(
                _("%(label)s: the year must have 4 numbers, like 2026.") % {"label": self.label}
            )
        day, month, year = (int(p) for p in parts)
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                _("%(label)s must be a real date.") % {"label": self.label}
            ) from None
        if date < self.earliest:
            raise ValidationError(
                _("%(label)s must be on or after %(date)s, %(reason)s.")
                % {
                    "label": self.label,
                    "date": date_format(self.earliest, "j F Y"),
                    "reason": self.earliest_reason,
                }
            )
        latest = self.latest()
        if date > latest:
            if self.latest_days == 0:
                raise ValidationError(
                    _("%(label)s cannot be in the future.") % {"label": self.label}
                )
            raise ValidationError(
                _("%(label)s must be on or before %(date)s.")
                % {"label": self.label, "date": date_format(latest, "j F Y")}
            )
        return date

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return None
