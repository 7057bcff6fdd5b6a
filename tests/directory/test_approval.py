"""An officer approves a school's update from the dashboard or from the listing's edit screen:
either way, what the school submitted (with the officer's own changes, if any) goes live."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

import roles
from directory.models import Setting

from ..conftest import PASSWORD
from .conftest import edit_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(make_setting):
    return make_setting("Oakfield Primary School", summary="A friendly primary school.")


@pytest.fixture
def submitted(client, make_user, link, school, officer, workflow):
    """The SENCo's update, submitted for approval; the client is then logged in as the officer."""
    senco = make_user("senco", roles.SETTING_EDITORS)
    link(senco, school)
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, senco_name="Priya Shah")
    response = client.post(edit_url(school), {**data, "action-submit": "1"})
    assert response.status_code == 302
    client.logout()
    client.login(username="officer", password=PASSWORD)
    return WorkflowState.objects.get(object_id=str(school.pk), status="in_progress")


def edit_url(listing):
    return reverse(Setting.snippet_viewset.get_url_name("edit"), args=[listing.pk])


def approve_from_edit_screen(client, school, officer, **changes):
    latest = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    data = edit_form_data(latest, officer, **changes)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    return client.post(edit_url(school), data)


def test_approving_from_the_dashboard_publishes_the_update(client, school, submitted):
    url = reverse(
        Setting.snippet_viewset.get_url_name("workflow_action"),
        args=[school.pk, "approve", submitted.current_task_state.pk],
    )
    assert client.post(url).status_code in (200, 302)
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert WorkflowState.objects.get(pk=submitted.pk).status == "approved"
    assert not WorkflowState.objects.filter(object_id=str(school.pk), status="in_progress")


def test_approving_from_the_edit_screen_publishes_the_update(client, school, officer, submitted):
    response = approve_from_edit_screen(client, school, officer)
    assert response.status_code == 302, response.content.decode()[:2000]
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert not school.has_unpublished_changes
    assert WorkflowState.objects.get(pk=submitted.pk).status == "approved"
    # Nothing went back to review.
    assert not WorkflowState.objects.filter(object_id=str(school.pk), status="in_progress")


def test_the_officers_own_changes_are_published_with_the_update(client, school, officer, submitted):
    response = approve_from_edit_screen(
        client, school, officer, summary="A primary school with a resourced provision."
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.senco_name == "Priya Shah"
    assert school.summary == "A primary school with a resourced provision."
    assert WorkflowState.objects.get(pk=submitted.pk).status == "approved"
    assert not WorkflowState.objects.filter(object_id=str(school.pk), status="in_progress")


def test_the_school_cannot_approve_from_its_edit_screen(client, school, submitted, make_user):
    client.logout()
    client.login(username="senco", password=PASSWORD)
    senco = submitted.requested_by
    latest = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    data = edit_form_data(latest, senco)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    client.post(edit_url(school), data)
    school.refresh_from_db()
    assert school.senco_name == ""
    assert WorkflowState.objects.get(pk=submitted.pk).status == "in_progress"
