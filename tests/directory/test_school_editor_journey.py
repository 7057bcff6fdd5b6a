"""Issue 25 (8): the school editor's and the approving officer's frictions, over HTTP."""

import re

import pytest
from django.contrib.messages import get_messages
from wagtail.models import WorkflowState

from directory.models import Setting

from ..conftest import PASSWORD
from .conftest import edit_form_data
from .test_approval import edit_url

pytestmark = pytest.mark.django_db


def said(response):
    """The messages' text (Wagtail adds its buttons after it)."""
    return [str(message).split("<")[0].strip() for message in get_messages(response.wsgi_request)]


def test_a_school_is_not_asked_for_coordinates_they_come_from_the_postcode(
    client, school, senco, postcodes, workflow
):
    client.login(username="senco", password=PASSWORD)
    form = client.get(edit_url(school)).content.decode()
    assert 'id="id_postcode"' in form
    assert 'id="id_latitude"' not in form and 'id="id_longitude"' not in form
    data = edit_form_data(school, senco, postcode="NB1 2BB")
    data.pop("latitude", None), data.pop("longitude", None)
    response = client.post(edit_url(school), data)
    assert response.status_code == 302
    draft = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert (draft.latitude, draft.longitude) == (52.605, -1.505)
    assert said(response) == [
        "Your changes to “Oakfield Primary School” are saved as a draft. Families still see "
        "the published version until the changes are submitted and approved."
    ]


def test_an_officers_own_coordinates_are_kept(client, school, officer, postcodes):
    client.login(username="officer", password=PASSWORD)
    assert 'id="id_latitude"' in client.get(edit_url(school)).content.decode()
    data = edit_form_data(school, officer, postcode="NB1 2BB", latitude="52.7", longitude="-1.4")
    assert client.post(edit_url(school), data).status_code == 302
    draft = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert (draft.latitude, draft.longitude) == (52.7, -1.4)


def test_the_missing_links_in_the_edit_form_open_their_tab(client, school, senco):
    client.login(username="senco", password=PASSWORD)
    html = client.get(edit_url(school)).content.decode()
    panel = html[html.index("listing-completeness") :]
    panel = panel[: panel.index("</div>")]
    links = re.findall(r'<a href="#id_\w+"[^>]*>', panel)
    assert links
    assert all('data-controller="w-focus"' in link for link in links)


def test_the_officer_sees_their_own_instructions_approve_first_and_both_scores(
    client, school, senco, officer, workflow
):
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, senco_name="Priya Shah")
    client.post(edit_url(school), {**data, "action-submit": "1"})
    waiting = client.get(edit_url(school)).content.decode()
    assert "The Local Offer team will check your changes" in waiting
    client.logout()

    client.login(username="officer", password=PASSWORD)
    html = client.get(edit_url(school)).content.decode()
    assert "The Local Offer team will check your changes" not in html
    assert "choose Approve (or Request changes)" in html
    # Approve is the menu's main button, before Save, Publish and Unpublish.
    footer = html[html.index('class="footer') :] if 'class="footer' in html else html
    approve, save = footer.find("Approve"), footer.find("Save draft")
    assert approve != -1 and (save == -1 or approve < save)

    live = Setting.objects.get(pk=school.pk).completeness_score
    draft = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    from directory import standard

    draft_score = standard.evaluate(draft).score
    assert draft_score > live
    index = client.get("/admin/directory/settings/").content.decode()
    assert f"{live}% live, {draft_score}% in the changes" in index

    response = client.post(
        edit_url(school),
        {
            **edit_form_data(draft, officer),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
        },
    )
    assert said(response) == ["You approved “Oakfield Primary School”. It is now published."]
    assert not WorkflowState.objects.filter(object_id=str(school.pk), status="in_progress")


def test_an_unknown_postcode_is_refused_at_the_field_not_kept_at_the_old_place(
    client, school, senco, officer, postcodes
):
    """Walked: a SENCo moved their school to a postcode the register does not hold, and the
    listing stayed where it was, with no word; families' distances would have been wrong."""
    before = (school.latitude, school.longitude)
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, postcode="NB7 7QQ")
    response = client.post(edit_url(school), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not find NB7 7QQ in the postcode register." in html
    assert "latitude" not in html.split("postcode register.")[1].split("</")[0]
    school.refresh_from_db()
    assert (school.latitude, school.longitude) == before
    assert not school.has_unpublished_changes
    client.logout()

    # An officer may give the place of a postcode too new for the register.
    client.login(username="officer", password=PASSWORD)
    data = edit_form_data(school, officer, postcode="NB7 7QQ")
    response = client.post(edit_url(school), data)
    assert response.status_code == 200
    assert "give the latitude and longitude as well" in response.content.decode()
    data = edit_form_data(school, officer, postcode="NB7 7QQ", latitude="52.7", longitude="-1.4")
    assert client.post(edit_url(school), data).status_code == 302
    draft = Setting.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert (draft.postcode, draft.latitude, draft.longitude) == ("NB7 7QQ", 52.7, -1.4)


def test_what_waits_for_the_officer_comes_first_on_their_dashboard(
    client, school, senco, officer, workflow
):
    """Walked: the change a school submitted sat below the figures and the overdue guide
    pages, under the fold."""
    client.login(username="senco", password=PASSWORD)
    data = edit_form_data(school, senco, senco_name="Priya Shah")
    client.post(edit_url(school), {**data, "action-submit": "1"})
    client.logout()
    client.login(username="officer", password=PASSWORD)
    html = client.get("/admin/").content.decode()
    waiting = html.index("Awaiting your review")
    assert waiting < html.index("The Local Offer at a glance")
    assert waiting < html.index("Guide pages overdue for their check")
    assert "Oakfield Primary School" in html[waiting:]
