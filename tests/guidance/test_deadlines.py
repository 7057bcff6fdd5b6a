"""The deadlines calculator against dates worked out by hand from the law, with a calendar.

Each expected date below was counted by hand from the rule it cites (weekdays from a printed
calendar; England's bank holidays as published for that year), not produced by the code.
"""

import datetime
import html as html_lib
import re
from html.parser import HTMLParser

import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance import readability
from guidance.deadlines import (
    add_months,
    all_deadlines,
    appeal_deadline,
    discrimination_deadline,
    ehc_deadlines,
    is_working_day,
    mediation_deadline,
    months_starting_with,
    phase_transfer_deadline,
    review_deadlines,
    tribunal_last_day,
)

D = datetime.date
DAY = datetime.timedelta(days=1)


def by_key(deadlines):
    return {deadline.key: deadline for deadline in deadlines}


# The EHC needs assessment: weeks, counted from the day the request arrived.


def test_statutory_weeks_from_the_day_the_request_arrived():
    # Request received Monday 2 March 2026.
    dates = by_key(ehc_deadlines(D(2026, 3, 2)))
    assert dates["decision-to-assess"].date == D(2026, 4, 13)  # 6 weeks: Monday 13 April
    assert dates["no-plan-notice"].date == D(2026, 6, 22)  # 16 weeks: Monday 22 June
    assert dates["final-plan"].date == D(2026, 7, 20)  # 20 weeks: Monday 20 July
    assert dates["draft-comments"].date is None  # needs the draft's date
    assert dates["appeal"].date is None  # needs a decision letter


def test_council_weeks_run_through_holidays_and_are_not_moved_off_bank_holidays():
    dates = by_key(ehc_deadlines(D(2025, 12, 15)))
    assert dates["decision-to-assess"].date == D(2026, 1, 26)
    assert dates["final-plan"].date == D(2026, 5, 4)  # May Day bank holiday: still the date
    assert not dates["final-plan"].by_5pm


def test_fifteen_days_for_the_draft_count_the_day_it_was_served_as_day_one():
    dates = by_key(ehc_deadlines(D(2026, 3, 2), draft_plan_served=D(2026, 6, 4)))
    draft = dates["draft-comments"]
    assert draft.date == D(2026, 6, 18)  # 4 June is day 1, 18 June day 15
    assert "served on you, not the day the council sent it" in draft.text
    assert "Write down the date the draft reached you" in draft.text
    assert "post" in draft.text and "email" in draft.text
    assert "regulation 13(1)" in draft.source


def test_each_regulation_shows_its_own_list_of_reasons_to_take_longer():
    dates = by_key(ehc_deadlines(D(2026, 3, 2)))
    assess, no_plan, final = (
        dates["decision-to-assess"],
        dates["no-plan-notice"],
        dates["final-plan"],
    )
    assert assess.exceptions_source.endswith("regulation 5(4)")
    assert no_plan.exceptions_source.endswith("regulation 10(4)")
    assert final.exceptions_source.endswith("regulation 13(3)")
    assert len(assess.exceptions) == 3
    assert len(no_plan.exceptions) == 4 and len(final.exceptions) == 4
    assert not any("early years" in reason for reason in assess.exceptions)
    assert "early years provider" in final.exceptions[3]
    assert all("4 weeks or more in a row" in reason for reason in final.exceptions[:1])


# Months.


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2026, 1, 15), 2, D(2026, 3, 15)),  # corresponding date
        (D(2025, 12, 31), 2, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2027, 12, 31), 2, D(2028, 2, 29)),  # a leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 10), 12, D(2027, 5, 10)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2027, 9, 1), -5, D(2027, 4, 1)),  # backwards, for "5 months before"
        (D(2027, 7, 31), -5, D(2027, 2, 28)),
        (D(2028, 7, 31), -5, D(2028, 2, 29)),
    ],
)
def test_months_after_a_day_end_on_the_corresponding_date(start, months, last_day):
    assert add_months(start, months) == last_day


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2026, 7, 20), 12, D(2027, 7, 19)),  # the day before the corresponding date
        (D(2026, 1, 1), 12, D(2026, 12, 31)),  # January to December
        (D(2027, 3, 1), 12, D(2028, 2, 29)),  # March 2027 to February 2028, a leap year
        (D(2026, 3, 1), 12, D(2027, 2, 28)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # no 29 February 2029: the end of February
        (D(2028, 2, 28), 12, D(2029, 2, 27)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # no 31 February
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2028, 1, 29), 1, D(2028, 2, 28)),  # 29 February 2028 exists: the day before it
        (D(2026, 1, 29), 1, D(2026, 2, 28)),  # no 29 February 2026: the end of February
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 3, 15), 6, D(2026, 9, 14)),
        (D(2026, 3, 31), 6, D(2026, 9, 30)),  # no 31 September
    ],
)
def test_months_starting_with_a_day_count_that_day_as_the_first(start, months, last_day):
    assert months_starting_with(start, months) == last_day


def test_first_review_is_within_the_twelve_months_starting_with_the_plan():
    dates = by_key(ehc_deadlines(D(2026, 3, 2), final_plan_issued=D(2026, 7, 20)))
    assert dates["first-review"].date == D(2027, 7, 19)
    assert "section 44(1)(a)" in dates["first-review"].source
    leap = by_key(all_deadlines(final_plan_issued=D(2028, 2, 29)))
    assert leap["first-review"].date == D(2029, 2, 28)


# Rule 12: working days, August and Christmas.


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 3, 2), True),  # a Monday
        (D(2026, 3, 14), False),  # a Saturday
        (D(2026, 3, 15), False),  # a Sunday
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 5, 25), False),  # spring bank holiday
        (D(2026, 8, 31), False),  # summer bank holiday
        (D(2026, 12, 25), False),  # Christmas Day
        (D(2026, 12, 28), False),  # Boxing Day falls on a Saturday: the Monday instead
        (D(2027, 1, 1), False),  # New Year's Day
        (D(2027, 1, 4), True),
        (D(2022, 9, 19), False),  # the Queen's state funeral, a proclaimed bank holiday
        (D(2027, 1, 2), False),  # a Saturday (2 January is a holiday in Scotland only)
    ],
)
def test_working_days_are_englands(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("decision", "limit_ends", "last_day"),
    [
        (D(2026, 1, 15), D(2026, 3, 15), D(2026, 3, 16)),  # Sunday: Monday
        (D(2026, 1, 14), D(2026, 3, 14), D(2026, 3, 16)),  # Saturday: Monday
        (D(2026, 1, 16), D(2026, 3, 16), D(2026, 3, 16)),  # a working day: unmoved
        (D(2026, 2, 6), D(2026, 4, 6), D(2026, 4, 7)),  # Easter Monday: Tuesday
        (D(2026, 2, 3), D(2026, 4, 3), D(2026, 4, 7)),  # Good Friday: past Easter Monday
        (D(2022, 7, 19), D(2022, 9, 19), D(2022, 9, 20)),  # the state funeral
        (D(2026, 6, 15), D(2026, 8, 15), D(2026, 9, 1)),  # August: 31 Aug is a bank holiday
        (D(2026, 6, 3), D(2026, 8, 3), D(2026, 9, 1)),  # a working day in August still moves
        (D(2024, 6, 20), D(2024, 8, 20), D(2024, 9, 2)),  # 31 Aug a Saturday: Monday 2 Sept
        (D(2025, 6, 10), D(2025, 8, 10), D(2025, 9, 1)),
        (D(2026, 10, 26), D(2026, 12, 26), D(2027, 1, 4)),  # Christmas: after 1 January
        (D(2026, 10, 25), D(2026, 12, 25), D(2027, 1, 4)),
        (D(2026, 10, 31), D(2026, 12, 31), D(2027, 1, 4)),
        (D(2026, 11, 1), D(2027, 1, 1), D(2027, 1, 4)),  # 1 January itself
        (D(2026, 10, 24), D(2026, 12, 24), D(2026, 12, 24)),  # 24 December: a Thursday
        (D(2026, 11, 2), D(2027, 1, 2), D(2027, 1, 4)),  # 2 January, a Saturday: Monday
        # Saturday 24 December 2022 is before the window: only the next working day, past
        # Boxing Day (26th) and the substitute for Christmas Day (27th).
        (D(2022, 10, 24), D(2022, 12, 24), D(2022, 12, 28)),
        # Saturday 31 July 2027 is before August: the next working day, Monday 2 August.
        (D(2027, 5, 31), D(2027, 7, 31), D(2027, 8, 2)),
        (D(2027, 12, 29), D(2028, 2, 29), D(2028, 2, 29)),  # 29 February 2028, a Tuesday
        (D(2025, 12, 31), D(2026, 2, 28), D(2026, 3, 2)),  # end of February, a Saturday
    ],
)
def test_appeal_time_limit_moves_under_rule_12(decision, limit_ends, last_day):
    appeal = appeal_deadline(decision)
    assert appeal.limit_ends == limit_ends
    assert appeal.date == last_day
    assert appeal.moved is (limit_ends != last_day)
    assert appeal.by_5pm
    assert "rule 12" in appeal.source and "rule 20" in appeal.source
    if appeal.moved:
        assert appeal.moved_because


@pytest.mark.parametrize(
    ("decision", "certificate", "limit_ends", "last_day"),
    [
        (D(2026, 1, 15), D(2026, 3, 1), D(2026, 4, 1), D(2026, 4, 1)),  # certificate later
        (D(2026, 1, 15), D(2026, 1, 20), D(2026, 3, 15), D(2026, 3, 16)),  # decision later
        (D(2026, 6, 1), D(2026, 7, 20), D(2026, 8, 20), D(2026, 9, 1)),  # certificate: August
    ],
)
def test_appeal_is_the_later_of_two_months_and_one_month_after_mediation(
    decision, certificate, limit_ends, last_day
):
    appeal = appeal_deadline(decision, certificate)
    assert (appeal.limit_ends, appeal.date) == (limit_ends, last_day)


def test_contacting_a_mediation_adviser_is_two_months_and_never_moved():
    # 28 February 2026 is a Saturday: this is not a Tribunal time limit, so rule 12 does not
    # apply.
    adviser = mediation_deadline(D(2025, 12, 31))
    assert adviser.date == D(2026, 2, 28)
    assert not adviser.by_5pm and not adviser.moved
    assert "regulation 33" in adviser.source
    assert "30 days" in adviser.text


@pytest.mark.parametrize(
    ("conduct", "limit_ends", "last_day"),
    [
        (D(2026, 3, 15), D(2026, 9, 14), D(2026, 9, 14)),  # Monday 14 September
        (D(2026, 2, 20), D(2026, 8, 19), D(2026, 9, 1)),  # ends in August
        (D(2026, 6, 26), D(2026, 12, 25), D(2027, 1, 4)),  # ends on Christmas Day
        (D(2026, 8, 31), D(2027, 2, 28), D(2027, 3, 1)),  # no 31 February; a Sunday
        (D(2027, 8, 30), D(2028, 2, 29), D(2028, 2, 29)),  # 29 February 2028
    ],
)
def test_disability_discrimination_claim_is_six_months_starting_with_the_conduct(
    conduct, limit_ends, last_day
):
    claim = discrimination_deadline(conduct)
    assert (claim.limit_ends, claim.date) == (limit_ends, last_day)
    assert "Schedule 17" in claim.source and "rule 12" in claim.source


# Annual reviews (regs 20 and 22) and moving school (reg 18).


def test_after_an_annual_review_meeting():
    # Meeting on Tuesday 10 March 2026.
    dates = by_key(review_deadlines(D(2026, 3, 10)))
    assert dates["review-decision"].date == D(2026, 4, 7)  # 4 weeks
    assert dates["amended-plan"].date == D(2026, 6, 2)  # at most 4 + 8 weeks
    assert dates["next-review"].date == D(2027, 3, 9)  # 12 months starting with the meeting
    assert "regulations 20(10) and 22" in dates["review-decision"].source
    assert "Devon" in dates["review-decision"].source
    # The council's letter with the proposed changes came on Thursday 2 April 2026.
    dates = by_key(review_deadlines(D(2026, 3, 10), D(2026, 4, 2)))
    assert dates["amended-plan"].date == D(2026, 5, 28)  # 8 weeks after the letter
    assert "regulation 22" in dates["amended-plan"].source


AUTUMN_2026 = D(2026, 11, 24)  # school year September 2026 to July 2027


@pytest.mark.parametrize(
    ("move", "school_year", "today", "by"),
    [
        ("primary-secondary", 6, AUTUMN_2026, D(2027, 2, 14)),  # moves September 2027
        ("primary-secondary", 5, AUTUMN_2026, D(2028, 2, 14)),
        ("primary-secondary", 0, AUTUMN_2026, D(2033, 2, 14)),  # Reception now
        ("primary-secondary", 6, D(2027, 7, 1), D(2027, 2, 14)),  # summer term: passed
        ("primary-secondary", 6, D(2027, 8, 31), D(2027, 2, 14)),  # summer holiday, same year
        ("primary-secondary", 6, D(2027, 9, 1), D(2028, 2, 14)),  # a new school year
        ("infant-junior", 2, AUTUMN_2026, D(2027, 2, 14)),
        ("post-16", 11, AUTUMN_2026, D(2027, 3, 30)),
        ("post-16", 10, AUTUMN_2026, D(2028, 3, 30)),
        ("post-16", 11, D(2027, 1, 10), D(2027, 3, 30)),
    ],
)
def test_phase_transfer_from_the_school_year(move, school_year, today, by):
    deadline = phase_transfer_deadline(move, school_year=school_year, today=today)
    assert deadline.date == by
    assert deadline.source.endswith("regulation 18")


@pytest.mark.parametrize(
    ("move", "move_date", "by"),
    [
        ("early-years", D(2027, 9, 1), D(2027, 2, 14)),
        ("early-years", D(2027, 1, 5), D(2027, 2, 14)),  # the calendar year of the move
        ("middle", D(2028, 9, 4), D(2028, 2, 14)),
        ("primary-secondary", D(2027, 9, 2), D(2027, 2, 14)),
        ("post-16", D(2027, 9, 6), D(2027, 3, 30)),
        ("post-16-to-post-16", D(2027, 9, 1), D(2027, 4, 1)),  # at least 5 months before
        ("post-16-to-post-16", D(2027, 7, 31), D(2027, 2, 28)),  # no 31 February
        ("post-16-to-post-16", D(2028, 7, 31), D(2028, 2, 29)),
        ("post-16-to-post-16", D(2027, 1, 5), D(2026, 8, 5)),  # the year before
    ],
)
def test_phase_transfer_from_the_date_of_the_move(move, move_date, by):
    assert phase_transfer_deadline(move, move_date=move_date, today=AUTUMN_2026).date == by


def test_results_come_soonest_first():
    deadlines = all_deadlines(
        request_received=D(2026, 3, 2),
        decision_sent=D(2026, 1, 15),
        review_meeting=D(2026, 1, 5),
    )
    dated = [d.date for d in deadlines if d.date]
    assert dated == sorted(dated)
    assert deadlines[-1].date is None  # the draft plan, with no date yet


# Any day of the year: properties that follow from the rules, for every day from 2024 to 2029.

EVERY_DAY = [D(2024, 1, 1) + n * DAY for n in range((D(2030, 1, 1) - D(2024, 1, 1)).days)]


def in_rule_12_window(day):
    return day.month == 8 or (day.month, day.day) >= (12, 25) or (day.month, day.day) == (1, 1)


def test_rule_12_on_every_day():
    for day in EVERY_DAY:
        last_day, because = tribunal_last_day(day)
        assert is_working_day(last_day), day
        assert last_day >= day
        if in_rule_12_window(day):
            # The first working day after 31 August or 1 January: every day between is not.
            anchor = D(day.year, 8, 31) if day.month == 8 else D(last_day.year, 1, 1)
            assert last_day > anchor and not in_rule_12_window(last_day), day
            assert all(not is_working_day(d) for d in days_between(anchor + DAY, last_day))
        else:
            # The next working day: the day itself if it is one.
            assert all(not is_working_day(d) for d in days_between(day, last_day)), day
            assert (last_day == day) is is_working_day(day)
        assert bool(because) is (last_day != day)


def days_between(first, last):
    """first up to, not including, last."""
    return [first + n * DAY for n in range((last - first).days)]


def test_months_on_every_day():
    for day in EVERY_DAY:
        for months in (1, 2, 6, 12):
            after = add_months(day, months)
            assert (after.year * 12 + after.month) - (day.year * 12 + day.month) == months
            assert after.day == day.day or (after + DAY).day == 1 and after.day < day.day
            end = months_starting_with(day, months)
            # The next period starts the day after: on the corresponding date, or on the first
            # of the month after when the later month has no corresponding date.
            following = end + DAY
            assert following.day == day.day or (following.day == 1 and end.day < day.day), day
            assert 0 <= (after - end).days <= 1


def test_phase_transfer_on_every_day_of_the_school_year():
    # A child in Year 6 at any time from 1 September 2026 to 31 August 2027 (the summer holiday
    # included) moves to secondary school in September 2027: the plan before 15 February 2027.
    # In Year 11 the same year, to post-16 before 31 March 2027 (reg 18(1): "before").
    for today in days_between(D(2026, 9, 1), D(2027, 9, 1)):
        assert phase_transfer_deadline("primary-secondary", 6, today=today).date == D(2027, 2, 14)
        assert phase_transfer_deadline("post-16", 11, today=today).date == D(2027, 3, 30)
        assert phase_transfer_deadline("infant-junior", 1, today=today).date == D(2028, 2, 14)
    assert phase_transfer_deadline("primary-secondary", 6, today=D(2027, 9, 1)).date == D(
        2028, 2, 14
    )


# Over HTTP: the calculator page, its form and its errors.

CALCULATOR = "/guide/ehc-deadlines/"


@pytest.fixture
def calculator(guide):
    from guidance.models import EHCDeadlinesPage

    page = EHCDeadlinesPage(
        title="EHC deadlines calculator",
        slug="ehc-deadlines",
        summary="Work out your dates.",
        section="ehc",
    )
    guide.add_child(instance=page)
    page.save_revision().publish()
    return page


def dates(prefix, day, month, year):
    return {f"{prefix}_day": day, f"{prefix}_month": month, f"{prefix}_year": year}


def text(response):
    return html_lib.unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.mark.django_db
def test_the_calculator_shows_each_date_without_javascript(client, calculator):
    response = client.get(CALCULATOR)
    assert response.status_code == 200
    assert 'name="request_received_day"' in response.content.decode()
    response = client.get(
        CALCULATOR,
        {**dates("request_received", 2, 3, 2026), **dates("decision_sent", 15, 6, 2026)},
    )
    page = text(response)
    assert response.status_code == 200
    for expected in (
        "By Monday 13 April 2026",
        "By Monday 22 June 2026",
        "By Monday 20 July 2026",
        "By Saturday 15 August 2026",  # the mediation adviser: not moved
        "By 5pm on Tuesday 1 September 2026",  # the appeal: August moves to 1 September
        "The time limit ends on Saturday 15 August 2026.",
        "first working day after 31 August",
    ):
        assert expected in page
    assert "When the council can take longer" in page
    assert "SEND Regulations 2014, regulation 13(3) lists 4 reasons" in page
    assert "SEND Regulations 2014, regulation 5(4) lists 3 reasons" in page


@pytest.mark.django_db
def test_the_calculator_works_out_reviews_moves_and_claims(client, calculator):
    response = client.get(
        CALCULATOR,
        {
            **dates("review_meeting", 10, 3, 2026),
            **dates("amendment_notice_sent", 2, 4, 2026),
            "move": "post-16-to-post-16",
            **dates("move_date", 31, 7, 2027),
            **dates("discrimination_on", 26, 6, 2026),
        },
    )
    assert response.status_code == 200
    page = text(response)
    for expected in (
        "By Tuesday 7 April 2026",  # the council's decision after the review
        "By Thursday 28 May 2026",  # the final changed plan
        "By Sunday 28 February 2027",  # 5 months before Saturday 31 July 2027
        "By 5pm on Monday 4 January 2027",  # the claim's 6 months end on Christmas Day
    ):
        assert expected in page


@pytest.mark.django_db
def test_the_calculator_uses_the_school_year(client, calculator):
    from django.utils import timezone

    today = timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    response = client.get(CALCULATOR, {"move": "primary-secondary", "school_year": "6"})
    assert response.status_code == 200
    assert f"September {start} to July {start + 1}" in text(response)
    assert f"before 15 February {start + 1}" in text(response)
    assert "by 14 February at the latest" in text(response)


def longest_word(length):
    return "9" * length


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        (dates("request_received", 32, 3, 2026), "must be a real date"),
        (dates("request_received", 29, 2, 2026), "must be a real date"),
        (dates("request_received", 0, 3, 2026), "must be a real date"),
        (dates("request_received", 2, 3, ""), "must include a year"),
        (dates("request_received", "two", 3, 2026), "must be numbers"),
        (dates("request_received", "²", 3, 2026), "must be numbers"),  # superscript two
        (dates("request_received", "2", "٣", 2026), "must be numbers"),  # Arabic-Indic three
        (dates("request_received", "-1", 3, 2026), "must be numbers"),
        (dates("request_received", "1e1", 3, 2026), "must be numbers"),
        (dates("request_received", "2\x00", 3, 2026), "must be numbers"),
        (dates("request_received", longest_word(3000), 3, 2026), "1 or 2 numbers"),
        (dates("request_received", 2, 3, longest_word(5000)), "the year must have 4 numbers"),
        (dates("request_received", 2, 3, 26), "the year must have 4 numbers"),
        (dates("request_received", 2, 3, 2010), "1 September 2014"),
        (dates("request_received", 2, 3, 9999), "must be on or before"),
        (dates("discrimination_on", 2, 3, 2009), "1 October 2010"),
        (dates("discrimination_on", 2, 3, 2099), "cannot be in the future"),
        (dates("request_received", "", "", ""), "Enter at least one date"),
        (
            {
                **dates("request_received", 2, 3, 2026),
                **dates("mediation_certificate_issued", 1, 4, 2026),
            },
            "Enter the date the council sent the decision too",
        ),
        (
            {**dates("request_received", 2, 3, 2026), **dates("draft_plan_served", 1, 1, 2026)},
            "cannot be before your request",
        ),
        (
            {**dates("review_meeting", 2, 3, 2026), **dates("amendment_notice_sent", 1, 3, 2026)},
            "cannot be before the meeting",
        ),
        ({"move": "primary-secondary", "school_year": "7"}, "has already made this move"),
        ({"move": "primary-secondary"}, "Choose the school year"),
        ({"move": "post-16-to-post-16", "school_year": "11"}, "Enter the date of the move"),
        ({"school_year": "6"}, "Choose the move"),
        ({"school_year": "0"}, "Choose the move"),  # Reception is year 0
        ({"move": "to-the-moon"}, "Select a valid choice"),
        ({"move": "primary-secondary", "school_year": "99"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_a_400(client, calculator, params, message):
    response = client.get(CALCULATOR, params)
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert message in page


FIELDS = [
    f"{name}_{part}"
    for name in (
        "request_received",
        "draft_plan_served",
        "final_plan_issued",
        "review_meeting",
        "amendment_notice_sent",
        "move_date",
        "decision_sent",
        "mediation_certificate_issued",
        "discrimination_on",
    )
    for part in ("day", "month", "year")
] + ["move", "school_year"]

plausible = st.one_of(
    st.integers(min_value=-5, max_value=10000).map(str),
    st.sampled_from(
        ["", " ", "2026", "31", "12", "29", "02", "post-16-to-post-16", "6", "early-years"]
    ),
    st.text(max_size=12),
    st.text(alphabet="0123456789²³¹٣٤０１", max_size=6),
)


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.dictionaries(st.sampled_from(FIELDS), plausible, max_size=8))
def test_no_input_gives_a_server_error(client, calculator, params):
    params = {key: value.replace("\x00", "") for key, value in params.items()}
    response = client.get(CALCULATOR, params)
    assert response.status_code in (200, 400), params
    if response.status_code == 400:
        assert "There is a problem" in response.content.decode()


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(day=st.dates(min_value=D(2024, 1, 1), max_value=D(2029, 12, 31)))
def test_any_decision_date_gives_the_rule_12_date_over_http(client, calculator, day):
    from django.utils import timezone

    response = client.get(CALCULATOR, dates("decision_sent", day.day, day.month, day.year))
    if day > timezone.localdate() + datetime.timedelta(days=366):
        assert response.status_code == 400
        return
    assert response.status_code == 200
    expected, _ = tribunal_last_day(add_months(day, 2))
    assert f"By 5pm on {expected:%A} {expected.day} {expected:%B %Y}" in text(response)


# Reading level of what a family reads on the page.


class MainText(HTMLParser):
    """The text inside <main>, one chunk per block (heading, paragraph, list item, label)."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "legend", "label", "summary", "option", "button", "div"}

    def __init__(self):
        super().__init__()
        self.depth, self.chunks, self.current = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth and tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
            self.flush()
        elif self.depth and tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)

    def flush(self):
        chunk = " ".join("".join(self.current).split())
        if chunk:
            self.chunks.append(chunk)
        self.current = []


def main_text(response):
    parser = MainText()
    parser.feed(response.content.decode())
    return parser.chunks


@pytest.mark.django_db
def test_the_page_with_every_result_reads_at_grade_six_or_below(client, calculator):
    from guidance.content_pack import read_pack

    spec = next(page for page in read_pack().pages if page.slug == "ehc-deadlines")
    calculator.summary, calculator.intro = spec.summary, spec.intro
    calculator.save_revision().publish()
    response = client.get(
        CALCULATOR,
        {
            **dates("request_received", 2, 3, 2026),
            **dates("draft_plan_served", 4, 6, 2026),
            **dates("final_plan_issued", 20, 7, 2026),
            **dates("review_meeting", 10, 3, 2026),
            "move": "post-16",
            "school_year": "11",
            **dates("decision_sent", 15, 6, 2026),
            **dates("mediation_certificate_issued", 20, 7, 2026),
            **dates("discrimination_on", 26, 6, 2026),
        },
    )
    assert response.status_code == 200
    chunks = main_text(response)
    # The project's measure: each block (paragraph, list item, heading, label) a sentence.
    measured = readability.measure(chunks)
    assert measured.words > 1500
    assert measured.grade <= readability.TARGET_GRADE, measured.longest_sentences
    # And as a new reader would measure it: textstat over <main>'s text run together.
    assert textstat.flesch_kincaid_grade(" ".join(chunks)) <= readability.TARGET_GRADE


@pytest.mark.django_db
def test_the_empty_form_reads_at_grade_six_or_below(client, calculator):
    chunks = main_text(client.get(CALCULATOR))
    assert readability.measure(chunks).grade <= readability.TARGET_GRADE
    assert textstat.flesch_kincaid_grade(" ".join(chunks)) <= readability.TARGET_GRADE
