import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

import roles
from directory.accountability import take_snapshot, trend
from directory.models import CompletenessSnapshot

from ..conftest import PASSWORD


@pytest.mark.django_db
def test_snapshots_are_one_per_day_and_make_a_trend(make_setting, make_service):
    today = timezone.localdate()
    make_setting("Old School", last_reviewed_on=today - datetime.timedelta(days=500))
    make_service("Therapy", last_reviewed_on=today)
    call_command("snapshot_completeness", stdout=io.StringIO())
    call_command("snapshot_completeness", stdout=io.StringIO())  # same day: replaced
    assert CompletenessSnapshot.objects.count() == 2  # one authority, two kinds
    take_snapshot(today=today - datetime.timedelta(days=7))
    points = trend()
    assert [day for day, *_ in points] == [today - datetime.timedelta(days=7), today]
    assert points[-1][3] == 50  # one of two listings out of date
    assert trend(kind="service")[-1][3] == 0


@pytest.mark.django_db
def test_authority_report_shows_the_trend_as_chart_and_table(client, make_user, make_setting):
    make_setting("A School")
    take_snapshot(today=timezone.localdate() - datetime.timedelta(days=30))
    take_snapshot()
    make_user("inspector", roles.REGULATORS)
    client.login(username="inspector", password=PASSWORD)
    html = client.get("/admin/reports/local-offer/authorities/").content.decode()
    assert '<svg class="chart"' in html and 'role="img"' in html
    assert '<title id="trend-chart-title">Completeness of Local Offers over time</title>' in html
    assert html.count("<polyline") == 3
    assert "Average complete" in html and '<th scope="row">' in html


@pytest.mark.django_db
def test_without_snapshots_the_report_records_today_without_asking_the_reader(
    client, make_user, make_setting
):
    make_setting("A School")
    make_user("inspector", roles.REGULATORS)
    client.login(username="inspector", password=PASSWORD)
    html = client.get("/admin/reports/local-offer/authorities/").content.decode()
    assert "snapshot_completeness" not in html  # the product takes them (issue 25)
    assert html.split("Trend")[1].count("<tr>") >= 1  # today's figures


@pytest.mark.django_db
def test_an_officer_reads_their_own_authoritys_trend_and_is_told_whose(
    client, make_user, make_setting, authority, other_authority
):
    """Walked: Northbrook's officer read the national trend (85%) under Northbrook's 84%, and
    a trend of one day drew an empty chart."""
    make_setting("Current School", authority=authority)
    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    make_setting("Stale School", authority=other_authority, last_reviewed_on=long_ago)
    take_snapshot()

    def row(point):
        day, average, complete, stale = point
        return f"<td>{average}%</td><td>{complete}%</td><td>{stale}%</td>"

    own, everyone = trend(authority=authority)[-1], trend()[-1]
    assert row(own) != row(everyone)
    make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    client.login(username="officer", password=PASSWORD)
    html = client.get("/admin/reports/local-offer/authorities/").content.decode()
    trend_section = html[html.index('id="trend-heading"') : html.index("</section>")]
    assert ">Trend: Northbrook<" in trend_section
    assert row(own) in trend_section
    # One day recorded: a mark for each figure, not an empty frame.
    assert trend_section.count("<circle") == 3
    client.logout()

    make_user("inspector", roles.REGULATORS)
    client.login(username="inspector", password=PASSWORD)
    html = client.get("/admin/reports/local-offer/authorities/").content.decode()
    assert ">Trend: every local authority<" in html
    assert row(everyone) in html
