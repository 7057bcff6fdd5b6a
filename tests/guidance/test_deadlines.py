"""The EHC deadlines calculator against dates worked out by hand with a calendar."""

import datetime

import pytest

from guidance.deadlines import add_months, appeal_deadline, ehc_deadlines

D = datetime.date


def by_key(deadlines):
    return {deadline.key: deadline for deadline in deadlines}


def test_statutory_weeks_from_the_day_the_request_arrived():
    # Request received Monday 2 March 2026.
    dates = by_key(ehc_deadlines(D(2026, 3, 2)))
    assert dates["decision-to-assess"].date == D(2026, 4, 13)  # 6 weeks: Monday 13 April
    assert dates["no-plan-notice"].date == D(2026, 6, 22)  # 16 weeks: Monday 22 June
    assert dates["final-plan"].date == D(2026, 7, 20)  # 20 weeks: Monday 20 July
    assert dates["draft-comments"].date is None  # needs the draft's date
    assert dates["appeal"].date is None  # needs a decision letter


def test_weeks_run_through_holidays_and_the_new_year():
    dates = by_key(ehc_deadlines(D(2025, 12, 15)))
    assert dates["decision-to-assess"].date == D(2026, 1, 26)
    assert dates["final-plan"].date == D(2026, 5, 4)


def test_fifteen_days_for_the_draft_count_the_day_it_was_sent():
    dates = by_key(ehc_deadlines(D(2026, 3, 2), draft_plan_sent=D(2026, 6, 4)))
    assert dates["draft-comments"].date == D(2026, 6, 18)  # 4 June is day 1, 18 June day 15


def test_first_review_is_within_twelve_months_of_the_plan():
    dates = by_key(ehc_deadlines(D(2026, 3, 2), final_plan_issued=D(2026, 7, 20)))
    assert dates["first-review"].date == D(2027, 7, 19)


@pytest.mark.parametrize(
    ("decision", "certificate", "last_day"),
    [
        (D(2026, 1, 15), None, D(2026, 3, 15)),  # 2 months from the decision letter
        (D(2025, 12, 31), None, D(2026, 2, 28)),  # no 31 February: the month's last day
        (D(2027, 12, 31), None, D(2028, 2, 29)),  # a leap year
        (D(2026, 1, 15), D(2026, 3, 1), D(2026, 4, 1)),  # certificate's month is later
        (D(2026, 1, 15), D(2026, 1, 20), D(2026, 3, 15)),  # decision's 2 months are later
    ],
)
def test_appeal_deadline_is_the_later_of_two_months_and_one_month_after_mediation(
    decision, certificate, last_day
):
    assert appeal_deadline(decision, certificate).date == last_day


def test_each_deadline_cites_its_source_and_the_exceptions_the_regulations_allow():
    dates = by_key(ehc_deadlines(D(2026, 3, 2), decision_sent=D(2026, 4, 10)))
    assert "regulation 5(1)" in dates["decision-to-assess"].source
    assert dates["decision-to-assess"].exceptions_source.endswith("regulation 5(4)")
    assert dates["no-plan-notice"].exceptions_source.endswith("regulation 10(4)")
    assert dates["final-plan"].exceptions_source.endswith("regulation 13(3)")
    assert len(dates["final-plan"].exceptions) == 3
    assert "rule 20" in dates["appeal"].source


def test_add_months_keeps_the_day_where_it_can():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 5, 10), 12) == D(2027, 5, 10)


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


@pytest.mark.django_db
def test_the_calculator_shows_each_date_without_javascript(client, calculator):
    response = client.get(CALCULATOR)
    assert response.status_code == 200
    assert 'name="request_received_day"' in response.content.decode()
    response = client.get(
        CALCULATOR,
        {**dates("request_received", 2, 3, 2026), **dates("decision_sent", 31, 12, 2025)},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "Monday 13 April 2026",
        "Monday 22 June 2026",
        "Monday 20 July 2026",
        "Saturday 28 February 2026",
    ):
        assert expected in html
    assert "When the council can take longer" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        (dates("request_received", 32, 3, 2026), "must be a real date"),
        (dates("request_received", 29, 2, 2026), "must be a real date"),
        (dates("request_received", 2, 3, ""), "must include a year"),
        (dates("request_received", "two", 3, 2026), "must be numbers"),
        (dates("request_received", 2, 3, 26), "the year must have 4 numbers"),
        (dates("request_received", 2, 3, 2010), "1 September 2014"),
        (dates("request_received", "", "", ""), "Enter the date the council got your request"),
        (
            {
                **dates("request_received", 2, 3, 2026),
                **dates("mediation_certificate_issued", 1, 4, 2026),
            },
            "Enter the date on the decision letter too",
        ),
        (
            {**dates("request_received", 2, 3, 2026), **dates("draft_plan_sent", 1, 1, 2026)},
            "cannot be before your request",
        ),
    ],
)
def test_bad_dates_get_a_clear_message_and_a_400(client, calculator, params, message):
    response = client.get(CALCULATOR, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
