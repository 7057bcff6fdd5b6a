"""The statutory time limits of an EHC needs assessment, worked out from the family's dates.

The one place these rules are written down. Sources: Children and Families Act 2014 (CFA),
the Special Educational Needs and Disability Regulations 2014 (SI 2014/1530, "SEND Regulations"),
the Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules
2008 (SI 2008/2699, "Tribunal Rules") and the SEND Code of Practice 2015 (CoP), paragraph 9.40.
Time limits count calendar days: school holidays do not stop the clock.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

# Part 3 of the Children and Families Act 2014 came into force on 1 September 2014.
LAW_STARTED = datetime.date(2014, 9, 1)

# The three reasons the regulations allow the council more time (regs 5(4), 10(4), 13(3)).
EXCEPTIONS = (
    "your child's school or college was closed for 4 weeks or more in a row while the council "
    "was asking it for advice",
    "something exceptional happened in your family's life that made it impractical",
    "you or your child were away from the area for 4 weeks or more in a row",
)


@dataclass
class Deadline:
    key: str
    heading: str
    date: datetime.date | None
    text: str
    source: str
    exceptions: tuple = field(default=())
    exceptions_source: str = ""


def add_months(day, months):
    """The same day of the month `months` later; the month's last day if there is no such day
    (2 months after 31 December is the end of February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def ehc_deadlines(
    request_received,
    draft_plan_sent=None,
    final_plan_issued=None,
    decision_sent=None,
    mediation_certificate_issued=None,
):
    """Each deadline that follows from the dates given, in the order they come."""
    deadlines = [
        Deadline(
            "decision-to-assess",
            "The council decides whether to assess your child",
            request_received + datetime.timedelta(weeks=6),
            "The council must tell you within 6 weeks of getting your request whether it will "
            "carry out an EHC needs assessment. If it says no, it must tell you why and how to "
            "appeal.",
            "SEND Regulations 2014, regulation 5(1); Code of Practice 2015, paragraph 9.40",
            EXCEPTIONS,
            "SEND Regulations 2014, regulation 5(4)",
        ),
        Deadline(
            "no-plan-notice",
            "If the council decides not to make a plan",
            request_received + datetime.timedelta(weeks=16),
            "After the assessment, if the council decides your child does not need an EHC plan, "
            "it must tell you within 16 weeks of your request. It must tell you how to appeal.",
            "SEND Regulations 2014, regulation 10(1)",
            EXCEPTIONS,
            "SEND Regulations 2014, regulation 10(4)",
        ),
    ]
    if draft_plan_sent:
        deadlines.append(
            Deadline(
                "draft-comments",
                "Your comments on the draft plan",
                draft_plan_sent + datetime.timedelta(days=14),
                "The council must give you at least 15 days to comment on the draft plan and to "
                "ask for a school or college to be named. The 15 days start on the day the draft "
                "was sent. You can also ask to meet someone from the council.",
                "SEND Regulations 2014, regulation 13(1); Children and Families Act 2014, "
                "section 38",
            )
        )
    else:
        deadlines.append(
            Deadline(
                "draft-comments",
                "Your comments on the draft plan",
                None,
                "When the draft plan comes, you get at least 15 days to comment and to ask for a "
                "school or college to be named. Enter the date it was sent to work out the date.",
                "SEND Regulations 2014, regulation 13(1)",
            )
        )
    deadlines.append(
        Deadline(
            "final-plan",
            "The final EHC plan",
            request_received + datetime.timedelta(weeks=20),
            "If the council decides to make a plan, the final plan must be sent to you within "
            "20 weeks of your request. This is the whole process, from start to end.",
            "SEND Regulations 2014, regulation 13(2); Code of Practice 2015, paragraph 9.40",
            EXCEPTIONS,
            "SEND Regulations 2014, regulation 13(3)",
        )
    )
    if final_plan_issued:
        deadlines.append(
            Deadline(
                "first-review",
                "The first annual review",
                add_months(final_plan_issued, 12) - datetime.timedelta(days=1),
                "The council must review the plan within 12 months of making it, and then at "
                "least every 12 months.",
                "Children and Families Act 2014, section 44(1)",
            )
        )
    deadlines.append(appeal_deadline(decision_sent, mediation_certificate_issued))
    return deadlines


def appeal_deadline(decision_sent=None, mediation_certificate_issued=None):
    """The last day to register an appeal with the SEND Tribunal: 2 months from the date the
    decision letter was sent, or 1 month from a mediation certificate, whichever is later."""
    source = (
        "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
        "Rules 2008, rule 20; Children and Families Act 2014, sections 51 and 55"
    )
    mediation_text = (
        " Before you appeal you must talk to a mediation adviser, unless your appeal is only "
        "about the school or college named in the plan. The adviser gives you a certificate."
    )
    if decision_sent is None:
        return Deadline(
            "appeal",
            "Appealing to the SEND Tribunal",
            None,
            "If you disagree with a decision, you have 2 months from the date on the decision "
            "letter to appeal, or 1 month from getting a mediation certificate if that is later. "
            "Enter the date of the letter to work out the date." + mediation_text,
            source,
        )
    by_decision = add_months(decision_sent, 2)
    if mediation_certificate_issued:
        by_certificate = add_months(mediation_certificate_issued, 1)
        last_day = max(by_decision, by_certificate)
        which = (
            "1 month from the mediation certificate"
            if by_certificate > by_decision
            else "2 months from the decision letter"
        )
        text = (
            f"You have until this date to appeal. This is {which}, because that is the later "
            "of the two dates."
        )
    else:
        last_day = by_decision
        text = (
            "You have 2 months from the date on the decision letter to appeal. If you get a "
            "mediation certificate, you have 1 month from the certificate if that is later."
            + mediation_text
        )
    return Deadline("appeal", "Appealing to the SEND Tribunal", last_day, text, source)


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


class DayMonthYearField(forms.MultiValueField):
    widget = DateInput

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1000, max_value=9999),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        parts = [str(p).strip() if p is not None else "" for p in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise ValidationError(f"Enter {self.label.lower()}.", code="required")
            return None
        if not all(parts):
            missing = [n for n, p in zip(("day", "month", "year"), parts, strict=True) if not p]
            raise ValidationError(f"{self.label} must include a {' and '.join(missing)}.")
        if not all(p.isdigit() for p in parts):
            raise ValidationError(f"{self.label} must be numbers, like 27 3 2026.")
        day, month, year = (int(p) for p in parts)
        if len(parts[2]) != 4:
            raise ValidationError(f"{self.label}: the year must have 4 numbers, like 2026.")
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.label} must be a real date.") from None
        if date < LAW_STARTED:
            raise ValidationError(
                f"{self.label} must be on or after 1 September 2014, when this law started."
            )
        if date > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(f"{self.label} must be within the next year.")
        return date

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return None


class DeadlinesForm(forms.Form):
    request_received = DayMonthYearField(
        label="The date the council got your request",
        help_text="The date your request for an EHC needs assessment reached the council. "
        "For example, 27 3 2026.",
    )
    draft_plan_sent = DayMonthYearField(
        label="The date the draft plan was sent (if you have it)",
        required=False,
    )
    final_plan_issued = DayMonthYearField(
        label="The date of the final plan (if you have it)",
        required=False,
    )
    decision_sent = DayMonthYearField(
        label="The date on a decision letter you disagree with (if you have one)",
        required=False,
        help_text="For example, a letter saying no to an assessment, or a final plan.",
    )
    mediation_certificate_issued = DayMonthYearField(
        label="The date of your mediation certificate (if you have one)",
        required=False,
    )

    def clean(self):
        data = super().clean()
        request = data.get("request_received")
        for name in ("draft_plan_sent", "final_plan_issued"):
            if request and data.get(name) and data[name] < request:
                self.add_error(name, f"{self.fields[name].label} cannot be before your request.")
        decision, certificate = data.get("decision_sent"), data.get("mediation_certificate_issued")
        if certificate and not decision:
            self.add_error(
                "decision_sent", "Enter the date on the decision letter too, to use a certificate."
            )
        elif certificate and decision and certificate < decision:
            self.add_error(
                "mediation_certificate_issued",
                "The mediation certificate cannot be before the decision letter.",
            )
        return data

    def deadlines(self):
        return ehc_deadlines(**self.cleaned_data)
