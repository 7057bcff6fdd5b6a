"""Issue 25 (2): an officer's Approve on a guide page's edit screen approves the page; it does
not save a content change that sends the page back to review, and the message says what
happened."""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import WorkflowState

from guidance.models import GuidePage
from guidance.workflows import FORUM_TASK_NAME, OFFICER_TASK_NAME

from .conftest import log_in
from .test_coproduction import current_task_state, guide_page_form

pytestmark = pytest.mark.django_db

TEXT = "<p>You can ask the council to assess your child. It must answer in 6 weeks.</p>"


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def submitted(client, guide, forum, forum_editor, officer):
    """A page submitted by the forum whose stored text has a double space (as the guide pack
    loads it), which the rich text editor turns into one when the officer opens it."""
    log_in(client, "forum")
    response = client.post(
        f"/admin/pages/add/guidance/guidepage/{guide.pk}/",
        guide_page_form(forum, "action-submit", text=TEXT),
    )
    assert response.status_code == 302
    client.logout()
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    revision = page.get_latest_revision()
    body = json.loads(revision.content["body"])
    body[0]["value"] = body[0]["value"].replace("council to", "council  to")
    revision.content["body"] = json.dumps(body)
    revision.save(update_fields=["content"])
    assert "council  to" in page.get_latest_revision().content["body"]
    return page


def approve_from_edit_screen(client, page, forum, text=TEXT):
    data = guide_page_form(forum, "action-workflow-action", text=text)
    data["workflow-action-name"] = "approve"
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_approving_unchanged_content_approves_and_saves_no_revision(client, submitted, forum):
    revisions = submitted.revisions.count()
    log_in(client, "officer")
    response = approve_from_edit_screen(client, submitted, forum)
    assert response.status_code == 302
    assert submitted.revisions.count() == revisions  # whitespace is not an edit
    state = WorkflowState.objects.get(object_id=str(submitted.pk), status="in_progress")
    assert state.current_task_state.task.name == FORUM_TASK_NAME
    assert state.current_task_state.revision_id == submitted.get_latest_revision().pk
    assert said(response) == [
        "You approved “Asking for an assessment”. It now goes to Parent carer forum sign-off."
    ]


def test_changing_content_while_approving_says_it_went_back(client, submitted, forum):
    revisions = submitted.revisions.count()
    log_in(client, "officer")
    changed = TEXT.replace("6 weeks", "six weeks")
    response = approve_from_edit_screen(client, submitted, forum, text=changed)
    assert response.status_code == 302
    assert submitted.revisions.count() == revisions + 1  # a real edit is kept
    assert current_task_state(submitted).task.name == OFFICER_TASK_NAME
    (message,) = said(response)
    assert "updated" not in message
    assert "You changed “Asking for an assessment” as you approved it" in message
    assert "goes back to Local Offer officer review" in message


def test_saving_a_draft_that_changes_nothing_keeps_the_workflow_where_it_is(
    client, submitted, forum
):
    revisions = submitted.revisions.count()
    log_in(client, "officer")
    response = client.post(
        f"/admin/pages/{submitted.pk}/edit/", guide_page_form(forum, "action-save", text=TEXT)
    )
    assert response.status_code == 302
    assert submitted.revisions.count() == revisions
    task_state = current_task_state(submitted)
    assert task_state.task.name == OFFICER_TASK_NAME
    assert task_state.revision_id == submitted.get_latest_revision().pk


def menu_labels(client, page):
    """The edit screen's action menu, main button first, as each reviewer sees it."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    footer = html[html.index('class="footer') :]
    footer = footer[: footer.index("</footer>")]
    labels = [
        "Approve",
        "Request changes",
        "Sign off for the forum",
        "Ask for changes",
        "Save draft",
        "Unpublish",
        "Cancel workflow",
        "Publish without forum sign-off",
    ]
    found = {label: footer.find(label) for label in labels}
    return [label for label in sorted(found, key=found.get) if found[label] != -1]


def test_each_reviewers_own_action_leads_their_menu(client, submitted, forum):
    log_in(client, "officer")
    labels = menu_labels(client, submitted)
    assert labels[:2] == ["Approve", "Request changes"], labels
    assert approve_from_edit_screen(client, submitted, forum).status_code == 302
    client.logout()

    log_in(client, "forum")
    labels = menu_labels(client, submitted)
    assert labels[:2] == ["Sign off for the forum", "Ask for changes"], labels


def test_a_page_with_a_check_date_is_approved_from_its_edit_screen_too(
    client, guide, forum, forum_editor, officer
):
    """Walked in the demo: the forum's sign-off from the edit screen of a page the demo had
    written sent it back to the first step; a page's check dates compared as dates on one
    side and as text on the other, so no such page ever compared as unchanged."""
    checked = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    log_in(client, "forum")
    data = guide_page_form(forum, "action-submit", text=TEXT.replace("council to", "council  to"))
    data["last_checked_on"] = checked
    response = client.post(f"/admin/pages/add/guidance/guidepage/{guide.pk}/", data)
    assert response.status_code == 302
    client.logout()
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    revisions = page.revisions.count()

    log_in(client, "officer")
    data = guide_page_form(forum, "action-workflow-action", text=TEXT)  # the editor's one space
    data["last_checked_on"] = checked
    data["workflow-action-name"] = "approve"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    assert page.revisions.count() == revisions
    assert current_task_state(page).task.name == FORUM_TASK_NAME
    assert said(response) == [
        "You approved “Asking for an assessment”. It now goes to Parent carer forum sign-off."
    ]
