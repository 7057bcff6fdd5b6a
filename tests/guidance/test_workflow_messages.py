"""A confirmation after approving or signing off from the dashboard or the sign-off dialog."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

import roles
from guidance.models import GuidePage

from .conftest import log_in
from .test_coproduction import act, current_task_state, guide_page_form

pytestmark = pytest.mark.django_db


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_approval_and_the_forums_sign_off_are_confirmed(
    client, guide, forum, forum_editor, officer, make_user
):
    log_in(client, "forum")
    client.post(
        f"/admin/pages/add/guidance/guidepage/{guide.pk}/", guide_page_form(forum, "action-submit")
    )
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    client.logout()

    log_in(client, "officer")
    response = act(client, page, "approve", current_task_state(page))
    assert said(response) == [
        "You approved “Asking for an assessment”. It now goes to Parent carer forum sign-off."
    ]
    client.logout()

    make_user("second-forum-member", roles.FORUM_EDITORS)
    log_in(client, "second-forum-member")
    # From the dialog, as the dashboard's "Awaiting your review" panel sends it.
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", current_task_state(page).pk),
        ),
        {"comment": "Read and agreed."},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.live
    messages = said(client.get("/admin/"))
    assert messages == [
        "You signed off “Asking for an assessment” for the parent carer forum. It is now published."
    ]


def test_a_refused_action_says_nothing(client, guide, forum, forum_editor):
    log_in(client, "forum")
    client.post(
        f"/admin/pages/add/guidance/guidepage/{guide.pk}/", guide_page_form(forum, "action-submit")
    )
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    response = act(client, page, "approve", current_task_state(page))  # not theirs to approve
    assert not [m for m in said(response) if "approved" in m or "signed off" in m]


def test_a_pages_submission_says_who_sees_it_next_and_when_families_do(
    client, guide, forum, forum_editor, officer
):
    """Walked: the forum's Submit said "Page '…' has been submitted for moderation"."""
    expected = (
        "Thank you. “Asking for an assessment” goes to Local Offer officer review, then "
        "Parent carer forum sign-off. Families see the changes once the parent carer forum has "
        "signed it off."
    )
    log_in(client, "forum")
    # Written as a draft, then submitted from its edit screen.
    data = guide_page_form(forum, "action-draft")
    assert client.post(f"/admin/pages/add/guidance/guidepage/{guide.pk}/", data).status_code == 302
    said(client.get("/admin/"))  # the draft's own message, read
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    response = client.post(f"/admin/pages/{page.pk}/edit/", guide_page_form(forum, "action-submit"))
    assert response.status_code == 302
    assert said(response) == [expected]
    assert current_task_state(page).task.name == "Local Offer officer review"
