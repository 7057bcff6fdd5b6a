"""A SENCo updates their school's SEND information report and submits it; an officer approves."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from directory.models import ListingLogEntry, Setting

from ..conftest import PASSWORD
from .conftest import edit_form_data


def edit_url(listing):
    return reverse(Setting.snippet_viewset.get_url_name("edit"), args=[listing.pk])


@pytest.mark.django_db
def test_the_dashboard_shows_the_editor_their_score_and_what_is_missing(client, senco, school):
    client.login(username="senco", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    assert "Your listings" in html
    assert f"{school.completeness_score}% complete" in html
    assert "The SENCo&#x27;s name" in html or "The SENCo's name" in html
    # Each missing item links to its field (Wagtail's tabs open the tab that holds it).
    assert f"{edit_url(school)}#id_sen_identification" in html
    assert "Last checked on" in html
    assert "Status: <strong>Published</strong>" in html
    # The ids the links name are the fields' own on the edit screen.
    edit = client.get(edit_url(school)).content.decode()
    for anchor in re.findall(re.escape(edit_url(school)) + r"#([\w-]+)", html):
        assert f'id="{anchor}"' in edit, anchor


@pytest.mark.django_db
def test_editor_updates_the_report_submits_and_an_officer_publishes(
    client, senco, school, officer, workflow, needs
):
    before = school.completeness_score
    client.login(username="senco", password=PASSWORD)
    changes = {
        "sen_identification": "Teachers check progress every term and talk to parents.",
        "senco_name": "Priya Shah",
        "senco_email": "senco@oakfield.example.org",
        "needs": [needs["ASD"], needs["SLCN"]],
    }
    response = client.post(
        edit_url(school), {**edit_form_data(school, senco, **changes), "action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    school.refresh_from_db()
    # Submitted, not yet live: the public profile still shows the published version.
    assert school.has_unpublished_changes
    assert school.senco_name == ""
    state = WorkflowState.objects.get(object_id=str(school.pk), status="in_progress")
    draft_score = Setting.objects.get(pk=school.pk).get_latest_revision_as_object().evaluate()
    assert draft_score.score > before
    dashboard = client.get("/admin/").content.decode()
    assert f"{draft_score.score}% complete" in dashboard
    assert "Status: <strong>Awaiting approval</strong>" in dashboard
    # In the editors' words, on the message, the edit screen and the listings index.
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("awaiting approval by the Local Offer team" in m for m in messages), messages
    assert not any("moderation" in m for m in messages)
    edit = client.get(edit_url(school)).content.decode()
    assert "Status: Awaiting approval." in edit
    assert f"This version is <strong>{draft_score.score}% complete</strong>" in edit
    index = client.get(reverse(Setting.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Awaiting approval" in index

    # The editor cannot approve their own change.
    task_state = state.current_task_state
    approve = reverse(
        Setting.snippet_viewset.get_url_name("workflow_action"),
        args=[school.pk, "approve", task_state.pk],
    )
    client.post(approve)
    assert WorkflowState.objects.get(pk=state.pk).status == "in_progress"

    client.logout()
    client.login(username="officer", password=PASSWORD)
    response = client.post(approve)
    assert response.status_code in (200, 302)
    # Approved from the dashboard's "Awaiting your review": a confirmation, not silence.
    confirmed = [str(m) for m in response.wsgi_request._messages]
    assert confirmed == ["You approved “Oakfield Primary School”. It is now published."]
    school.refresh_from_db()
    assert WorkflowState.objects.get(pk=state.pk).status == "approved"
    assert school.senco_name == "Priya Shah"
    assert school.completeness_score == draft_score.score > before
    assert set(school.needs.values_list("code", flat=True)) == {"ASD", "SLCN"}

    actions = list(
        ListingLogEntry.objects.filter(object_id=str(school.pk))
        .order_by("timestamp")
        .values_list("action", "user__username")
    )
    assert ("wagtail.workflow.start", "senco") in actions
    assert ("wagtail.publish", "officer") in actions


@pytest.mark.django_db
def test_without_a_workflow_an_editor_saves_drafts_but_cannot_publish(client, senco, school):
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, senco_name="Priya Shah")
    client.post(edit_url(school), {**data, "action-publish": "1"})
    school.refresh_from_db()
    assert school.senco_name == ""  # the live listing is unchanged
    assert school.get_latest_revision_as_object().senco_name == "Priya Shah"


@pytest.mark.django_db
def test_an_editor_cannot_change_the_identity_fields(client, senco, school, other_authority):
    client.login(username="senco", password=PASSWORD)
    form_fields = (
        Setting.snippet_viewset.get_edit_handler()
        .get_form_class()(instance=school, for_user=senco)
        .fields
    )
    for officer_only in ("name", "slug", "authority", "urn", "section41_approved"):
        assert officer_only not in form_fields


@pytest.mark.django_db
def test_bad_values_are_refused_with_messages_not_errors(client, officer, school):
    client.login(username="officer", password=PASSWORD)
    data = edit_form_data(
        school,
        officer,
        min_age="12",
        max_age="5",
        sen_support_percent="140",
        senco_qualification="in-progress",
    )
    response = client.post(edit_url(school), {**data, "action-publish": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The oldest age must not be below the youngest." in html
    assert "Give the date the SENCo started it." in html or "Ensure this value" in html
    school.refresh_from_db()
    assert school.min_age == 4


@pytest.mark.django_db
def test_the_editor_previews_their_draft_as_families_will_see_it(client, senco, school):
    client.login(username="senco", password=PASSWORD)
    preview = reverse(Setting.snippet_viewset.get_url_name("preview_on_edit"), args=[school.pk])
    data = edit_form_data(school, senco, senco_name="Priya Shah")
    assert client.post(preview, data).json()["is_valid"] is True
    html = client.get(preview).content.decode()
    assert "Priya Shah" in html
    assert 'id="report"' in html and "Not published by this setting" in html


@pytest.mark.django_db
def test_approval_sets_last_checked_when_the_editor_confirmed_it_is_current(
    client, senco, school, officer, workflow
):
    old = timezone.localdate() - datetime.timedelta(days=300)
    Setting.objects.filter(pk=school.pk).update(last_reviewed_on=old)
    school.refresh_from_db()
    client.login(username="senco", password=PASSWORD)
    edit = client.get(edit_url(school)).content.decode()
    assert "I have checked every section and it is all current" in edit
    assert "“Last checked” becomes the date of approval" in edit
    data = edit_form_data(school, senco, senco_name="Priya Shah", confirmed_current=True)
    client.post(edit_url(school), {**data, "action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(school.pk), status="in_progress")
    client.logout()
    client.login(username="officer", password=PASSWORD)
    approve = reverse(
        Setting.snippet_viewset.get_url_name("workflow_action"),
        args=[school.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve)
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert school.last_reviewed_on == timezone.localdate()
    assert school.confirmed_current is False
    # The next edit starts from the approved version, with the new date and the box clear.
    latest = school.get_latest_revision_as_object()
    assert latest.last_reviewed_on == timezone.localdate() and not latest.confirmed_current

    # Without the box ticked, approval leaves "Last checked" alone.
    Setting.objects.filter(pk=school.pk).update(last_reviewed_on=old)
    school.refresh_from_db()
    client.post(edit_url(school), {**edit_form_data(school, officer), "action-publish": "1"})
    school.refresh_from_db()
    assert school.last_reviewed_on == old


@pytest.mark.django_db
def test_a_draft_saved_in_the_admin_changes_nothing_families_find_until_published(
    client, senco, officer, school
):
    """Saving a draft writes only Wagtail's bookkeeping columns: the directory version stays
    (no kept page anywhere is rendered again) and the draft's words are not searchable; an
    officer's publish makes them so."""
    from django.test import Client

    from directory.change_log import current_version as data_version

    family = Client()
    assert "0 schools and services found" in family.get("/directory/?q=zebracorn").content.decode()
    version = data_version()
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, summary="A zebracorn sensory garden.")
    client.post(edit_url(school), data)
    school.refresh_from_db()
    assert school.summary == "A friendly primary school."  # the live listing is unchanged
    assert school.get_latest_revision_as_object().summary == "A zebracorn sensory garden."
    assert data_version() == version
    assert "0 schools and services found" in family.get("/directory/?q=zebracorn").content.decode()

    client.logout()
    client.login(username="officer", password=PASSWORD)
    data = edit_form_data(school, officer, summary="A zebracorn sensory garden.")
    client.post(edit_url(school), {**data, "action-publish": "1"})
    assert data_version() != version
    found = family.get("/directory/?q=zebracorn").content.decode()
    assert "1 school and service found" in found and "Oakfield Primary School" in found
