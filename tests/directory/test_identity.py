"""A setting editor never changes a listing's identity (name, slug, authority, URN): not by the
form, not by reverting to an older revision, not by an update approved after the register
changed the listing."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

import roles
from directory.models import Setting

from ..conftest import PASSWORD
from .conftest import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(make_setting, other_authority):
    """Published with a wrong name and URN, then corrected by an officer."""
    school = make_setting("Oakfeild Primary", urn=900001, summary="A primary school.")
    corrected = school.get_latest_revision_as_object()
    corrected.name = "Oakfield Primary School"
    corrected.slug = "oakfield-primary-school"
    corrected.urn = 900002
    return school, corrected


@pytest.fixture
def corrected_school(school, officer):
    school, corrected = school
    corrected.save_revision(user=officer).publish(user=officer)
    school.refresh_from_db()
    return school


@pytest.fixture
def senco(make_user, link, corrected_school):
    user = make_user("senco", roles.SETTING_EDITORS)
    link(user, corrected_school)
    return user


def identity(listing):
    return (listing.name, listing.slug, listing.authority_id, listing.urn)


def url(listing, name, *args):
    return reverse(Setting.snippet_viewset.get_url_name(name), args=[listing.pk, *args])


def test_reverting_to_an_older_revision_keeps_the_identity(
    client, corrected_school, senco, officer, workflow
):
    school = corrected_school
    live_identity = identity(school)
    first_revision = school.revisions.order_by("created_at", "pk").first()
    assert first_revision.content["name"] == "Oakfeild Primary"

    client.login(username="senco", password=PASSWORD)
    old = first_revision.as_object()
    data = edit_form_data(old, senco, senco_name="Priya Shah")
    response = client.post(
        url(school, "revisions_revert", first_revision.pk), {**data, "action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert latest.senco_name == "Priya Shah"
    assert identity(latest) == live_identity

    # The officer approves the school's update: the correction stays.
    client.logout()
    client.login(username="officer", password=PASSWORD)
    state = WorkflowState.objects.get(object_id=str(school.pk), status="in_progress")
    client.post(url(school, "workflow_action", "approve", state.current_task_state.pk))
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert identity(school) == live_identity


def test_a_plain_save_of_an_old_revision_keeps_the_identity(
    client, corrected_school, senco, other_authority
):
    school = corrected_school
    live_identity = identity(school)
    first_revision = school.revisions.order_by("created_at", "pk").first()
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(first_revision.as_object(), senco)
    # Identity fields forged into the POST are ignored too.
    data.update({"name": "Hacked", "urn": "123", "authority": str(other_authority.pk)})
    client.post(url(school, "revisions_revert", first_revision.pk), data)
    client.post(url(school, "edit"), data)
    latest = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert identity(latest) == live_identity


def test_an_update_approved_after_the_register_renamed_the_school_keeps_the_new_name(
    client, corrected_school, senco, officer, workflow
):
    school = corrected_school
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school.get_latest_revision_as_object(), senco, senco_name="Priya Shah")
    client.post(url(school, "edit"), {**data, "action-submit": "1"})
    # Meanwhile the GIAS import renames the school (it writes the live row, with no user).
    Setting.objects.filter(pk=school.pk).update(name="Oakfield Primary Academy", urn=900003)

    client.logout()
    client.login(username="officer", password=PASSWORD)
    state = WorkflowState.objects.get(object_id=str(school.pk), status="in_progress")
    client.post(url(school, "workflow_action", "approve", state.current_task_state.pk))
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert (school.name, school.urn) == ("Oakfield Primary Academy", 900003)


def test_an_officer_may_still_change_and_revert_the_identity(client, corrected_school, officer):
    school = corrected_school
    first_revision = school.revisions.order_by("created_at", "pk").first()
    client.login(username="officer", password=PASSWORD)
    data = edit_form_data(first_revision.as_object(), officer)
    client.post(url(school, "revisions_revert", first_revision.pk), {**data, "action-publish": "1"})
    school.refresh_from_db()
    assert (school.name, school.urn) == ("Oakfeild Primary", 900001)
