"""Nothing in the guide goes live without the forum's sign-off, by any admin path, except a
deliberate, logged "Publish without forum sign-off" that tells readers the page was not checked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text

from guidance.models import PUBLISH_WITHOUT_SIGN_OFF, GuideIndexPage, GuidePage, SignOff
from guidance.models.signoff import SignOffMissing
from home.models import HomePage

from .conftest import log_in
from .test_coproduction import act, current_task_state, guide_page_form, is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(make_guide_page, forum):
    page = make_guide_page(title="Asking for an assessment", slug="asking-for-an-assessment")
    page.coproduced_with.set([forum])
    page.save_revision().publish()
    return page


def public_html(client, url="/guide/asking-for-an-assessment/"):
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_officer_cannot_publish_a_guide_page_from_the_editor(client, page, forum, officer):
    log_in(client, "officer")
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()
    response = client.post(
        edit_url, guide_page_form(forum, "action-publish", title="Changed without the forum")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"  # the live page is unchanged
    assert page.get_latest_revision_as_object().title == "Changed without the forum"
    html = public_html(client)
    assert "Changed without the forum" not in html


def test_an_officer_cannot_add_a_live_guide_page(client, guide, forum, officer):
    log_in(client, "officer")
    response = client.post(
        f"/admin/pages/add/guidance/guidepage/{guide.pk}/",
        guide_page_form(forum, "action-publish"),
    )
    assert response.status_code == 302
    page = GuidePage.objects.get(slug="asking-for-an-assessment")
    assert not page.live
    assert client.get("/guide/asking-for-an-assessment/").status_code == 404


def test_a_new_guide_added_with_publish_stays_a_draft(client, demo_site, officer):
    log_in(client, "officer")
    home = HomePage.objects.get()
    data = nested_form_data(
        {
            "title": "Another guide",
            "slug": "another-guide",
            "intro": rich_text("<p>Hello</p>"),
            "action-publish": "1",
        }
    )
    response = client.post(f"/admin/pages/add/guidance/guideindexpage/{home.pk}/", data)
    assert response.status_code == 302  # not an error page
    index = GuideIndexPage.objects.get(slug="another-guide")
    assert not index.live
    assert response["Location"] == f"/admin/pages/{index.pk}/edit/"


def test_bulk_publish_skips_guide_pages(client, make_guide_page, officer):
    draft = make_guide_page(title="A draft", live=False)
    log_in(client, "officer")
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}"
    client.get(url)
    client.post(url, {"include_descendants": ""})
    draft.refresh_from_db()
    assert not draft.live


def test_reverting_and_publishing_saves_a_draft(client, page, forum, officer):
    old_revision = page.get_latest_revision()
    changed = page.get_latest_revision_as_object()
    changed.title = "Signed-off wording, changed"
    changed.save_revision()  # a draft with a newer wording
    log_in(client, "officer")
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old_revision.pk])
    client.post(url, guide_page_form(forum, "action-publish", title="Reverted wording"))
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"
    assert page.live_revision_id == old_revision.pk


def test_copying_with_publish_makes_a_draft(client, page, guide, officer):
    log_in(client, "officer")
    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": "A copy",
            "new_slug": "a-copy",
            "new_parent_page": str(guide.pk),
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copy = Page.objects.filter(slug="a-copy").first()
    assert copy is None or not copy.live
    # Copying the whole guide, with its live pages, and publishing the copies is refused too.
    home = HomePage.objects.get()
    client.post(
        f"/admin/pages/{guide.pk}/copy/",
        {
            "new_title": "Guide copy",
            "new_slug": "guide-copy",
            "new_parent_page": str(home.pk),
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert not Page.objects.filter(slug="guide-copy", live=True).exists()
    assert Page.objects.live().type(GuidePage).count() == 1


def test_publishing_with_a_future_date_schedules_nothing(client, page, forum, officer):
    log_in(client, "officer")
    data = guide_page_form(forum, "action-publish", title="Scheduled wording")
    data["go_live_at"] = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert not Revision.page_revisions.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).exists()


def test_the_model_refuses_an_unsigned_revision_from_any_caller(page, officer, make_user):
    draft = page.get_latest_revision_as_object()
    draft.title = "Published from code by a person"
    revision = draft.save_revision(user=officer)
    with pytest.raises(SignOffMissing):
        revision.publish(user=officer)
    with pytest.raises(SignOffMissing):
        revision.publish(user=make_user("root"))  # not even a superuser
    # A revision scheduled by hand is published by `publish_scheduled` with no user: refused.
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    with pytest.raises(SignOffMissing):
        revision.publish()
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"


def test_a_forum_sign_off_still_publishes_and_is_recorded(client, page, forum, officer, make_user):
    import roles

    log_in(client, "officer")
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        guide_page_form(forum, "action-submit", title="Clearer wording"),
    )
    assert not act(client, page, "approve", current_task_state(page)).status_code >= 400
    make_user("forum-member", roles.FORUM_EDITORS)
    client.logout()
    log_in(client, "forum-member")
    act(client, page, "approve", current_task_state(page), "Agreed.")
    page.refresh_from_db()
    assert page.title == "Clearer wording" and page.live
    assert SignOff.objects.get(revision=page.live_revision).kind == SignOff.FORUM


def test_publish_without_sign_off_needs_a_reason_and_tells_readers(
    client, page, forum, forum_editor, officer
):
    url = reverse("guidance_publish_without_sign_off", args=[page.pk])
    edit_url = f"/admin/pages/{page.pk}/edit/"
    draft = page.get_latest_revision_as_object()
    draft.title = "The new deadline"
    draft.save_revision(user=officer)

    # Forum editors cannot (they publish by signing off); they are not offered it.
    log_in(client, "forum")
    assert "Publish without forum sign-off" not in client.get(edit_url).content.decode()
    assert is_denied(client.post(url, {"reason": "Because I want to, really."}))
    client.logout()

    log_in(client, "officer")
    assert url in client.get(edit_url).content.decode()
    assert client.get(url).status_code == 200
    # No reason, or too short a reason: nothing is published.
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "urgent"}).status_code == 400
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"

    reason = "The statutory deadline changed today; the forum meets next week."
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "The new deadline" and page.published_without_sign_off

    # Recorded with the reason, in the audit log and against the revision.
    entry = PageLogEntry.objects.get(page=page, action=PUBLISH_WITHOUT_SIGN_OFF)
    assert entry.user == officer and entry.data["reason"] == reason
    assert entry.revision_id == page.live_revision_id
    sign_off = SignOff.objects.get(revision=page.live_revision)
    assert sign_off.kind == SignOff.WITHOUT_FORUM and sign_off.reason == reason
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Published without the parent carer forum" in history and reason in history

    html = public_html(client)
    assert "The new deadline" in html
    assert "Not checked by the parent carer forum" in html
    assert "checked on" not in html and "Written with" not in html


def test_the_calculator_needs_sign_off_too(client, guide, officer):
    from guidance.models import EHCDeadlinesPage

    calculator = EHCDeadlinesPage(
        title="EHC deadlines", slug="ehc-deadlines", summary="Work out dates.", section="ehc"
    )
    guide.add_child(instance=calculator)
    calculator.save_revision()
    calculator.live = False
    calculator.save(update_fields=["live"])
    log_in(client, "officer")
    assert not calculator.permissions_for_user(officer).can_publish()
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={calculator.pk}", {})
    calculator.refresh_from_db()
    assert not calculator.live


def test_a_live_guide_page_cannot_be_moved_into_another_guide(client, page, officer):
    home = HomePage.objects.get()
    area = Page(title="Another area", slug="another-area")
    home.add_child(instance=area)
    other_guide = GuideIndexPage(title="Other guide", slug="other-guide")
    area.add_child(instance=other_guide)
    other_guide.save_revision().publish()
    assert not page.permissions_for_user(officer).can_move_to(other_guide)
    log_in(client, "officer")
    client.post(f"/admin/pages/{page.pk}/move/{other_guide.pk}/confirm/")
    page.refresh_from_db()
    assert page.get_parent().pk != other_guide.pk


def test_a_workflow_without_the_forum_leaves_guide_pages_as_drafts(client, page, forum, officer):
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from directory.models import LocalOfferApprovalTask

    # An officer gives the guide a workflow with only their own review.
    quick = Workflow.objects.create(name="Officer only")
    task = LocalOfferApprovalTask.objects.get(name="Local Offer officer review")
    WorkflowTask.objects.create(workflow=quick, task=task, sort_order=0)
    WorkflowPage.objects.filter(page=page.get_parent()).update(workflow=quick)

    log_in(client, "officer")
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        guide_page_form(forum, "action-submit", title="Approved by an officer alone"),
    )
    response = act(client, page, "approve", current_task_state(page))
    assert response.status_code < 500
    page.refresh_from_db()
    assert page.title == "Asking for an assessment"  # still the signed-off version
