"""The statutory time limits families meet in the SEND system, worked out from their own dates.

The one place these rules are written down. Sources:

- Children and Families Act 2014 ("CFA");
- the Special Educational Needs and Disability Regulations 2014 (SI 2014/1530, "SEND Regulations");
- the Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules
  2008 (SI 2008/2699, "Tribunal Rules");
- the Equality Act 2010, Schedule 17 (disability discrimination claims against schools);
- the SEND Code of Practice 2015 ("CoP"), paragraph 9.40 (the EHC timetable).

How periods are counted (the conventions of the English courts):

- "N weeks" from a day ends on the same weekday N weeks later (6 weeks from Monday 2 March 2026 is
  Monday 13 April 2026), as the Code of Practice's own timetable counts them.
- "N months after" a day (Tribunal Rules rule 20: "within 2 months after" the decision) ends on
  the corresponding date N months later: 15 January -> 15 March. Where that month has no such
  date it ends on the last day of the month: 31 December -> 28 (or 29) February. This is the
  corresponding date rule of Dodds v Walker [1981] 1 WLR 1027 (HL).
- "N months starting with" a day (CFA s44(1): the review "in the period of 12 months starting
  with the date on which the plan was first made"; Equality Act 2010 Sch 17 para 4(1): "6 months
  starting with" the conduct) counts that day itself as the first day (Trow v Ind Coope (West
  Midlands) Ltd [1967] 2 QB 899 (CA): a writ issued 2 October, valid for 12 months "beginning with"
  that date, expired at the end of 1 October). So the period ends on the day before the
  corresponding date: 12 months starting with 1 March 2027 ends on 29 February 2028, a full
  twelve calendar months. Where the later month has no corresponding date (12 months starting
  with 29 February 2028; 1 month starting with 31 January) the period ends at the end of that
  month (28 February 2029; 28 or 29 February), as Dodds v Walker does when there is no such date.
- "At least 5 months before" a day (reg 18, a move between post-16 institutions) is the latest
  day from which 5 months after still falls on or before it: 1 April for a move on 1 September,
  the end of February for a move on 31 July.
- Only the Tribunal Rules move a time limit that ends on a non-working day (rule 12). The
  council's own time limits and the 2 months for contacting a mediation adviser are not moved.

Rule 12 of the Tribunal Rules (checked in /work/shared/reference/statutory.md):
  (1) an act required to be done on or by a particular day must be done by 5pm on that day;
  (2) a time limit ending on a day that is not a working day is met by acting on the next
      working day;
  (3)(a) in a special educational needs case (and a disability discrimination in schools case),
      if the time for starting proceedings under rule 20 ends on a day from 25 December to
      1 January inclusive, or on any day in August, the application is in time if it is provided
      on the first working day after 1 January or 31 August, as appropriate;
  (5) "working day" means any day except a Saturday or Sunday, Christmas Day, Good Friday or a bank
      holiday under section 1 of the Banking and Financial Dealings Act 1971.
We apply rule 12(3)(a) when the time limit itself ends in August or from 25 December to
1 January, and rule 12(2) otherwise. A limit ending on a weekend just before August or Christmas
(Saturday 31 July) therefore moves only to the next working day (Monday 2 August): where the
rules could be read either way we show the earlier date, so a family relying on it is never late.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils import timezone
from django.utils.translation import gettext_noop

# Part 3 of the Children and Families Act 2014 came into force on 1 September 2014.
LAW_STARTED = datetime.date(2014, 9, 1)
# Most of the Equality Act 2010, Schedule 17 included, came into force on 1 October 2010.
EQUALITY_ACT_STARTED = datetime.date(2010, 10, 1)

SEND_REGS = "SEND Regulations 2014"
TRIBUNAL_RULES = "Tribunal Rules 2008"
CFA = "Children and Families Act 2014"
# The full titles of the laws whose short names the page uses.
LAWS = (
    (
        SEND_REGS,
        "The Special Educational Needs and Disability Regulations 2014 (SI 2014/1530)",
    ),
    (
        TRIBUNAL_RULES,
        "The Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) "
        "Rules 2008 (SI 2008/2699)",
    ),
)

# When the council can take longer: each regulation's own list, in plain words. Reg 5(4) has
# three reasons; regs 10(4) and 13(3) add a fourth, an early years provider that was closed.
SCHOOL_CLOSED = (
    "The council asked your child's school or college for advice. It was shut for 4 weeks or "
    "more in a row. This counts from 1 week before it shut until 1 week before it opened again."
)
EXCEPTIONAL = (
    "Something exceptional happened in the life of your child, of you, or of the young person."
)
AWAY = (
    "Your child or you, or the young person, were away from the council's area for 4 weeks or "
    "more in a row."
)
EARLY_YEARS_CLOSED = (
    "The council asked an early years provider, like a nursery, for advice. It was shut for 4 "
    "weeks or more in a row. This counts from 1 week before it shut until 1 week before it "
    "opened again."
)
EXCEPTIONS_REG_5_4 = (SCHOOL_CLOSED, EXCEPTIONAL, AWAY)
EXCEPTIONS_REG_10_4 = (SCHOOL_CLOSED, EXCEPTIONAL, AWAY, EARLY_YEARS_CLOSED)
EXCEPTIONS_REG_13_3 = EXCEPTIONS_REG_10_4


@dataclass
class Deadline:
    key: str
    heading: str
    date: datetime.date | None
    text: str
    source: str
    exceptions: tuple = field(default=())
    exceptions_source: str = ""
    # The Tribunal: the day the time limit itself ends, and why rule 12 gives until `date`.
    limit_ends: datetime.date | None = None
    moved_because: str = ""
    by_5pm: bool = False

    @property
    def moved(self):
        return bool(self.limit_ends and self.date and self.limit_ends != self.date)


# Dates: working days, months.


@lru_cache(maxsize=64)
def _bank_holidays(year):
    # England's bank holidays (Banking and Financial Dealings Act 1971, s1 and Schedule 1, and
    # those proclaimed under it), with Good Friday and Christmas Day.
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day):
    """Tribunal Rules rule 12(5): not a Saturday or Sunday, Christmas Day, Good Friday or a bank
    holiday in England."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def next_working_day(day):
    """The first working day on or after `day`."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def first_working_day_after(day):
    return next_working_day(day + datetime.timedelta(days=1))


def _month(day, months):
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return year, month + 1, calendar.monthrange(year, month + 1)[1]


def add_months(day, months):
    """The last day of a period of `months` months after `day` (negative: before it): the same
    day of the month, or the month's last day if there is no such day (Dodds v Walker)."""
    year, month, last = _month(day, months)
    return datetime.date(year, month, min(day.day, last))


def months_starting_with(day, months):
    """The last day of a period of `months` months starting with `day`, which is its first day:
    the day before the corresponding date, or the end of the month where there is none."""
    year, month, last = _month(day, months)
    if day.day > last:
        return datetime.date(year, month, last)
    return datetime.date(year, month, day.day) - datetime.timedelta(days=1)


def tribunal_last_day(limit_ends):
    """When a claim or appeal to the SEND Tribunal is in time under rule 12: the day, and the
    reason it differs from the day the time limit ends ("" if it does not)."""
    if limit_ends.month == 8:
        return (
            first_working_day_after(datetime.date(limit_ends.year, 8, 31)),
            "The time limit ends in August. The Tribunal's rules then give you until the first "
            "working day after 31 August.",
        )
    if (limit_ends.month, limit_ends.day) >= (12, 25) or (limit_ends.month, limit_ends.day) == (
        1,
        1,
    ):
        new_year = limit_ends.year + 1 if limit_ends.month == 12 else limit_ends.year
        return (
            first_working_day_after(datetime.date(new_year, 1, 1)),
            "The time limit ends between 25 December and 1 January. The Tribunal's rules then "
            "give you until the first working day after 1 January.",
        )
    if not is_working_day(limit_ends):
        return (
            next_working_day(limit_ends),
            "The time limit ends on a weekend or bank holiday. The Tribunal's rules then give you "
            "until the next working day.",
        )
    return limit_ends, ""


def tribunal_deadline(key, heading, limit_ends, text, source):
    last_day, because = tribunal_last_day(limit_ends)
    return Deadline(
        key,
        heading,
        last_day,
        text,
        f"{source}; {TRIBUNAL_RULES}, rule 12",
        limit_ends=limit_ends,
        moved_because=because,
        by_5pm=True,
    )


# The EHC needs assessment and plan.

WEEK = datetime.timedelta(weeks=1)
SERVED_TEXT = (
    "The law says the 15 days start on the day the draft plan was served on you, not the day the "
    "council sent it. A letter in the post comes a day or more after it was sent. An email may "
    "come the same day. Write down the date the draft reached you, and keep the envelope or the "
    "email. To be safe, send your comments within 15 days of the date on the council's letter "
    "if you can."
)


def assessment_deadlines(request_received, draft_plan_served=None):
    deadlines = [
        Deadline(
            "decision-to-assess",
            "The council decides whether to assess your child",
            request_received + 6 * WEEK,
            "The council must tell you within 6 weeks of getting your request if it will do an "
            "EHC needs assessment. If it says no, it must tell you why and how to appeal.",
            f"{SEND_REGS}, regulation 5(1); Code of Practice 2015, paragraph 9.40",
            EXCEPTIONS_REG_5_4,
            f"{SEND_REGS}, regulation 5(4)",
        ),
        Deadline(
            "no-plan-notice",
            "If the council decides not to make a plan",
            request_received + 16 * WEEK,
            "After the assessment, if the council decides your child does not need an EHC plan, "
            "it must tell you within 16 weeks of your request. It must tell you how to appeal.",
            f"{SEND_REGS}, regulation 10(1)",
            EXCEPTIONS_REG_10_4,
            f"{SEND_REGS}, regulation 10(4)",
        ),
    ]
    if not draft_plan_served:
        deadlines.append(
            Deadline(
                "draft-comments",
                "Your comments on the draft plan",
                None,
                "When the draft plan comes, you get at least 15 days to comment and to ask for a "
                "school or college to be named. Enter the date it reached you to see the date.",
                f"{SEND_REGS}, regulation 13(1)",
            )
        )
    deadlines.append(
        Deadline(
            "final-plan",
            "The final EHC plan",
            request_received + 20 * WEEK,
            "If the council decides to make a plan, it must send you the final plan within "
            "20 weeks of your request. This is the whole process, from start to end.",
            f"{SEND_REGS}, regulation 13(2); Code of Practice 2015, paragraph 9.40",
            EXCEPTIONS_REG_13_3,
            f"{SEND_REGS}, regulation 13(3)",
        )
    )
    return deadlines


def draft_comments_deadline(draft_plan_served):
    return Deadline(
        "draft-comments",
        "Your comments on the draft plan",
        draft_plan_served + datetime.timedelta(days=14),
        "You get at least 15 days to comment on the draft plan and to ask for a school or "
        "college to be named. The day it was served on you is day 1. You can also ask to meet "
        "someone from the council. " + SERVED_TEXT,
        f"{SEND_REGS}, regulation 13(1); {CFA}, section 38",
    )


# Reviews and moving school.


def first_review_deadline(final_plan_issued):
    return Deadline(
        "first-review",
        "The first annual review",
        months_starting_with(final_plan_issued, 12),
        "The council must review the plan within 12 months of making it. The day the plan was "
        "made is the first day of the 12 months.",
        f"{CFA}, section 44(1)(a)",
    )


def review_deadlines(review_meeting=None, amendment_notice_sent=None):
    deadlines = []
    if review_meeting:
        deadlines += [
            Deadline(
                "review-decision",
                "The council's decision after the review meeting",
                review_meeting + 4 * WEEK,
                "Within 4 weeks of the meeting, the council must tell you if it will keep the "
                "plan as it is, change it or stop it. If it wants to change the plan, it must send "
                "you the changes it proposes in this time.",
                f"{SEND_REGS}, regulations 20(10) and 22; R (L, M and P) v Devon County Council "
                "[2022] EWHC 493 (Admin)",
            ),
            Deadline(
                "next-review",
                "The next annual review",
                months_starting_with(review_meeting, 12),
                "The next review must be within 12 months, starting with the day of this one. "
                "We count from the day of the meeting.",
                f"{CFA}, section 44(1)(b)",
            ),
        ]
    if amendment_notice_sent:
        deadlines.append(
            Deadline(
                "amended-plan",
                "The final changed plan",
                amendment_notice_sent + 8 * WEEK,
                "The council must send you the final changed plan within 8 weeks of the day it "
                "sent you the changes it proposed.",
                f"{SEND_REGS}, regulation 22; R (L, M and P) v Devon County Council [2022] EWHC "
                "493 (Admin)",
            )
        )
    elif review_meeting:
        deadlines.append(
            Deadline(
                "amended-plan",
                "The final changed plan",
                review_meeting + 12 * WEEK,
                "If the council changes the plan, it must send you the final plan within 8 weeks "
                "of the day it sent you the changes it proposed. That is at most 12 weeks after "
                "the meeting. Enter the date of its letter with the changes to see the exact date.",
                f"{SEND_REGS}, regulation 22; R (L, M and P) v Devon County Council [2022] EWHC "
                "493 (Admin)",
            )
        )
    return deadlines


@dataclass(frozen=True)
class Move:
    label: str
    last_year: int | None  # the school year a child leaves after (None: ask for the date)
    by_day: tuple | None  # (month, day) in the calendar year of the move, or None: 5 months


MOVES = {
    "early-years": Move(
        gettext_noop("From nursery or another early years setting to school"), None, (2, 15)
    ),
    "infant-junior": Move(
        gettext_noop("From infant school to junior school (after Year 2)"), 2, (2, 15)
    ),
    "primary-secondary": Move(
        gettext_noop("From primary school to secondary school (after Year 6)"), 6, (2, 15)
    ),
    "middle": Move(gettext_noop("To or from a middle school"), None, (2, 15)),
    "post-16": Move(
        gettext_noop("From secondary school to a college or other post-16 place (after Year 11)"),
        11,
        (3, 31),
    ),
    "post-16-to-post-16": Move(
        gettext_noop("From one college or post-16 place to another"), None, None
    ),
}
# Reception to Year 11: the years a child moves on from by school year (later moves need a date).
# (The calculator shows them in the family's language: deadlines_form.school_year_name.)
SCHOOL_YEARS = [(0, "Reception")] + [(year, f"Year {year}") for year in range(1, 12)]


def school_year_starting(today):
    """The calendar year in which the current school year began (in September)."""
    return today.year if today.month >= 9 else today.year - 1


def move_year(move, school_year, today):
    """The calendar year of the move, from the school year the child is in now."""
    return school_year_starting(today) + 1 + MOVES[move].last_year - school_year


def school_year_label(today):
    start = school_year_starting(today)
    return f"September {start} to July {start + 1}"


def phase_transfer_deadline(move, school_year=None, move_date=None, today=None):
    spec = MOVES[move]
    source = f"{SEND_REGS}, regulation 18"
    if spec.by_day is None:
        return Deadline(
            "phase-transfer",
            "The plan changed for the move to a new college",
            add_months(move_date, -5),
            "When a young person moves from one post-16 place to another, the council must "
            "review the plan and make any changes at least 5 months before the move. The plan "
            "should name the new place.",
            source,
        )
    year = move_date.year if move_date else move_year(move, school_year, today)
    month, day = spec.by_day
    where = "the college or other post-16 place" if month == 3 else "the new school"
    # Reg 18(1) says "before" 15 February (31 March): the last day is the day before.
    last_day = datetime.date(year, month, day) - datetime.timedelta(days=1)
    return Deadline(
        "phase-transfer",
        f"The plan changed to name {where}",
        last_day,
        f"Your child moves in {year}. The council must review the plan and make any changes "
        f"before {day} {calendar.month_name[month]} {year}, so by {last_day.day} "
        f"{calendar.month_name[last_day.month]} at the latest. The plan should name {where}. "
        "Ask the council early what it plans.",
        source,
    )


# Disagreeing: mediation, appeals and disability discrimination.


def mediation_deadline(decision_sent):
    return Deadline(
        "mediation-adviser",
        "Contact a mediation adviser",
        add_months(decision_sent, 2),
        "To appeal, you must first contact a mediation adviser within 2 months of the "
        "decision, unless the appeal is only about the school or college named in the plan. "
        "You do not have to go to mediation. The adviser gives you a certificate. If you "
        "choose mediation, it must take place within 30 days, or you get a certificate.",
        f"{CFA}, section 55; {SEND_REGS}, regulation 33",
    )


def appeal_deadline(decision_sent=None, mediation_certificate_issued=None):
    """The last day to send an appeal to the SEND Tribunal: 2 months after the decision was sent,
    or 1 month after a mediation certificate was issued, whichever is later; then rule 12."""
    heading = "Appealing to the SEND Tribunal"
    source = f"{TRIBUNAL_RULES}, rule 20; {CFA}, section 51"
    if decision_sent is None:
        return Deadline(
            "appeal",
            heading,
            None,
            "If you disagree with a decision, you have 2 months from the date the council sent "
            "the letter to appeal, or 1 month from a mediation certificate if that is later. "
            "Enter the date of the letter to see the date.",
            source,
        )
    by_decision = add_months(decision_sent, 2)
    if mediation_certificate_issued:
        by_certificate = add_months(mediation_certificate_issued, 1)
        limit_ends = max(by_decision, by_certificate)
        which = (
            "1 month from the mediation certificate"
            if by_certificate > by_decision
            else "2 months from the decision letter"
        )
        text = f"The time limit is {which}, because that is the later of the two dates."
    else:
        limit_ends = by_decision
        text = (
            "The time limit is 2 months from the decision letter. If you get a mediation "
            "certificate, it is 1 month from the certificate if that is later."
        )
    return tribunal_deadline("appeal", heading, limit_ends, text, source)


def discrimination_deadline(conduct_on):
    return tribunal_deadline(
        "disability-claim",
        "A disability discrimination claim against a school",
        months_starting_with(conduct_on, 6),
        "You can make a claim to the Tribunal within 6 months. The day it happened is the first "
        "day of the 6 months. If it went on for a time, the 6 months start at the end. The "
        "Tribunal can agree to hear a late claim, but do not count on it.",
        "Equality Act 2010, Schedule 17, paragraph 4",
    )


def all_deadlines(
    request_received=None,
    draft_plan_served=None,
    final_plan_issued=None,
    review_meeting=None,
    amendment_notice_sent=None,
    move=None,
    school_year=None,
    move_date=None,
    decision_sent=None,
    mediation_certificate_issued=None,
    discrimination_on=None,
    today=None,
):
    """Each deadline that follows from the dates given, soonest first (those without a date
    last)."""
    deadlines = []
    if request_received:
        deadlines += assessment_deadlines(request_received, draft_plan_served)
    if draft_plan_served:
        deadlines.append(draft_comments_deadline(draft_plan_served))
    if final_plan_issued:
        deadlines.append(first_review_deadline(final_plan_issued))
    deadlines += review_deadlines(review_meeting, amendment_notice_sent)
    if move:
        deadlines.append(
            phase_transfer_deadline(move, school_year, move_date, today or timezone.localdate())
        )
    if decision_sent:
        deadlines.append(mediation_deadline(decision_sent))
    if decision_sent or request_received:
        deadlines.append(appeal_deadline(decision_sent, mediation_certificate_issued))
    if discrimination_on:
        deadlines.append(discrimination_deadline(discrimination_on))
    return sorted(deadlines, key=lambda d: (d.date is None, d.date or datetime.date.min))


def ehc_deadlines(request_received, **dates):
    """The deadlines of an EHC needs assessment (kept for callers that start from the request)."""
    return all_deadlines(request_received=request_received, **dates)
