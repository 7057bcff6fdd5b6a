"""Each role logs in to the admin and can reach only what the role allows today, over HTTP."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import roles
from home.models import AuthoritySettings, HomePage

from ..conftest import PASSWORD

ALLOWED, DENIED = True, False

# What each role may open (the guide's and the directory's own rules are tested with them).
#                         settings  edit home  images  users
EXPECTED = {
    roles.LOCAL_OFFER_OFFICERS: (ALLOWED, ALLOWED, ALLOWED, DENIED),
    roles.FORUM_EDITORS: (DENIED, DENIED, ALLOWED, DENIED),  # edits the guide, not the home
    roles.SETTING_EDITORS: (DENIED, DENIED, DENIED, DENIED),
    roles.SERVICE_EDITORS: (DENIED, DENIED, DENIED, DENIED),
    roles.REGULATORS: (DENIED, DENIED, DENIED, DENIED),
}


def is_denied(response):
    # Wagtail answers a forbidden admin view with 403, or by redirecting to the dashboard; a
    # thing of an authority one does not act for is not found (404).
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def log_in(client, username):
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == "/admin/"


def test_every_role_is_a_group_from_the_one_definition(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)
    for role in roles.ROLES:
        group = Group.objects.get(name=role.name)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(role.model_permissions)


def test_sync_roles_puts_back_a_permission_removed_by_hand(db):
    group = Group.objects.get(name=roles.REGULATORS)
    group.permissions.clear()
    roles.sync_roles()
    assert group.permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
def test_each_role_logs_in_and_sees_only_what_it_may(client, demo_site, make_user, role_name):
    make_user("someone", role_name)
    log_in(client, "someone")
    assert client.get("/admin/").status_code == 200

    home = HomePage.objects.get()
    urls = (
        f"/admin/settings/home/authoritysettings/{demo_site.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        "/admin/images/",
        "/admin/users/",
    )
    for url, allowed in zip(urls, EXPECTED[role_name], strict=True):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, (role_name, url, response.status_code)
        else:
            assert is_denied(response), (role_name, url, response.status_code)


def test_a_wrong_password_does_not_log_in(client, make_user):
    make_user("someone", roles.REGULATORS)
    response = client.post("/admin/login/", {"username": "someone", "password": "wrong"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def home_page_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "home",
            "intro": rich_text("<p>Changed intro</p>"),
            "entry_points": streamfield([]),
            "show_help_now": "on",
            action: "1",
        }
    )


@pytest.mark.django_db
def test_a_regulator_cannot_change_anything_it_can_see(client, demo_site, make_user):
    make_user("inspector", roles.REGULATORS)
    log_in(client, "inspector")
    home = HomePage.objects.get()

    response = client.post(
        f"/admin/settings/home/authoritysettings/{demo_site.pk}/",
        {"authority_name": "Hacked", "service_name": "x", "phase": ""},
    )
    assert is_denied(response)
    assert AuthoritySettings.for_site(demo_site).authority_name == "Local Offers in England"

    response = client.post(
        f"/admin/pages/{home.pk}/edit/", home_page_form("Hacked", "action-publish")
    )
    assert is_denied(response)
    home.refresh_from_db()
    assert home.title != "Hacked" and not home.has_unpublished_changes

    response = client.post(f"/admin/pages/{home.pk}/add_subpage/")
    assert is_denied(response)
    response = client.post("/admin/users/new/", {"username": "mole", "password1": "x"})
    assert is_denied(response)
    assert not Group.objects.get(name=roles.REGULATORS).user_set.filter(username="mole").exists()


@pytest.mark.django_db
def test_a_forum_editor_cannot_change_the_home_page(client, demo_site, make_user):
    # Forum editors write the guide (tests/guidance); the rest of the site is the council's.
    make_user("forum", roles.FORUM_EDITORS)
    log_in(client, "forum")
    home = HomePage.objects.get()
    response = client.post(
        f"/admin/pages/{home.pk}/edit/", home_page_form("Forum's draft", "action-publish")
    )
    assert is_denied(response)
    home.refresh_from_db()
    assert not home.has_unpublished_changes


@pytest.mark.django_db
def test_an_officer_publishes_and_the_audit_log_records_who(client, demo_site, make_user):
    officer = make_user("officer", roles.LOCAL_OFFER_OFFICERS)
    log_in(client, "officer")
    home = HomePage.objects.get()
    response = client.post(
        f"/admin/pages/{home.pk}/edit/", home_page_form("Support for families", "action-publish")
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.title == "Support for families" and home.live
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.filter(page=home, action="wagtail.publish").latest("timestamp")
    assert entry.user == officer
