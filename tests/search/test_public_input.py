"""Hostile input to the public search pages: every value is cleaned by a form before it
reaches a backend, so bad input gets a message and a 4xx, never a 500; pages behind a login
never appear in the site search."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from guidance.models import GuideIndexPage, GuidePage
from home.models import HomePage

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NASTY = st.sampled_from(
    [
        '"',
        '""',
        '"school',
        "\x00",
        "a\x00b",
        "*",
        "'; DROP TABLE x; --",
        '"autism" OR *:*',
        "NEAR(a b)",
        "school AND",
        "-school",
        "^school",
        "school*",
        "(",
        ")",
        ":",
        "ü✓",
        "²",
        "٣",
        "1" * 23,
        "9" * 3000,
    ]
)
TEXT = st.one_of(st.text(max_size=300), NASTY, st.lists(NASTY, max_size=4).map(" ".join))


@pytest.fixture
def guide_pages(demo_site):
    home = HomePage.objects.get()
    index = GuideIndexPage(title="Guide", slug="guide")
    home.add_child(instance=index)
    index.save_revision().publish()

    def make(title, summary):
        page = GuidePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary=summary,
            section="ehc",
            body=[{"type": "text", "value": "<p>You can ask the school for help.</p>"}],
            last_checked_on=timezone.localdate() - datetime.timedelta(days=10),
        )
        page.full_clean(exclude=["path", "depth"])
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', "%00", '"school', "school AND", "(", "*"])
def test_site_search_answers_odd_words_without_a_server_error(client, make_setting, q):
    make_setting("Oakfield School")
    response = client.get("/search/?q=" + q)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "error-summary" in response.content.decode()


@pytest.mark.django_db
def test_site_search_quote_and_nul_are_cleaned(client, make_setting):
    make_setting("Oakfield School")
    assert client.get("/search/", {"q": '"'}).status_code == 200
    response = client.get("/search/", {"q": "\x00school"})
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    for q in ('oakfield "', '"oakfield', 'oakfield ""', '"oakfield school"'):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        assert "Oakfield School" in response.content.decode(), q


@pytest.mark.django_db
def test_site_search_refuses_over_long_words(client):
    response = client.get("/search/", {"q": "a" * 201})
    assert response.status_code == 400
    assert "200 characters or fewer" in response.content.decode()


@pytest.mark.django_db
def test_site_search_leaves_out_pages_behind_a_login(client, guide_pages, make_user):
    open_page = guide_pages("Open tribunal guide", "Appeals for everyone.")
    hidden = guide_pages("Private tribunal notes", "Only for staff who log in.")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    html = client.get("/search/", {"q": "tribunal"}).content.decode()
    assert open_page.title in html
    assert hidden.title not in html
    assert "Only for staff who log in" not in html
    # Its child pages are hidden too (the restriction covers the subtree).
    restricted_password = guide_pages("Password tribunal notes", "Behind a password.")
    PageViewRestriction.objects.create(
        page=restricted_password,
        restriction_type=PageViewRestriction.PASSWORD,
        password="letmein",  # noqa: S106
    )
    html = client.get("/search/", {"q": "tribunal"}).content.decode()
    assert "Password tribunal notes" not in html


@pytest.mark.django_db
def test_compare_refuses_ids_no_database_can_hold(client, make_setting):
    first, second = make_setting("First School"), make_setting("Second School")
    for ids in (
        f"{'1' * 23},{first.pk}",
        f"{2**63},{first.pk}",
        f"²,{first.pk}",
        f"-{first.pk},{second.pk}",
        f"0,{first.pk}",
        f"{'9' * 3000},{first.pk}",
        "1,2,3,4,5",
    ):
        response = client.get("/directory/compare/", {"ids": ids})
        assert response.status_code == 400, ids
        assert "error-summary" in response.content.decode()
    ok = client.get("/directory/compare/", {"ids": f"{first.pk}, {second.pk},{first.pk}"})
    assert ok.status_code == 200
    assert "Second School" in ok.content.decode()


@pytest.mark.django_db
def test_shortlist_refuses_ids_no_database_can_hold(client, make_setting):
    school = make_setting("First School")
    for bad in ("1" * 23, "9" * 3000, "-1", "²", "", "x"):
        response = client.post("/directory/shortlist/change/", {"id": bad})
        assert response.status_code == 302
        assert not client.cookies.get("shortlist") or not client.cookies["shortlist"].value
    response = client.post(
        "/directory/shortlist/change/", {"id": school.pk, "next": "javascript:alert(1)"}
    )
    assert response["Location"] == "/directory/shortlist/"
    assert "First School" in client.get("/directory/shortlist/").content.decode()


@pytest.mark.django_db
@HYPOTHESIS
@given(q=TEXT)
def test_no_site_search_causes_a_server_error(client, make_setting, q):
    make_setting("Oakfield School")
    assert client.get("/search/", {"q": q}).status_code in (200, 400)


@pytest.mark.django_db
@HYPOTHESIS
@given(ids=st.one_of(TEXT, st.lists(st.one_of(st.integers(), NASTY), max_size=6)))
def test_no_compare_address_causes_a_server_error(client, make_setting, ids):
    make_setting("Oakfield School")
    if isinstance(ids, list):
        ids = ",".join(str(part) for part in ids)
    assert client.get("/directory/compare/", {"ids": ids}).status_code in (200, 400)


@pytest.mark.django_db
@HYPOTHESIS
@given(
    data=st.dictionaries(
        st.sampled_from(["id", "action", "next"]),
        st.one_of(TEXT, st.integers().map(str)),
        max_size=3,
    )
)
def test_no_shortlist_change_causes_a_server_error(client, make_setting, data):
    make_setting("Oakfield School")
    response = client.post("/directory/shortlist/change/", data)
    assert response.status_code == 302
    assert response["Location"].startswith("/")
