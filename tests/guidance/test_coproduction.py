"""Coproduction over HTTP: a forum editor drafts and submits, a Local Offer officer reviews,
a forum member signs off, and only then is the page published, with "Written with …"."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import roles
from guidance.models import GuidePage
from guidance.workflows import FORUM_TASK_NAME, OFFICER_TASK_NAME, WORKFLOW_NAME

from .conftest import log_in

pytestmark = pytest.mark.django_db


def guide_page_form(forum, action, title="Asking for an assessment", text=None):
    text = text or "<p>You can ask the council to assess your child. It must answer in 6 weeks.</p>"
    data = nested_form_data(
        {
            "title": title,
            "slug": "asking-for-an-assessment",
            "summary": "How to ask the council for an EHC needs assessment.",
            "section": "ehc",
            "body": streamfield([("text", rich_text(text))]),
            "last_checked_on": "",
            "next_check_due": "",
            "local_offer_category": "assessment",
            action: "1",
        }
    )
    data["coproduced_with"] = [str(forum.pk)]  # a multiple choice: one key, many values
    return data


def current_task_state(page):
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )
    return state.current_task_state


def is_denied(response):
    # Wagtail answers a forbidden admin action with 403, or by redirecting to the dashboard.
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def act(client, page, action, task_state, comment=""):
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_the_guide_has_the_coproduction_workflow(guide):
    workflow = guide.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    assert [t.name for t in workflow.tasks] == [OFFICER_TASK_NAME, FORUM_TASK_NAME]


def test_draft_review_sign_off_and_publish(client, guide, forum, forum_editor, officer, make_user):
    # A forum editor drafts a page and submits it to the workflow.
    log_in(client, "forum")
    add_url = f"/admin/pages/add/guidance/guidepage/{guide.pk}/"
    response = client.post(add_url, guide_page_form(forum, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    assert not page.live
    task_state = current_task_state(page)
    assert task_state.task.name == OFFICER_TASK_NAME

    # The forum cannot approve the officer's step, and the public cannot see the draft.
    assert is_denied(act(client, page, "approve", task_state))
    client.logout()
    assert client.get("/guide/asking-for-an-assessment/").status_code == 404

    # The officer approves; the page moves to the forum's sign-off, still unpublished.
    log_in(client, "officer")
    assert not is_denied(act(client, page, "approve", task_state))
    page.refresh_from_db()
    assert not page.live
    forum_state = current_task_state(page)
    assert forum_state.task.name == FORUM_TASK_NAME
    # An officer cannot sign off for the forum; nor can a superuser.
    assert is_denied(act(client, page, "approve", forum_state))
    make_user("root")
    client.logout()
    log_in(client, "root")
    assert is_denied(act(client, page, "approve", forum_state))
    page.refresh_from_db()
    assert not page.live
    assert TaskState.objects.get(pk=forum_state.pk).status == TaskState.STATUS_IN_PROGRESS

    # A forum member sees the reading level in the sign-off, and signs it off.
    client.logout()
    make_user("second-forum-member", roles.FORUM_EDITORS)
    log_in(client, "second-forum-member")
    modal_url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", forum_state.pk)
    )
    modal = client.get(modal_url)
    assert modal.status_code == 200
    assert "Reading level: grade" in modal.json()["html"]
    assert not is_denied(act(client, page, "approve", forum_state, "Read and agreed."))

    page.refresh_from_db()
    assert page.live
    assert page.last_checked_on == timezone.localdate()  # signing off is a check
    assert page.next_check_due > page.last_checked_on
    assert TaskState.objects.get(pk=forum_state.pk).status == TaskState.STATUS_APPROVED
    client.logout()
    response = client.get("/guide/asking-for-an-assessment/")
    html = response.content.decode()
    assert "Written with" in html and forum.name in html
    assert f"checked on {timezone.localdate():%-d %B %Y}" in html


def test_a_forum_editor_cannot_publish_directly(client, guide, forum, forum_editor):
    log_in(client, "forum")
    add_url = f"/admin/pages/add/guidance/guidepage/{guide.pk}/"
    response = client.post(add_url, guide_page_form(forum, "action-publish"))
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    assert response.status_code in (200, 302)
    assert not page.live
    # Editing an existing live page and pressing publish leaves the live page as it was.
    page.save_revision(user=forum_editor).publish()  # published by the workflow, say
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        guide_page_form(forum, "action-publish", title="Changed without sign-off"),
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"
    assert page.get_latest_revision_as_object().title == "Changed without sign-off"
    assert is_denied(client.post(f"/admin/pages/{page.pk}/unpublish/"))
    page.refresh_from_db()
    assert page.live


def test_a_forum_editor_can_write_only_in_the_guide(client, guide, forum_editor):
    from home.models import HomePage

    log_in(client, "forum")
    assert client.get(f"/admin/pages/add/guidance/guidepage/{guide.pk}/").status_code == 200
    home = HomePage.objects.get()
    assert is_denied(client.get(f"/admin/pages/{home.pk}/add_subpage/"))
    assert is_denied(client.get(f"/admin/pages/{home.pk}/edit/"))


def test_the_reading_level_shows_while_editing_and_warns_about_long_sentences(
    client, make_guide_page, forum_editor
):
    long = (
        "When the local authority receives a request for an education, health and care needs "
        "assessment it must consider whether the child or young person may have special "
        "educational needs and whether it may be necessary for special educational provision "
        "to be made in accordance with an education, health and care plan."
    )
    page = make_guide_page(body=[{"type": "text", "value": f"<p>{long}</p><p>Ask us.</p>"}])
    log_in(client, "forum")
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Reading level: grade" in html
    assert "This is above grade 6" in html
    assert "When the local authority receives a request" in html  # named as the longest
    assert page.reading_grade > 6

    easy = make_guide_page(title="Easy page")
    html = client.get(f"/admin/pages/{easy.pk}/edit/").content.decode()
    assert "Reading level: grade" in html and "This is above grade 6" not in html
