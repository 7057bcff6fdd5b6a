import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.utils import timezone

import roles
from directory import standard

from ..conftest import PASSWORD

COMPLETENESS = "/admin/reports/local-offer/completeness/"
AUTHORITIES = "/admin/reports/local-offer/authorities/"


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if params.get("export") == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    return list(csv.reader(io.StringIO(body.decode())))


@pytest.fixture
def data(make_setting, make_service, other_authority):
    old = timezone.localdate() - datetime.timedelta(days=500)
    make_setting("Complete School", **{f: "Answer." for f in ("summary", "sen_kinds")})
    make_setting("Stale School", last_reviewed_on=old)
    make_service("Northbrook Physio", last_reviewed_on=timezone.localdate())
    make_setting("Southmere School", authority=other_authority)


@pytest.fixture
def regulator_client(client, make_user):
    make_user("inspector", roles.REGULATORS)
    client.login(username="inspector", password=PASSWORD)
    return client


@pytest.mark.django_db
def test_completeness_report_filters_and_exports_what_is_on_screen(regulator_client, data):
    html = regulator_client.get(COMPLETENESS, {"authority": "", "stale": "true"}).content.decode()
    assert "Stale School" in html and "Complete School" not in html
    rows = download(regulator_client, COMPLETENESS, export="csv", stale="true")
    assert rows[0][:4] == ["Listing", "Local authority", "Type", "Complete (%)"]
    assert [row[0] for row in rows[1:]] == ["Stale School"]
    assert rows[1][6] == "Yes"
    xlsx = download(regulator_client, COMPLETENESS, export="xlsx", stale="true")
    assert [row[0] for row in xlsx] == [row[0] for row in rows]


@pytest.mark.django_db
def test_completeness_report_lists_missing_items_by_the_standards_labels(regulator_client, data):
    from directory.models import Listing

    school = Listing.objects.get(name="Complete School")
    rows = {row[0]: row for row in download(regulator_client, COMPLETENESS, export="csv")[1:]}
    assert int(rows["Complete School"][3]) == school.completeness_score
    assert "The SENCo's name" in rows["Complete School"][4]
    assert "What the school offers" not in rows["Complete School"][4]  # summary given


@pytest.mark.django_db
def test_authority_report_figures_and_kind_filter(regulator_client, data):
    rows = download(regulator_client, AUTHORITIES, export="csv")
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Northbrook"][1:6] == ["990", "3", "2", "1", by_name["Northbrook"][5]]
    assert by_name["Northbrook"][7] == "33"  # one of three out of date
    services = {
        row[0]: row
        for row in download(regulator_client, AUTHORITIES, export="xlsx", kind="service")[1:]
    }
    assert services["Northbrook"][2] == "1" and services["Northbrook"][3] == "0"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [roles.SETTING_EDITORS, roles.SERVICE_EDITORS, roles.FORUM_EDITORS]
)
def test_reports_are_not_for_editors(client, make_user, data, role):
    make_user("someone", role)
    client.login(username="someone", password=PASSWORD)
    for url in (COMPLETENESS, AUTHORITIES):
        for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
            response = client.get(url, params)
            assert response.status_code in (302, 403), (url, params)
    assert "Completeness by" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_officers_see_the_reports_in_the_menu(client, officer, data):
    client.login(username="officer", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "Completeness by listing" in html and "Completeness by local authority" in html


ITEMS = "/admin/reports/local-offer/items/"
SENCO = "/admin/reports/local-offer/senco/"
WAITING = "/admin/reports/local-offer/waiting/"


@pytest.mark.django_db
def test_items_report_counts_what_is_missing_where_it_applies(regulator_client, data):
    rows = download(regulator_client, ITEMS, export="csv")
    header, rows = rows[0], rows[1:]
    assert header == [
        "Item",
        "Kind of listing",
        "Required by",
        "Listings it applies to",
        "Missing from",
        "Missing (%)",
    ]
    senco_name = next(row for row in rows if row[0] == "The SENCo's name")
    assert senco_name[3] == "3" and senco_name[4] == "3" and senco_name[5] == "100"
    kinds = next(row for row in rows if row[0] == "The kinds of SEN provided for, described")
    assert kinds[4] == "2"  # "Complete School" published it
    assert all(row[3] != "0" for row in rows)
    one_authority = download(regulator_client, ITEMS, export="csv", kind="service")
    assert {row[1] for row in one_authority[1:]} == {"Services"}


@pytest.mark.django_db
def test_senco_report_finds_no_award_and_overdue_awards(regulator_client, make_setting):
    today = timezone.localdate()
    make_setting("No Award School", senco_qualification="none", senco_name="A")
    make_setting(
        "Overdue School",
        senco_qualification="in-progress",
        senco_qualification_started_on=today - datetime.timedelta(days=3 * 365 + 30),
    )
    make_setting(
        "On Time School",
        senco_qualification="in-progress",
        senco_qualification_started_on=today - datetime.timedelta(days=400),
    )
    make_setting("Qualified School", senco_qualification="npq")
    rows = download(regulator_client, SENCO, export="csv")
    concerns = {row[0]: row[4] for row in rows[1:]}
    assert concerns == {
        "No Award School": "No qualification",
        "Overdue School": "In progress for over 3 years",
    }
    assert [
        r[0] for r in download(regulator_client, SENCO, export="xlsx", concern="overdue")[1:]
    ] == ["Overdue School"]


@pytest.mark.django_db
def test_waiting_times_against_the_officers_limits(regulator_client, make_service):
    from directory.models import WaitingTimeLimit

    today = timezone.localdate()
    WaitingTimeLimit.objects.create(category="speech-language", max_weeks=18)
    make_service("Long Wait", waiting_weeks=30, waiting_stated_on=today)
    make_service("Short Wait", waiting_weeks=6, waiting_stated_on=today)
    make_service(
        "Old Wait",
        waiting_weeks=6,
        waiting_stated_on=today - standard.WAITING_TIME_CURRENT_FOR - datetime.timedelta(1),
    )
    make_service(
        "Just Current",
        waiting_weeks=6,
        waiting_stated_on=today - standard.WAITING_TIME_CURRENT_FOR,
    )
    make_service("Physio", category="physiotherapy", waiting_weeks=40, waiting_stated_on=today)
    rows = {row[0]: row for row in download(regulator_client, WAITING, export="csv")[1:]}
    assert rows["Long Wait"][6] == "Over the limit" and rows["Long Wait"][5] == "18"
    assert rows["Short Wait"][6] == "Within the limit"
    # The standard's one rule decides what is too old, as on the profile and result cards.
    assert rows["Old Wait"][6].startswith("Unknown")
    assert rows["Just Current"][6] == "Within the limit"
    assert rows["Physio"][6] == "No limit set"
    over = download(regulator_client, WAITING, export="csv", status="over")
    assert [row[0] for row in over[1:]] == ["Long Wait"]


@pytest.mark.django_db
def test_new_reports_are_not_for_editors(client, make_user, data):
    make_user("someone", roles.SETTING_EDITORS)
    client.login(username="someone", password=PASSWORD)
    for url in (ITEMS, SENCO, WAITING):
        assert client.get(url, {"export": "csv"}).status_code in (302, 403)


COVERAGE = "/admin/reports/local-offer/coverage/"
FEEDBACK = "/admin/reports/local-offer/feedback/"


@pytest.mark.django_db
def test_coverage_counts_current_listings_per_category(
    regulator_client, make_setting, make_service, other_authority
):
    today = timezone.localdate()
    make_setting("Nursery", setting_type="early-years")
    make_setting("Unit School", resourced_provision="unit")  # mainstream with a unit
    make_setting(
        "Stale Special",
        setting_type="special",
        last_reviewed_on=today - datetime.timedelta(days=400),
    )
    make_service("Physio", category="physiotherapy", last_reviewed_on=today)
    make_setting("Elsewhere", authority=other_authority)
    rows = download(regulator_client, COVERAGE, export="csv")
    northbrook = {row[1]: row for row in rows[1:] if row[0] == "Northbrook"}
    # Columns from the fourth: current listings, current guide pages, covered.
    assert northbrook["Early years providers"][3:] == ["1", "0", "Yes"]
    assert northbrook["Mainstream schools"][3:] == ["1", "0", "Yes"]
    assert northbrook["Resourced provision and SEN units"][3:] == ["1", "0", "Yes"]
    assert northbrook["Special schools, including independent and non-maintained"][3:] == [
        "0",
        "0",
        "No",
    ]  # only a stale one
    assert northbrook["Health provision"][5] == "Yes"
    assert northbrook["Personal budgets"][3:] == ["0", "0", "No"]  # no guide page yet
    uncovered = download(regulator_client, COVERAGE, export="csv", covered="No")
    assert all(row[5] == "No" for row in uncovered[1:])


@pytest.mark.django_db
def test_feedback_response_times(regulator_client, demo_site):
    from home.models import Feedback

    now = timezone.now()
    answered = Feedback.objects.create(message="a", theme="missing", published=True)
    Feedback.objects.filter(pk=answered.pk).update(
        created_at=now - datetime.timedelta(days=10), responded_at=now
    )
    Feedback.objects.create(message="b", theme="missing")
    Feedback.objects.create(message="c")
    rows = {row[0]: row for row in download(regulator_client, FEEDBACK, export="csv")[1:]}
    assert rows["Something missing"][1:] == ["2", "1", "1", "10", "1"]
    assert rows["No theme yet"][1:4] == ["1", "0", "1"]
    assert rows["All feedback"][1:4] == ["3", "1", "2"]


@pytest.mark.django_db
def test_exports_read_rows_in_chunks_with_only_the_columns_shown(
    regulator_client, data, monkeypatch
):
    """An export of every listing must not hold every row at once (330 MB at 34,000
    listings): rows are read a chunk at a time, and only the columns the report shows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting import OfficerReportView

    monkeypatch.setattr(OfficerReportView, "EXPORT_CHUNK", 2)
    decorated = []
    original = OfficerReportView.as_spreadsheet

    def spy(view, queryset, spreadsheet_format):
        decorate = view.decorate_paginated_queryset
        view.decorate_paginated_queryset = lambda rows: (
            decorated.append(len(rows)) or decorate(rows)
        )
        return original(view, queryset, spreadsheet_format)

    monkeypatch.setattr(OfficerReportView, "as_spreadsheet", spy)
    with CaptureQueriesContext(connection) as queries:
        response = regulator_client.get(COMPLETENESS, {"export": "csv"})
        assert response.streaming
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 5  # the heading and four listings
    assert decorated and max(decorated) <= 2  # never more than a chunk at a time
    listing_reads = [q["sql"] for q in queries.captured_queries if "completeness_score" in q["sql"]]
    assert listing_reads and all('"description"' not in sql for sql in listing_reads)


@pytest.mark.django_db
def test_csv_exports_make_formulas_inert(regulator_client, make_setting, demo_site):
    """A cell a spreadsheet would run as a formula (from a SENCo's name or public feedback)
    starts with an apostrophe in every CSV export; numbers stay numbers."""
    from home.models import Feedback

    make_setting("Formula School", senco_qualification="none", senco_name="=HYPERLINK(1)")
    Feedback.objects.create(message="+cmd|' /C calc'!A0", page="@SUM(1)")
    senco = regulator_client.get(SENCO, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(senco.streaming_content).decode())))
    assert [cell for cell in rows[1] if "HYPERLINK" in cell] == ["'=HYPERLINK(1)"]
    feedback = regulator_client.get("/admin/feedback/", {"export": "csv"})
    text = b"".join(feedback.streaming_content).decode()
    assert "'+cmd" in text and "'@SUM(1)" in text
    assert ",+cmd" not in text and ",@SUM" not in text


def test_inert_leaves_ordinary_values_alone():
    from reporting import inert

    assert inert(-3) == -3 and inert(2.5) == 2.5 and inert(None) is None
    assert inert("Oakfield") == "Oakfield"
    for formula in ("=1+1", "+1", "-1+1", "@A1", "\t=1", "\r=1"):
        assert inert(formula) == "'" + formula


def test_the_authority_report_filters_by_authority(regulator_client, data, other_authority):
    rows = download(regulator_client, AUTHORITIES, export="csv", authority=other_authority.pk)
    assert [row[0] for row in rows[1:]] == ["Southmere"]
    html = regulator_client.get(AUTHORITIES, {"authority": other_authority.pk}).content.decode()
    table = html[html.index('class="listing') :]
    assert "Southmere" in table and "Northbrook" not in table


@pytest.mark.django_db
def test_report_dates_are_absolute_and_missing_items_are_a_count_with_a_list(
    regulator_client, data
):
    old = timezone.localdate() - datetime.timedelta(days=500)
    html = regulator_client.get(COMPLETENESS, {"stale": "true"}).content.decode()
    assert old.strftime("%-d %B %Y") in html
    assert " ago" not in html.split('class="listing')[1]  # no "1 year ago" in the table
    from directory.models import Listing

    stale = Listing.objects.get(name="Stale School")
    n = len(stale.missing_items)
    assert re.search(rf"<details><summary>{n} items</summary><ul><li>", html)
    # The export still lists every item by name.
    rows = download(regulator_client, COMPLETENESS, export="csv", stale="true")
    assert rows[1][4].count(";") == n - 1


@pytest.mark.django_db
def test_waits_over_the_limit_are_highlighted(regulator_client, make_service):
    from directory.models import WaitingTimeLimit

    today = timezone.localdate()
    WaitingTimeLimit.objects.create(category="speech-language", max_weeks=18)
    make_service("Long Wait", waiting_weeks=30, waiting_stated_on=today)
    make_service("Short Wait", waiting_weeks=6, waiting_stated_on=today)
    html = regulator_client.get(WAITING).content.decode()
    assert re.search(r"<strong[^>]*>⚠ Over the limit</strong>", html)
    assert html.count("⚠") == 1
    assert download(regulator_client, WAITING, export="csv")[1][6] == "Over the limit"


@pytest.mark.django_db
def test_the_regulators_dashboard_starts_their_work(regulator_client, data):
    html = regulator_client.get("/admin/").content.decode()
    assert "The Local Offer at a glance" in html
    assert "4</strong> published listings" in html
    assert "Most often missing" in html
    assert 'href="/admin/reports/local-offer/items/"' in html
    assert "Guide pages overdue for their check" in html
    assert 'href="/admin/reports/local-offer/guide_checks/"' in html
    # No avatars fetched from Gravatar (broken offline and under the CSP).
    assert "gravatar.com" not in html
