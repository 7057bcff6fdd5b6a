"""Families find what exists in their own words: the SEND vocabulary, word forms, corrected
misspellings, short words, and a zero-results page that helps (issue 24)."""

import re
from html import escape

import pytest
from wagtail.models import Revision

import roles
from directory.change_log import current_version as data_version
from directory.models import SearchWords
from directory.taxonomy import ServiceCategory
from tests.conftest import PASSWORD, publish

ADMIN = "/admin/directory/search-words/"
ADD_URL = ADMIN + "add/"


def found(client, q, **params):
    html = client.get("/directory/", {"q": q, **params}).content.decode()
    count = re.search(r"(\d+) schools? and services? found", html)
    return (int(count.group(1)) if count else None), html


@pytest.fixture
def services(make_service, make_setting, needs):
    made = {
        "breaks": make_service("Saturday Club Short Breaks", category=ServiceCategory.SHORT_BREAKS),
        "swimming": make_service("Inclusive Swimming", category=ServiceCategory.LEISURE),
        "salt": make_service("Children's Speech and Language Therapy"),
        "ot": make_service(
            "Children's Occupational Therapy", category=ServiceCategory.OCCUPATIONAL_THERAPY
        ),
        "physio": make_service("Children's Physiotherapy", category=ServiceCategory.PHYSIOTHERAPY),
        # Its text says "not" and "cannot": a search for OT must not find it.
        "youth": make_service(
            "Youth Club",
            category=ServiceCategory.LEISURE,
            description="Not for under-fives. Parents cannot stay, but can collect early.",
        ),
        "sendias": make_service("Northbrook SENDIAS", category=ServiceCategory.SENDIAS),
    }
    school = make_setting("Riverside Primary School", publish_it=False)
    school.needs.set([needs["SpLD"]])  # a parental many-to-many: saved with the listing
    made["school"] = publish(school)
    return made


@pytest.mark.django_db
def test_everyday_words_acronyms_and_word_forms_find_what_the_directory_calls_it(client, services):
    for q, listing in [
        ("respite", "breaks"),
        ("respite care", "breaks"),
        ("swim", "swimming"),
        ("SALT", "salt"),
        ("speech therapist", "salt"),
        ("physio", "physio"),
        ("OT", "ot"),
        ("occupational therapist", "ot"),
        ("dyslexic", "school"),
        ("youth clubs", "youth"),
    ]:
        count, html = found(client, q)
        assert count, q
        assert escape(services[listing].name) in html, q


@pytest.mark.django_db
def test_a_short_word_does_not_flood_the_results(client, services):
    count, html = found(client, "OT")
    assert count == 1
    assert escape(services["youth"].name) not in html


@pytest.mark.django_db
def test_the_words_as_typed_rank_above_a_synonym(client, services, make_service):
    # This one says "respite" itself; the other says "short breaks".
    said = make_service("Family Respite Service", category=ServiceCategory.SOCIAL_CARE)
    _, html = found(client, "respite")
    assert html.index(escape(said.name)) < html.index(escape(services["breaks"].name))


@pytest.mark.django_db
def test_a_misspelling_is_corrected_and_the_family_can_search_as_typed(client, services):
    count, html = found(client, "speach therapy")
    assert count == 1
    assert escape(services["salt"].name) in html
    assert "Showing results for <strong>speech therapy</strong>" in html
    link = re.search(r'<a href="([^"]+)">Search instead for speach therapy</a>', html)
    assert link
    as_typed = client.get("/directory/" + link.group(1).replace("&amp;", "&")).content.decode()
    assert "0 schools and services found" in as_typed
    assert "Showing results for <strong>" not in as_typed


@pytest.mark.django_db
def test_a_word_that_matches_is_never_corrected(client, services, make_service):
    make_service("Trampolining Club", category=ServiceCategory.LEISURE)
    count, html = found(client, "trampolining")
    assert count == 1
    assert "Showing results for <strong>" not in html
    # Found nothing together: neither word is corrected into something else.
    count, html = found(client, "trampolining swimming")
    assert count == 0
    assert "Showing results for <strong>" not in html


@pytest.mark.django_db
def test_a_new_listings_words_are_offered_as_corrections(client, services, make_service):
    found(client, "swimming")  # the process has read the directory's words
    make_service("Trampolining Club", category=ServiceCategory.LEISURE)
    count, html = found(client, "tranpolining")
    assert count == 1
    assert "Showing results for <strong>trampolining</strong>" in html


@pytest.mark.django_db
def test_the_zero_results_page_says_which_filter_removed_results(client, services):
    count, html = found(client, "swimming", age=25)
    assert count == 0
    # The service is for ages 0 to 18.
    assert re.search(r'<a href="\?q=swimming">1 result if you remove age 25</a>', html)
    assert "/directory/?kind=sendias" in html
    count, html = found(client, "dyslexia", kind="special")
    assert count == 0
    assert "1 result if you remove Special school" in html
    assert ">Specific learning difficulty (for example dyslexia)</a> (1 result)" in html


@pytest.mark.django_db
def test_an_officer_adds_words_and_the_next_search_finds_them(client, services, make_user):
    make_user("officer", roles.LOCAL_OFFER_OFFICERS)
    count, _ = found(client, "play scheme")
    assert count == 0  # and the page is kept
    version = data_version()

    client.login(username="officer", password=PASSWORD)
    response = client.post(ADD_URL, {"term": "short breaks", "words": "play scheme, holiday club"})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    assert data_version() != version  # kept pages and each process's state follow
    count, html = found(client, "play scheme")
    assert count == 1
    assert escape(services["breaks"].name) in html
    count, html = found(client, "holiday club")
    assert escape(services["breaks"].name) in html

    # Edited: a revision is kept, and the search follows again.
    words = SearchWords.objects.get()
    client.login(username="officer", password=PASSWORD)
    edit = f"{ADMIN}edit/{words.pk}/"
    response = client.post(edit, {"term": "short breaks", "words": "holiday club"})
    assert response.status_code == 302
    client.logout()
    assert Revision.objects.for_instance(words).count() == 2
    assert found(client, "play scheme")[0] == 0

    # Deleted: gone from the search too.
    client.login(username="officer", password=PASSWORD)
    delete = f"{ADMIN}delete/{words.pk}/"
    assert client.post(delete).status_code == 302
    client.logout()
    assert found(client, "holiday club")[0] == 0


@pytest.mark.django_db
def test_bad_words_get_a_message_not_an_error(client, make_user):
    make_user("officer", roles.LOCAL_OFFER_OFFICERS)
    client.login(username="officer", password=PASSWORD)
    response = client.post(ADD_URL, {"term": "short breaks", "words": " , ;"})
    assert response.status_code == 200
    assert "Give at least one word families use." in response.content.decode()
    response = client.post(ADD_URL, {"term": "***", "words": "respite"})
    assert "Give a word with letters or numbers in it." in response.content.decode()
    assert not SearchWords.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, can_read, can_add",
    [
        (roles.LOCAL_OFFER_OFFICERS, True, True),
        (roles.REGULATORS, True, False),
        (roles.FORUM_EDITORS, False, False),
        (roles.SETTING_EDITORS, False, False),
        (roles.SERVICE_EDITORS, False, False),
    ],
)
def test_who_may_change_the_vocabulary(client, make_user, role, can_read, can_add):
    make_user("staff", role)
    client.login(username="staff", password=PASSWORD)
    listing = client.get(ADMIN)
    assert (listing.status_code == 200) is can_read
    response = client.post(ADD_URL, {"term": "short breaks", "words": "play scheme"})
    assert SearchWords.objects.exists() is can_add
    if not can_add:
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_the_sites_search_box_reads_the_same_vocabulary(client, services, demo_site):
    html = client.get("/search/", {"q": "respite"}).content.decode()
    assert escape(services["breaks"].name) in html
    html = client.get("/search/", {"q": "physios"}).content.decode()
    assert escape(services["physio"].name) in html


def test_the_search_engine_analysers_are_built_from_the_same_vocabulary():
    from directory.vocabulary import search_engine_analysis

    analysis = search_engine_analysis()["settings"]["analysis"]
    rules = analysis["filter"]["send_vocabulary"]["synonyms"]
    assert "short breaks, respite, respite care, short break" in rules
    # A word that only leads to its group does not come back from it.
    assert any(rule.startswith("work => work, employment, jobs") for rule in rules)
    assert not any(", work," in rule or rule.endswith(", work") for rule in rules)
    assert analysis["analyzer"]["default"]["filter"][-1] == "english_stemmer"
    assert "send_vocabulary" in analysis["analyzer"]["default_search"]["filter"]


@pytest.mark.django_db
def test_a_councils_officer_reads_the_national_words_but_national_staff_change_them(
    client, make_user, authority
):
    """Officers' words change every authority's search, so they are national (the authority
    rule, localoffer/admin_scope.py): a council's officer reads them, a national one adds."""
    make_user("local", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    client.login(username="local", password=PASSWORD)
    assert client.get(ADMIN).status_code == 200
    client.post(ADD_URL, {"term": "short breaks", "words": "play scheme"})
    assert not SearchWords.objects.exists()
