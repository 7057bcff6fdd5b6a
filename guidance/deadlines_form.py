"""The deadlines calculator's form: every public input is cleaned here, and the deadlines come
from the law in guidance/deadlines.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .date_input import DayMonthYearField
from .deadlines import EQUALITY_ACT_STARTED, MOVES, SCHOOL_YEARS, all_deadlines, school_year_label


def school_year_name(year):
    """A school year (SCHOOL_YEARS) in the language of the page."""
    return _("Reception") if year == 0 else _("Year %(year)s") % {"year": year}


def optional_date(label, **kwargs):
    return DayMonthYearField(label=label, required=False, **kwargs)


# The form's parts, each shown as a group with its own heading.
GROUPS = (
    (
        "assessment",
        gettext_lazy("Asking for an assessment and a plan"),
        ("request_received", "draft_plan_served", "final_plan_issued"),
    ),
    ("review", gettext_lazy("Annual reviews"), ("review_meeting", "amendment_notice_sent")),
    (
        "move",
        gettext_lazy("Moving to a new school or college"),
        ("move", "school_year", "move_date"),
    ),
    (
        "disagree",
        gettext_lazy("When you disagree"),
        ("decision_sent", "mediation_certificate_issued", "discrimination_on"),
    ),
)


class DeadlinesForm(forms.Form):
    request_received = optional_date(
        gettext_lazy("The date the council got your request"),
        help_text=gettext_lazy(
            "The day your request for an EHC needs assessment reached the council. "
            "For example, 27 3 2026."
        ),
    )
    draft_plan_served = optional_date(
        gettext_lazy("The date the draft plan reached you"),
        help_text=gettext_lazy("Use the day it came to you, not the day the council sent it."),
    )
    final_plan_issued = optional_date(
        gettext_lazy("The date of the final plan"),
        help_text=gettext_lazy("The date the council made the plan."),
    )
    review_meeting = optional_date(
        gettext_lazy("The date of the annual review meeting"),
        help_text=gettext_lazy("The day the meeting took place."),
    )
    amendment_notice_sent = optional_date(
        gettext_lazy("The date of the council's letter with the changes to the plan"),
        help_text=gettext_lazy("The letter that says what the council wants to change."),
    )
    move = forms.ChoiceField(
        label=gettext_lazy("The move"),
        required=False,
        help_text=gettext_lazy("Pick the move your child will make."),
        choices=[("", gettext_lazy("Choose the move"))]
        + [(key, m.label) for key, m in MOVES.items()],
        widget=forms.Select(attrs={"class": "select select--fit"}),
    )
    school_year = forms.TypedChoiceField(
        label=gettext_lazy("The school year your child is in now"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Choose the school year"))] + SCHOOL_YEARS,
        widget=forms.Select(attrs={"class": "select select--fit"}),
    )
    move_date = optional_date(
        gettext_lazy("The date of the move, if you know it"),
        help_text=gettext_lazy("The day your child starts at the new place."),
        latest_days=366 * 5,
    )
    decision_sent = optional_date(
        gettext_lazy("The date the council sent a decision you disagree with"),
        help_text=gettext_lazy(
            "For example, a letter saying no to an assessment, or a final plan."
        ),
    )
    mediation_certificate_issued = optional_date(
        gettext_lazy("The date of your mediation certificate"),
        help_text=gettext_lazy("The mediation adviser gives you this."),
    )
    discrimination_on = optional_date(
        gettext_lazy("The date a school treated your child unfairly because of a disability"),
        earliest=EQUALITY_ACT_STARTED,
        earliest_reason=gettext_lazy("when the Equality Act started"),
        help_text=gettext_lazy("If it went on for a time, use the last day."),
        latest_days=0,
    )

    field_order = [name for _key, _heading, names in GROUPS for name in names]

    @classmethod
    def submitted(cls, query):
        """Whether a query string holds any of the form's inputs."""
        names = set()
        for name, form_field in cls.base_fields.items():
            if isinstance(form_field, DayMonthYearField):
                names.update(f"{name}_{part}" for part in ("day", "month", "year"))
            else:
                names.add(name)
        return any(key in names for key in query)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["school_year"].help_text = _(
            "The school year from %(year)s. Or enter the date of the move."
        ) % {"year": school_year_label(self.today)}
        # The moves and years in the language of the page (they are defined in English).
        self.fields["move"].choices = [("", _("Choose the move"))] + [
            (key, _(move.label)) for key, move in MOVES.items()
        ]
        self.fields["school_year"].choices = [("", _("Choose the school year"))] + [
            (year, school_year_name(year)) for year, _name in SCHOOL_YEARS
        ]
        for name in ("move", "school_year"):
            self.fields[name].widget.attrs["aria-describedby"] = f"{name}-hint"

    def groups(self):
        """(key, heading, bound fields) for the template."""
        for key, heading, names in GROUPS:
            fields = [self[name] for name in names]
            yield key, heading, fields

    def error_links(self):
        """(anchor, message) for the error summary, each linking to the input to fix."""
        links = []
        first = f"id_{GROUPS[0][2][0]}_0"
        links += [(first, error) for error in self.non_field_errors()]
        for name in self.fields:
            anchor = (
                f"id_{name}_0" if isinstance(self.fields[name], DayMonthYearField) else f"id_{name}"
            )
            links += [(anchor, error) for error in self.errors.get(name, [])]
        return links

    def clean(self):
        data = super().clean()
        names = [name for name in self.fields if name in data]
        if not self.errors and all(data.get(name) in (None, "") for name in names):
            raise ValidationError(_("Enter at least one date."), code="empty")
        request = data.get("request_received")
        for name in ("draft_plan_served", "final_plan_issued"):
            if request and data.get(name) and data[name] < request:
                self.add_error(
                    name,
                    _("%(label)s cannot be before your request.")
                    % {"label": self.fields[name].label},
                )
        decision, certificate = data.get("decision_sent"), data.get("mediation_certificate_issued")
        if certificate and not decision:
            self.add_error(
                "decision_sent",
                _("Enter the date the council sent the decision too, to use a certificate."),
            )
        elif certificate and decision and certificate < decision:
            self.add_error(
                "mediation_certificate_issued",
                _("The mediation certificate cannot be before the decision."),
            )
        meeting, notice = data.get("review_meeting"), data.get("amendment_notice_sent")
        if meeting and notice and notice < meeting:
            self.add_error(
                "amendment_notice_sent",
                _("The letter with the changes cannot be before the meeting."),
            )
        self._clean_move(data)
        return data

    def _clean_move(self, data):
        move, school_year, move_date = (
            data.get("move"),
            data.get("school_year"),
            data.get("move_date"),
        )
        if not move:
            if school_year is not None or move_date:
                self.add_error("move", _("Choose the move, to use the school year or the date."))
            return
        spec = MOVES[move]
        if move_date:
            return
        if spec.last_year is None:
            self.add_error("move_date", _("Enter the date of the move. For this move we need it."))
        elif school_year is None:
            self.add_error(
                "school_year", _("Choose the school year your child is in now, or enter the date.")
            )
        elif school_year > spec.last_year:
            self.add_error(
                "school_year",
                _(
                    "A child in %(year)s has already made this move. "
                    "Choose another move, or enter the date."
                )
                % {"year": school_year_name(school_year)},
            )

    def deadlines(self):
        return all_deadlines(**self.cleaned_data, today=self.today)
