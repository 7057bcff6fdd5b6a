"""Issue 24: a council's officer adds their families' words ("play scheme" = "short breaks") and
the next search of their area finds them; the words belong to their authority (the authority
rule): other councils' searches, officers and pages are not changed by them."""

import re
from html import escape

import pytest
from wagtail.models import Revision

import roles
from directory.models import SearchWords
from directory.taxonomy import ServiceCategory

from ..conftest import PASSWORD
from ..roles.test_national_model import (  # noqa: F401 (fixtures)
    NORTHBROOK_HOST,
    SOUTHMERE_HOST,
    local_offers,
    national_guide,
)

pytestmark = pytest.mark.django_db

ADMIN = "/admin/directory/search-words/"
ADD_URL = ADMIN + "add/"


def found(client, q, host="127.0.0.1", **params):
    html = client.get("/directory/", {"q": q, **params}, HTTP_HOST=host).content.decode()
    count = re.search(r"(\d+) schools? and services? found", html)
    return (int(count.group(1)) if count else 0), html


@pytest.fixture
def breaks(make_service, authority, other_authority):
    return {
        "northbrook": make_service(
            "Saturday Short Breaks", category=ServiceCategory.SHORT_BREAKS, authority=authority
        ),
        "southmere": make_service(
            "Southmere Short Breaks",
            category=ServiceCategory.SHORT_BREAKS,
            authority=other_authority,
        ),
    }


@pytest.fixture
def officers(make_user, authority, other_authority):
    make_user("northbrook", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    make_user("southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[other_authority])
    make_user("national", roles.LOCAL_OFFER_OFFICERS)


def as_user(client, username):
    client.logout()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_councils_officer_adds_words_and_their_areas_next_search_finds_them(
    client,
    breaks,
    officers,
    authority,
    local_offers,  # noqa: F811
):
    assert found(client, "play scheme", NORTHBROOK_HOST)[0] == 0  # and the page is kept

    # The form offers the officer's own authority and nothing else.
    form = as_user(client, "northbrook").get(ADD_URL).content.decode()
    assert "Northbrook" in form and "Southmere" not in form
    assert "Every authority" not in form
    response = client.post(
        ADD_URL, {"authority": authority.pk, "term": "short breaks", "words": "play scheme"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    words = SearchWords.objects.get()
    assert words.authority == authority
    assert Revision.objects.for_instance(words).count() == 1
    client.logout()

    # Northbrook's site (its area by default) finds its short breaks by the families' words.
    count, html = found(client, "play scheme", NORTHBROOK_HOST)
    assert escape(breaks["northbrook"].name) in html and count == 1
    # So does the national site when a family chooses Northbrook's area...
    count, html = found(client, "play scheme", la=authority.code)
    assert escape(breaks["northbrook"].name) in html
    # ...and Northbrook's whole-country search (the family is on Northbrook's site).
    count, html = found(client, "play scheme", NORTHBROOK_HOST, la="")
    assert count == 2
    # Southmere's site and the national site's whole country do not read Northbrook's words.
    assert found(client, "play scheme", SOUTHMERE_HOST)[0] == 0
    assert found(client, "play scheme", SOUTHMERE_HOST, la="")[0] == 0
    assert found(client, "play scheme")[0] == 0
    # Site search on Northbrook's site reads them too.
    html = client.get("/search/", {"q": "play scheme"}, HTTP_HOST=NORTHBROOK_HOST)
    assert escape(breaks["northbrook"].name) in html.content.decode()


def test_national_words_are_read_by_every_officer_and_changed_by_national_staff(
    client, breaks, officers, authority, other_authority
):
    national = SearchWords.objects.create(term="short breaks", words="holiday club")
    southmere = SearchWords.objects.create(
        term="short breaks", words="time out", authority=other_authority
    )
    as_user(client, "northbrook")
    listing = client.get(ADMIN).content.decode()
    assert "holiday club" in listing and "time out" not in listing
    # Reading the national words, yes; changing them, no.
    assert client.get(f"{ADMIN}history/{national.pk}/").status_code == 200
    edit = client.post(f"{ADMIN}edit/{national.pk}/", {"term": "short breaks", "words": "x"})
    assert edit.status_code in (302, 403) and "/login/" not in edit.get("Location", "")
    assert client.post(f"{ADMIN}delete/{national.pk}/").status_code in (302, 403)
    national.refresh_from_db()
    assert national.words == "holiday club"
    # Another council's words: not found at all, however reached.
    for url in (f"edit/{southmere.pk}/", f"history/{southmere.pk}/", f"delete/{southmere.pk}/"):
        assert client.get(ADMIN + url).status_code == 404, url
    bulk = f"/admin/bulk/directory/searchwords/delete/?id={southmere.pk}&id={national.pk}"
    assert client.post(bulk).status_code == 404
    assert SearchWords.objects.count() == 2
    # A national officer changes national words and adds words for every authority.
    as_user(client, "national")
    response = client.post(
        f"{ADMIN}edit/{national.pk}/", {"authority": "", "term": "short breaks", "words": "x"}
    )
    assert response.status_code == 302
    assert "Every authority" in client.get(ADD_URL).content.decode()


def test_a_councils_officer_cannot_file_words_under_another_authority_or_none(
    client, officers, authority, other_authority
):
    as_user(client, "northbrook")
    for chosen in (other_authority.pk, ""):
        response = client.post(
            ADD_URL, {"authority": chosen, "term": "short breaks", "words": "play scheme"}
        )
        assert response.status_code == 200  # the form again, with its message
    assert not SearchWords.objects.exists()


def test_the_same_term_twice_in_one_place_gets_a_message(client, officers, authority):
    SearchWords.objects.create(term="short breaks", words="holiday club", authority=authority)
    SearchWords.objects.create(term="short breaks", words="respite")  # national: allowed
    as_user(client, "northbrook")
    response = client.post(
        ADD_URL, {"authority": authority.pk, "term": "short breaks", "words": "play scheme"}
    )
    assert response.status_code == 200
    assert "There are words for this term here already" in response.content.decode()
    assert SearchWords.objects.count() == 2
