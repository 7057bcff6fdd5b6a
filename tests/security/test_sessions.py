"""Logged-in sessions end after two hours without a request, and ten hours after logging in
however active they are."""

import time

import pytest

import roles
from localoffer.sessions import LAST_SEEN, STARTED

from ..conftest import PASSWORD


def log_in(client, username):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def move_clock(client, **offsets):
    """Pretend the session's login and last request happened this many seconds ago."""
    session = client.session
    now = int(time.time())
    for key, seconds in offsets.items():
        session[{"started": STARTED, "last_seen": LAST_SEEN}[key]] = now - seconds
    session.save()


@pytest.mark.django_db
def test_two_hours_without_a_request_logs_out(client, make_user, settings):
    assert settings.ADMIN_SESSION_IDLE_SECONDS == 2 * 3600
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    log_in(client, "officer1")
    move_clock(client, last_seen=2 * 3600 - 60)
    assert client.get("/admin/").status_code == 200  # still within the two hours
    move_clock(client, last_seen=2 * 3600 + 1)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    page = client.get(response["Location"])
    assert "logged out after a period without activity" in page.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_activity_keeps_the_session_but_not_beyond_ten_hours(client, make_user, settings):
    assert settings.ADMIN_SESSION_MAX_SECONDS == 10 * 3600
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    log_in(client, "officer1")
    move_clock(client, started=10 * 3600 - 60, last_seen=30)
    assert client.get("/admin/").status_code == 200
    move_clock(client, started=10 * 3600 + 1, last_seen=30)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "logged in a long time ago" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_each_request_moves_the_idle_clock(client, make_user):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    log_in(client, "officer1")
    move_clock(client, last_seen=3600)
    assert client.get("/admin/").status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN] < 60


@pytest.mark.django_db
def test_families_sessions_are_not_cut_short(client, make_setting):
    school = make_setting("Oakfield Primary School")
    client.post("/directory/shortlist/change/", {"id": school.pk})
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 5 * 3600
    session.save()
    assert "Oakfield Primary School" in client.get("/directory/shortlist/").content.decode()
