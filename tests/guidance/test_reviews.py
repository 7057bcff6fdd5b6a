"""Overdue guide checks: the report (for officers and regulators), the reminder emails and the
Local Offer coverage that guide pages give."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import roles
from guidance.models import GuidePage

from ..roles.test_national_model import (  # noqa: F401 (fixtures)
    local_offers,
    national_guide,
)
from .conftest import log_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/local-offer/guide_checks/"
COVERAGE = "/admin/reports/local-offer/coverage/"


@pytest.fixture
def pages(make_guide_page, forum):
    overdue = make_guide_page("Mediation", checked_days_ago=400)
    overdue.coproduced_with.set([forum])
    overdue.save_revision().publish()
    orphan = make_guide_page("Transport", checked_days_ago=500)  # no forum recorded
    current = make_guide_page("Appeals", checked_days_ago=10)
    return overdue, orphan, current


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


@pytest.mark.parametrize("role", [roles.REGULATORS, roles.LOCAL_OFFER_OFFICERS])
def test_the_report_lists_overdue_pages_most_overdue_first(client, make_user, pages, role):
    make_user("someone", role)
    log_in(client, "someone")
    html = client.get(REPORT).content.decode()
    assert "Mediation" in html and "Transport" in html and "Appeals" not in html
    rows = csv_rows(client.get(REPORT, {"export": "csv"}))
    assert rows[0] == [
        "Guide page",
        "Written with",
        "Last checked",
        "Check was due",
        "Days overdue",
        "Reading grade",
    ]
    assert [row[0] for row in rows[1:]] == ["Transport", "Mediation"]
    today = timezone.localdate()
    due = pages[0].next_check_due
    assert rows[2][1] == "Northbrook Parent Carer Forum"
    assert rows[2][4] == str((today - due).days)
    assert client.get(REPORT, {"export": "xlsx"}).status_code == 200


@pytest.mark.parametrize("role", [roles.FORUM_EDITORS, roles.SETTING_EDITORS])
def test_other_roles_cannot_open_the_report(client, make_user, pages, role):
    make_user("someone", role)
    log_in(client, "someone")
    response = client.get(REPORT)
    assert response.status_code in (302, 403)


def test_reminders_go_to_each_forum_and_the_rest_to_the_local_offer_team(demo_site, pages, capsys):
    call_command("send_review_reminders")
    assert "2 overdue guide page(s); 2 reminder email(s) sent." in capsys.readouterr().out
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"forum@example.org", "localoffer@national.example.org"}
    forum_email = by_address["forum@example.org"].body
    assert "Mediation" in forum_email and "Transport" not in forum_email
    assert "http" in forum_email and "/guide/mediation/" in forum_email
    assert "Transport" in by_address["localoffer@national.example.org"].body


def test_no_reminders_when_nothing_is_overdue(make_guide_page, capsys):
    make_guide_page(checked_days_ago=5)
    call_command("send_review_reminders")
    assert mail.outbox == []


def test_guide_pages_cover_their_local_offer_category_while_checked(
    client, make_user, make_guide_page, guide, authority, other_authority
):
    make_user("inspector", roles.REGULATORS)
    log_in(client, "inspector")
    from directory.models import Setting

    # The coverage report lists authorities with published listings.
    Setting(name="Any School", authority=authority, setting_type="mainstream").save()
    Setting.objects.get().save_revision().publish()

    def personal_budgets_row():
        rows = csv_rows(client.get(COVERAGE, {"export": "csv"}))
        return next(row for row in rows if row[1] == "Personal budgets")

    assert personal_budgets_row()[3:] == ["0", "0", "No"]
    make_guide_page("Personal budgets", local_offer_category="personal-budgets")
    assert personal_budgets_row()[3:] == ["0", "1", "Yes"]
    # An overdue page does not count.
    page = make_guide_page(
        "Old budgets", local_offer_category="personal-budgets", checked_days_ago=400
    )
    assert page.check_overdue
    assert personal_budgets_row()[3:] == ["0", "1", "Yes"]
    # A guide for one authority covers that authority only (one with none covers all).
    guide.authority = other_authority
    guide.save()
    assert personal_budgets_row()[3:] == ["0", "0", "No"]
    guide.authority = authority
    guide.save()
    assert personal_budgets_row()[3:] == ["0", "1", "Yes"]


def test_the_regulators_dashboard_lists_overdue_guide_pages(client, make_user, pages):
    overdue, orphan, current = pages
    make_user("inspector", roles.REGULATORS)
    html = log_in(client, "inspector").get("/admin/").content.decode()
    panel = html[html.index('id="overdue-checks-heading"') :]
    panel = panel[: panel.index("</section>")]
    assert "<strong>2</strong> guide pages are past the date" in panel
    # Most overdue first, each linking to its editor.
    assert panel.index(orphan.title) < panel.index(overdue.title)
    assert f'href="/admin/pages/{orphan.pk}/edit/"' in panel
    assert current.title not in panel


def test_each_reader_sees_the_overdue_pages_they_answer_for_once(
    client,
    make_user,
    authority,
    local_offers,  # noqa: F811
):
    """Walked: Northbrook's officer saw "Travel to school and college" three times alike (the
    national page and Northbrook's and Southmere's copies of it), and the regulator the same."""
    past = timezone.localdate() - timezone.timedelta(days=35)
    GuidePage.objects.filter(slug__in=["mediation", "help-in-southmere"]).update(
        next_check_due=past
    )
    northbrook_copy = GuidePage.objects.descendant_of(local_offers["990"]["home"]).get(
        slug="mediation"
    )
    make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    make_user("inspector", roles.REGULATORS)

    def panel(username):
        html = log_in(client, username).get("/admin/").content.decode()
        client.logout()
        panel = html[html.index('id="overdue-checks-heading"') :]
        return panel[: panel.index("</section>")]

    officers = panel("officer")
    assert "<strong>1</strong> guide page is past the date" in officers
    assert "Mediation (shared from the national guide)" in officers
    assert f'href="/admin/pages/{northbrook_copy.pk}/edit/"' in officers
    assert "Help in Southmere" not in officers

    regulators = panel("inspector")
    assert "<strong>2</strong> guide pages are past the date" in regulators
    assert regulators.count("Mediation") == 1 and "shared from" not in regulators
    assert "Help in Southmere" in regulators

    # The report and the reminders count the same pages.
    log_in(client, "officer")
    rows = csv_rows(client.get(REPORT, {"export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["Mediation (shared from the national guide)"]
