"""Issue 25 (9): the forum's dashboard says what to do next; shared national pages are marked
as shared; only an officer may split a shared page off the national guide, and it is logged."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

import roles
from guidance.models import GuidePage
from guidance.workflows import ensure_guide_workflow
from home.models import Feedback

from ..conftest import PASSWORD
from ..roles.test_national_model import (  # noqa: F401 (fixtures)
    local_offers,
    national_guide,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, authority):
    return {
        "forum": make_user("forum", roles.FORUM_EDITORS, authorities=[authority]),
        "officer": make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority]),
    }


def dashboard(client, username):
    assert client.login(username=username, password=PASSWORD)
    html = client.get("/admin/").content.decode()
    client.logout()
    return html


def test_the_forums_dashboard_says_what_to_do_next(
    client,
    people,
    authority,
    local_offers,  # noqa: F811
):
    html = dashboard(client, "forum")
    assert "For the parent carer forum" in html
    assert "Nothing is waiting for the forum's sign-off" in html

    page = GuidePage.objects.get(pk=local_offers["990"]["page"].pk)
    page.next_check_due = timezone.localdate() + datetime.timedelta(days=5)
    page.save_revision(user=people["forum"])
    workflow_state = ensure_guide_workflow().start(page, people["forum"])
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["officer"], "approve")
    GuidePage.objects.filter(pk=page.pk).update(
        next_check_due=timezone.localdate() + datetime.timedelta(days=5)
    )
    Feedback.objects.create(
        authority=authority,
        page=page.url_path and "/guide/help-in-northbrook/",
        useful=False,
        message="The phone number is missing.",
    )
    html = dashboard(client, "forum")
    waiting = html[html.index("Waiting for your sign-off") : html.index("Your pages due")]
    assert "Help in Northbrook" in waiting
    due = html[html.index("Your pages due") : html.index("What families said")]
    assert "Help in Northbrook" in due and "due on" in due
    assert "The phone number is missing." in html


def test_shared_pages_say_so_and_only_an_officer_may_split_one_off(
    client,
    people,
    local_offers,  # noqa: F811
):
    northbrook_home = local_offers["990"]["home"]
    alias = Page.objects.descendant_of(northbrook_home).get(slug="mediation").specific
    assert alias.alias_of_id is not None
    assert alias.get_admin_display_title() == "Mediation (shared from the national guide)"

    client.login(username="forum", password=PASSWORD)
    listing = client.get(f"/admin/pages/{alias.get_parent().pk}/").content.decode()
    assert "Mediation (shared from the national guide)" in listing
    edit = client.get(f"/admin/pages/{alias.pk}/edit/").content.decode()
    assert "Convert this alias into an ordinary page" not in edit
    assert "shared from the national guide" in edit
    refused = client.post(f"/admin/pages/{alias.pk}/convert_alias/")
    # Wagtail answers a forbidden admin action with 403, or by redirecting to the dashboard.
    assert refused.status_code == 403 or refused["Location"].rstrip("/") == "/admin"
    alias.refresh_from_db()
    assert alias.alias_of_id is not None
    client.logout()

    client.login(username="officer", password=PASSWORD)
    edit = client.get(f"/admin/pages/{alias.pk}/edit/").content.decode()
    assert "Convert this alias into an ordinary page" in edit
    response = client.post(f"/admin/pages/{alias.pk}/convert_alias/")
    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.alias_of_id is None
    entry = PageLogEntry.objects.get(page=alias, action="wagtail.convert_alias")
    assert entry.user == people["officer"]
