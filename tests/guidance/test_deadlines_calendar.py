"""Issue 25 (12): the calculator's dates can be added to a calendar, with no JavaScript."""

import datetime
import html as html_lib
import re

import pytest
from icalendar import Calendar

from .test_deadlines import CALCULATOR, calculator, dates  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_the_calculators_dates_download_as_a_calendar_file(client, calculator):  # noqa: F811
    query = {**dates("request_received", 2, 3, 2026), **dates("decision_sent", 15, 6, 2026)}
    page = client.get(CALCULATOR, query).content.decode()
    link = re.search(r'<a class="button button--secondary" href="([^"]+)" download>Add these', page)
    assert link and "format=ics" in link.group(1)
    assert "<script" not in page

    response = client.get(CALCULATOR + html_lib.unescape(link.group(1)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="ehc-deadlines.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    events = {str(event["summary"]): event.decoded("dtstart") for event in calendar.walk("VEVENT")}
    assert datetime.date(2026, 9, 1) in events.values()  # the appeal, moved off August
    appeal = next(summary for summary, day in events.items() if day == datetime.date(2026, 9, 1))
    assert appeal.endswith("(by 5pm)")
    assert datetime.date(2026, 4, 13) in events.values()
    assert all("Source:" in str(e["description"]) for e in calendar.walk("VEVENT"))
    # The same dates give the same events: adding the file again updates them.
    again = Calendar.from_ical(client.get(CALCULATOR + html_lib.unescape(link.group(1))).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [
        str(e["uid"]) for e in calendar.walk("VEVENT")
    ]


def test_no_calendar_link_before_the_dates_are_given_or_when_they_are_wrong(client, calculator):  # noqa: F811
    assert "Add these dates to your calendar" not in client.get(CALCULATOR).content.decode()
    bad = client.get(CALCULATOR, {**dates("request_received", 31, 2, 2026), "format": "ics"})
    assert bad.status_code == 400
    assert "Add these dates to your calendar" not in bad.content.decode()
