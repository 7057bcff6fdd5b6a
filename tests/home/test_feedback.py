import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import roles
from home.feedback import RATE_LIMIT
from home.models import Feedback

from ..conftest import PASSWORD

EDIT = "feedback:edit"


def answer(officer_client, item, **fields):
    data = {
        "theme": "missing",
        "you_said": "The speech therapy page did not say how long the wait is.",
        "we_did": "The team now publishes its waiting time and updates it every month.",
        "published": "on",
        **fields,
    }
    return officer_client.post(reverse(EDIT, args=[item.pk]), data)


@pytest.mark.django_db
def test_a_familys_feedback_is_answered_and_published(client, demo_site, make_user):
    response = client.post(
        "/feedback/",
        {"useful": "no", "message": "No waiting time shown.", "page": "/directory/some-school/"},
    )
    assert response.status_code == 302 and response["Location"] == "/feedback/thanks/"
    item = Feedback.objects.get()
    assert (item.page, item.useful, item.message) == (
        "/directory/some-school/",
        False,
        "No waiting time shown.",
    )
    assert "You said" not in client.get("/feedback/").content.decode().split("You said, we did")[1]

    officer = make_user("officer", roles.LOCAL_OFFER_OFFICERS)
    officer_client = Client()
    officer_client.login(username="officer", password=PASSWORD)
    assert "No waiting time shown." in officer_client.get("/admin/feedback/").content.decode()
    assert answer(officer_client, item).status_code == 302
    item.refresh_from_db()
    assert item.published and item.responded_by == officer and item.responded_at

    html = client.get("/feedback/").content.decode()
    assert "Something missing" in html
    assert "publishes its waiting time" in html
    assert "No waiting time shown." not in html  # the raw text is never published


@pytest.mark.django_db
def test_publishing_needs_a_summary_and_a_response(demo_site, make_user):
    item = Feedback.objects.create(message="x")
    make_user("officer", roles.LOCAL_OFFER_OFFICERS)
    officer_client = Client()
    officer_client.login(username="officer", password=PASSWORD)
    response = answer(officer_client, item, we_did="")
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.published


@pytest.mark.django_db
def test_bots_filling_the_hidden_field_are_thanked_but_not_stored(client, demo_site):
    response = client.post("/feedback/", {"useful": "yes", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_bursts_are_rate_limited(client, demo_site):
    for _ in range(RATE_LIMIT):
        assert client.post("/feedback/", {"useful": "yes"}).status_code == 302
    response = client.post("/feedback/", {"useful": "yes"})
    assert response.status_code == 429
    assert "Try again later" in response.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [{}, {"message": "   "}, {"message": "x" * 2001}, {"useful": "maybe"}]
)
def test_empty_or_bad_feedback_gets_a_message(client, demo_site, data):
    response = client.post("/feedback/", data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_forged_posts_without_the_csrf_token_are_refused(demo_site):
    response = Client(enforce_csrf_checks=True).post("/feedback/", {"useful": "yes"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.django_db
def test_every_public_page_carries_the_form(client, demo_site):
    html = client.get("/").content.decode()
    assert 'action="/feedback/"' in html and 'name="page" value="/"' in html


@pytest.mark.django_db
def test_regulators_read_feedback_and_editors_cannot(client, demo_site, make_user):
    item = Feedback.objects.create(message="Hard to find the SENDIAS number.")
    make_user("inspector", roles.REGULATORS)
    client.login(username="inspector", password=PASSWORD)
    assert "Hard to find" in client.get("/admin/feedback/").content.decode()
    client.post(reverse(EDIT, args=[item.pk]), {"theme": "other", "published": "on"})
    item.refresh_from_db()
    assert not item.published and item.theme == ""

    client.logout()
    make_user("senco", roles.SETTING_EDITORS)
    client.login(username="senco", password=PASSWORD)
    response = client.get("/admin/feedback/")
    assert response.status_code in (302, 403)


FEEDBACK_TEXT = st.one_of(
    st.text(max_size=2100),
    st.sampled_from(["\x00", "=HYPERLINK(1)", "javascript:alert(1)", "//evil.example", "²"]),
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(["useful", "message", "page", "website"]), FEEDBACK_TEXT, max_size=4
    ),
    page=FEEDBACK_TEXT,
)
def test_no_feedback_causes_a_server_error(client, demo_site, data, page):
    from django.core.cache import caches

    caches["shared"].clear()  # the rate limit would answer 429 before the form is checked
    assert client.get("/feedback/", {"page": page}).status_code == 200
    assert client.post("/feedback/", data).status_code in (302, 400)


PROXY = "10.0.0.5"  # the load balancer: every request reaches the site from here


def post_via_proxy(client, forwarded_for):
    return client.post(
        "/feedback/",
        {"useful": "yes"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_behind_a_proxy_each_visitor_has_their_own_limit(client, demo_site, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(RATE_LIMIT):
        assert post_via_proxy(client, "203.0.113.7").status_code == 302
    assert post_via_proxy(client, "203.0.113.7").status_code == 429
    # Another family, through the same proxy, is not blocked by the first.
    assert post_via_proxy(client, "198.51.100.23").status_code == 302
    # The first cannot escape by writing their own X-Forwarded-For entries: the proxy appends
    # the address it really saw, and only that entry is trusted.
    assert post_via_proxy(client, "1.2.3.4, 203.0.113.7").status_code == 429


@pytest.mark.django_db
def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, demo_site, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(RATE_LIMIT):
        assert post_via_proxy(client, f"203.0.113.{number}").status_code == 302
    assert post_via_proxy(client, "203.0.113.99").status_code == 429


@pytest.mark.django_db
def test_two_proxies_read_the_second_entry_from_the_right(client, demo_site, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    for _ in range(RATE_LIMIT):
        assert post_via_proxy(client, "203.0.113.7, 10.0.0.9").status_code == 302
    assert post_via_proxy(client, "6.6.6.6, 203.0.113.7, 10.0.0.9").status_code == 429
    assert post_via_proxy(client, "203.0.113.8, 10.0.0.9").status_code == 302


@pytest.mark.django_db
def test_the_count_is_kept_in_the_shared_cache(client, demo_site):
    from django.core.cache import caches

    for _ in range(RATE_LIMIT):
        client.post("/feedback/", {"useful": "yes"})
    caches["default"].clear()  # a per-process cache emptied (another process) changes nothing
    assert client.post("/feedback/", {"useful": "yes"}).status_code == 429
    caches["shared"].clear()
    assert client.post("/feedback/", {"useful": "yes"}).status_code == 302
