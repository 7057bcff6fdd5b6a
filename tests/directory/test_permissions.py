"""Least privilege over HTTP: role x admin action x own / other listing.

A setting editor is linked to one school. Every admin URL that names a listing is tried for
their own school and for another; the other school must be invisible (404), whatever the URL.
"""

import pytest
from django.urls import reverse
from wagtail.models import Revision

import roles
from directory.models import Service, Setting

from ..conftest import PASSWORD
from .conftest import edit_form_data


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def url(listing, name, *args):
    viewset = type(listing).snippet_viewset
    return reverse(viewset.get_url_name(name), args=[listing.pk, *args])


def chooser_url(model, name, *args):
    return reverse(model.snippet_viewset.chooser_viewset.get_url_name(name), args=args)


def is_denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


@pytest.fixture
def schools(make_setting):
    own = make_setting("Oakfield Primary School")
    other = make_setting("Elmhurst Primary School")
    for school in (own, other):  # a second revision, so there is something to compare
        school.summary = "Updated summary"
        school.save_revision()
    return own, other


@pytest.fixture
def services(make_service):
    pair = make_service("Oakfield Speech Therapy"), make_service("Elmhurst Physiotherapy")
    for service in pair:
        service.summary = "Updated summary"
        service.save_revision()
    return pair


@pytest.fixture
def setting_editor(make_user, link, schools):
    user = make_user("senco", roles.SETTING_EDITORS)
    link(user, schools[0])
    return user


@pytest.fixture
def service_editor(make_user, link, services):
    user = make_user("therapist", roles.SERVICE_EDITORS)
    link(user, services[0])
    return user


def revision_ids(listing):
    return list(
        Revision.objects.for_instance(listing).order_by("created_at").values_list("id", flat=True)
    )


# The views an editor may use on their own listing (GET answers 200) ...
READABLE = ["edit", "history", "history_results", "usage", "inspect", "workflow_history"]


def own_and_other_urls(listing):
    first, latest = revision_ids(listing)[:2]
    return {
        **{name: url(listing, name) for name in READABLE},
        "revisions_view": url(listing, "revisions_view", first),
        "revisions_revert": url(listing, "revisions_revert", first),
        "revisions_compare": reverse(
            type(listing).snippet_viewset.get_url_name("revisions_compare"),
            args=[listing.pk, str(first), str(latest)],
        ),
        "chosen": chooser_url(type(listing), "chosen", listing.pk),
        # ... and ones their role does not allow even on their own listing.
        "delete": url(listing, "delete"),
        "unpublish": url(listing, "unpublish"),
    }


NOT_FOR_EDITORS = {"delete", "unpublish"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["setting", "service"])
def test_an_editor_reaches_only_their_own_listing_by_every_admin_url(
    client, kind, schools, services, setting_editor, service_editor
):
    user, (own, other) = (
        (setting_editor, schools) if kind == "setting" else (service_editor, services)
    )
    login(client, user)
    for name, address in own_and_other_urls(own).items():
        response = client.get(address)
        if name in NOT_FOR_EDITORS:
            assert is_denied(response), (name, response.status_code)
        else:
            assert response.status_code == 200, (name, address, response.status_code)
    for name, address in own_and_other_urls(other).items():
        response = client.get(address)
        assert response.status_code == 404, (name, address, response.status_code)
        assert other.name.encode() not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["setting", "service"])
def test_an_editor_cannot_change_another_listing_by_any_post(
    client, kind, schools, services, setting_editor, service_editor
):
    user, (own, other) = (
        (setting_editor, schools) if kind == "setting" else (service_editor, services)
    )
    login(client, user)
    data = edit_form_data(own, user, summary="Hijacked")
    posts = {
        "edit": (url(other, "edit"), {**data, "action-publish": "1"}),
        "submit": (url(other, "edit"), {**data, "action-submit": "1"}),
        "preview": (url(other, "preview_on_edit"), data),
        "lock": (url(other, "lock"), {}),
        "unlock": (url(other, "unlock"), {}),
        "delete": (url(other, "delete"), {}),
        "unpublish": (url(other, "unpublish"), {}),
        "revert": (url(other, "revisions_revert", revision_ids(other)[0]), data),
    }
    for name, (address, payload) in posts.items():
        response = client.post(address, payload)
        assert response.status_code == 404, (name, response.status_code)
    other.refresh_from_db()
    assert other.summary != "Hijacked" and other.live and not other.locked
    assert type(other).objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_listings_choosers_and_search_show_an_editor_only_their_own(
    client, schools, setting_editor
):
    own, other = schools
    login(client, setting_editor)
    for address in (
        reverse(Setting.snippet_viewset.get_url_name("list")),
        reverse(Setting.snippet_viewset.get_url_name("list")) + "?q=Primary",
        reverse(Setting.snippet_viewset.get_url_name("list_results")) + "?q=Elmhurst",
        chooser_url(Setting, "choose"),
        chooser_url(Setting, "choose_results") + "?q=Primary",
        chooser_url(Setting, "chosen_multiple") + f"?id={own.pk}&id={other.pk}",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        assert other.name.encode() not in response.content, address
    index = client.get(reverse(Setting.snippet_viewset.get_url_name("list")))
    assert own.name.encode() in index.content


@pytest.mark.django_db
def test_an_editor_cannot_add_listings_or_reach_the_other_kind(
    client, schools, services, setting_editor
):
    login(client, setting_editor)
    assert is_denied(client.get(reverse(Setting.snippet_viewset.get_url_name("add"))))
    assert is_denied(client.get(reverse(Service.snippet_viewset.get_url_name("list"))))
    assert is_denied(client.get(url(services[0], "edit")))


@pytest.mark.django_db
def test_a_regulator_reads_every_listing_and_changes_none(client, make_user, schools):
    regulator = make_user("inspector", roles.REGULATORS)
    login(client, regulator)
    index = client.get(reverse(Setting.snippet_viewset.get_url_name("list")))
    assert index.status_code == 200
    for school in schools:
        assert school.name.encode() in index.content
        assert client.get(url(school, "inspect")).status_code == 200
        for name in ("edit", "delete", "unpublish", "history"):
            assert is_denied(client.get(url(school, name))), name
        data = edit_form_data(school, make_user(f"x{school.pk}"), summary="Changed")
        assert is_denied(client.post(url(school, "edit"), {**data, "action-publish": "1"}))
        assert is_denied(client.post(url(school, "lock")))
        school.refresh_from_db()
        assert school.summary != "Changed" and not school.locked
    assert is_denied(client.get(reverse(Setting.snippet_viewset.get_url_name("add"))))


@pytest.mark.django_db
def test_an_officer_reaches_every_listing(client, officer, schools, services):
    login(client, officer)
    for listing in (*schools, *services):
        assert client.get(url(listing, "edit")).status_code == 200


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, schools):
    response = client.get(url(schools[0], "edit"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_audit_log_shows_an_editor_only_their_own_listing(
    client, demo_site, make_user, schools, setting_editor
):
    own, other = schools
    for school in schools:
        school.summary = f"Changed {school.name}"
        school.save_revision(log_action=True).publish()
    login(client, setting_editor)
    for address in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = client.get(address)
        assert response.status_code == 200
        assert own.name.encode() in response.content
        assert other.name.encode() not in response.content

    client.logout()
    login(client, make_user("inspector", roles.REGULATORS))
    history = client.get("/admin/reports/site-history/").content
    assert own.name.encode() in history and other.name.encode() in history
