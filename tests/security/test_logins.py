"""Login throttling: wrong passwords lock a username from an address, even against the right
password; officers can unlock it; there is no second, unthrottled login."""

import pytest
from django.core.management import call_command
from django.test import Client

import roles

from ..conftest import PASSWORD

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_forty_wrong_passwords_then_the_right_one_is_refused(client, make_user):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    statuses = {log_in(client, "officer1", f"guess-{n}").status_code for n in range(40)}
    assert statuses <= {200, 429}
    response = log_in(client, "officer1", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts to log in" in html
    assert "Even the right password will not work" in html
    assert "Locked-out logins" in html  # who can help
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_the_lock_is_for_that_username_from_that_address(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    make_user("officer2", roles.LOCAL_OFFER_OFFICERS)
    attacker = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for n in range(6):
        log_in(client, "officer1", f"guess-{n}", **attacker)
    assert log_in(client, "officer1", PASSWORD, **attacker).status_code == 429

    # The real officer, through the same load balancer from another address, still gets in,
    # and so does a colleague from the attacker's address.
    colleague = Client()
    assert log_in(colleague, "officer2", PASSWORD, **attacker).status_code == 302
    owner = Client()
    office = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert log_in(owner, "officer1", PASSWORD, **office).status_code == 302
    assert is_logged_in(owner)


@pytest.mark.django_db
def test_an_officer_unlocks_a_locked_login_in_the_admin(client, make_user):
    make_user("senco", roles.SETTING_EDITORS)
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    for n in range(5):
        log_in(client, "senco", f"guess-{n}")
    assert log_in(client, "senco", PASSWORD).status_code == 429

    officer = Client()
    assert log_in(officer, "officer1", PASSWORD).status_code == 302
    page = officer.get("/admin/lockouts/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "senco" in html and "Unlock senco" in html
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="senco")
    response = officer.post("/admin/lockouts/", {"attempt": attempt.pk}, follow=True)
    assert "Unlocked “senco”" in response.content.decode()
    assert "No logins are locked" in response.content.decode()

    assert log_in(client, "senco", PASSWORD).status_code == 302
    assert is_logged_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.SETTING_EDITORS, roles.REGULATORS, roles.FORUM_EDITORS])
def test_only_officers_may_unlock(client, make_user, role):
    make_user("someone", role)
    assert log_in(client, "someone", PASSWORD).status_code == 302
    response = client.get("/admin/lockouts/")
    assert response.status_code in (302, 403)
    assert "Locked-out logins" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_command_line_unlocks_too(client, make_user):
    make_user("senco", roles.SETTING_EDITORS)
    for n in range(5):
        log_in(client, "senco", f"guess-{n}")
    assert log_in(client, "senco", PASSWORD).status_code == 429
    call_command("axes_reset_username", "senco")
    assert log_in(client, "senco", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_there_is_no_second_login_at_django_admin(client, make_user):
    make_user("boss")
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404
    response = client.post("/django-admin/login/", {"username": "boss", "password": PASSWORD})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_locked_out_list_costs_the_same_for_many(
    client, make_user, django_assert_max_num_queries
):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    officer = Client()
    assert log_in(officer, "officer1", PASSWORD).status_code == 302
    for number in range(12):
        for attempt in range(5):
            log_in(client, f"someone{number}", f"guess-{attempt}")
    with django_assert_max_num_queries(20):
        html = officer.get("/admin/lockouts/").content.decode()
    assert all(f"Unlock someone{number}" in html for number in range(12))
