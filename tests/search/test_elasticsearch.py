"""The family search on Elasticsearch / OpenSearch, through Wagtail's backend.

The request tests need no server: they record the requests Wagtail's Elasticsearch 8 backend
would send and answer them as a cluster would. The live tests run where ELASTICSEARCH_URL
answers (SEARCH_BACKEND names the backend, e.g. ...opensearch3 for an OpenSearch cluster);
elsewhere they are skipped with the reason (pytest prints it with -ra). CI runs them against a
real OpenSearch node that scripts/test-opensearch.sh starts and stops (docs/opensearch.md).
"""

import io
import os
import re
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchResults

from directory.models import Listing
from directory.taxonomy import ServiceCategory
from search import external
from search.query import DirectorySearch

URL = os.environ.get("ELASTICSEARCH_URL", "").split(",")[0].strip()


def reachable(url):
    if not url:
        return "ELASTICSEARCH_URL is not set"
    try:
        with urllib.request.urlopen(url, timeout=3):  # noqa: S310 - the configured cluster
            return None
    except (urllib.error.URLError, OSError) as error:
        return f"Elasticsearch at {url} does not answer: {error}"


REASON = reachable(URL)
# Skipped only where no cluster is configured: a configured one that does not answer fails.
live = pytest.mark.skipif(not URL, reason=REASON or "")


class RecordedCluster:
    """Answers the search requests of Wagtail's Elasticsearch 8 backend from a list of
    matching ids, as a cluster would: pages sorted by pk after `search_after`, or a window
    by score (`from_`, `size`). Keeps every request body."""

    def __init__(self, ids):
        self.ids = sorted(ids, key=str)  # pk is a keyword: sorted as text
        self.requests = []

    def search(self, body=None, **params):
        request = {**(body or {}), **params}
        self.requests.append(request)
        ids = self.ids
        if "search_after" in request:
            ids = [pk for pk in ids if str(pk) > request["search_after"][0]]
        start = request.get("from_", 0)
        page = ids[start : start + request.get("size", 10)]
        hits = [{"_score": 1.0, "fields": {"pk": [str(pk)]}, "sort": [str(pk)]} for pk in page]
        return {"hits": {"total": {"value": len(self.ids), "relation": "eq"}, "hits": hits}}


@pytest.fixture
def recorded(settings, monkeypatch, area):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": ["http://127.0.0.1:9"],  # never reached: requests are recorded
            "INDEX": "localoffer-test",
            "AUTO_UPDATE": False,
        }
    }
    cluster = RecordedCluster([listing.pk for listing in area.values()])
    monkeypatch.setattr(
        Elasticsearch8SearchResults,
        "_backend_do_search",
        lambda results, body, **params: cluster.search(body, **params),
    )
    return cluster


@pytest.mark.django_db
def test_matches_are_read_exactly_in_pages_after_the_last_sort_value(recorded, monkeypatch):
    monkeypatch.setattr(external, "PAGE_SIZE", 2)  # 6 matches: pages of 2, 2, 2 and 0
    search = DirectorySearch({"q": "school"})
    assert search.count() == 6
    assert search.need_counts()["ASD"] == 4
    pages = [r for r in recorded.requests if "track_total_hits" in r]
    assert len(pages) == 4
    first = pages[0]
    assert first["track_total_hits"] is True
    assert first["size"] == 2 and first["sort"] == [{"pk": "asc"}]
    assert first["_source"] is False and first["stored_fields"] == ["pk"]
    assert "search_after" not in first
    must, content_type = first["query"]["bool"]["must"], first["query"]["bool"]["filter"]
    assert must["multi_match"]["query"] == "school"
    assert content_type == [
        {"match": {"_django_content_type": "directory.Listing"}},
        {"term": {"live_filter": True}},
    ]
    assert [page["search_after"] for page in pages[1:]] == [
        [str(recorded.ids[1])],
        [str(recorded.ids[3])],
        [str(recorded.ids[5])],
    ]


@pytest.mark.django_db
def test_totals_are_exact_beyond_the_ten_thousand_window(recorded, monkeypatch):
    """A broad word at national scale matches over 10,000 listings: every one is counted."""
    monkeypatch.setattr(external, "PAGE_SIZE", 4)  # stands for the 10,000 window
    assert DirectorySearch({"q": "school"}).count() == 6
    pages = [r for r in recorded.requests if "track_total_hits" in r]
    assert len(pages) == 2 and all(r["size"] == 4 for r in pages)


@pytest.mark.django_db
def test_pages_that_disagree_with_the_total_are_read_again(recorded, monkeypatch):
    answers = iter([1, 0])  # the first reading loses a match, the second does not

    def search(results, body=None, **params):
        response = recorded.search(body, **params)
        if "track_total_hits" in (body or params) and next(answers, 0):
            response["hits"]["hits"] = response["hits"]["hits"][1:]
        return response

    monkeypatch.setattr(Elasticsearch8SearchResults, "_backend_do_search", search)
    assert DirectorySearch({"q": "school"}).count() == 6


PREFIX = "localoffer_test_"


def delete_test_indexes(backend):
    """Every index of this test run, by its concrete name (update_index's atomic rebuild puts
    an alias on each model's name, which an index deletion may not name)."""
    for name in backend.es.indices.get(index=f"{PREFIX}*"):
        backend.es.indices.delete(index=name)


def engine_backends(auto_update=False):
    """The engine as the settings configure it where ELASTICSEARCH_URL is set (the backend,
    the analysers built from the vocabulary), with this test run's index names."""
    from directory.vocabulary import search_engine_analysis

    return {
        "default": {
            "BACKEND": "search.backends.engine",
            "ENGINE": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [URL],
            "INDEX_PREFIX": PREFIX,
            "INDEX_SETTINGS": search_engine_analysis(),
            "AUTO_UPDATE": auto_update,
        }
    }


@pytest.fixture
def cluster(settings):
    settings.WAGTAILSEARCH_BACKENDS = engine_backends()
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    delete_test_indexes(backend)
    yield backend
    delete_test_indexes(backend)


@pytest.fixture
def saving_to_the_engine(settings):
    """The engine as a deployment has it: every save writes the listing's document."""
    settings.WAGTAILSEARCH_BACKENDS = engine_backends(auto_update=True)
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    delete_test_indexes(backend)
    yield backend
    delete_test_indexes(backend)


@live
@pytest.mark.elasticsearch
@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [10_000, 2])
def test_text_search_filters_and_facets_on_a_live_cluster(cluster, area, monkeypatch, page_size):
    monkeypatch.setattr(external, "PAGE_SIZE", page_size)  # 2: read in pages, search_after
    call_command("update_index", verbosity=0)  # as documented: mappings, then documents
    search = DirectorySearch({"q": "autism"})
    ids = list(search.results()[:10])
    found = Listing.objects.in_bulk(ids)
    names = [found[pk].name for pk in ids]
    assert len(names) == len(set(names)) == search.count() >= 2
    assert all("Autism" in name or "Unit" in name for name in names[:2])
    assert search.need_counts()["ASD"] == search.count()
    assert DirectorySearch({"q": "autism", "age": 15}).count() < search.count()
    speech = DirectorySearch({"q": "speech"})
    assert speech.count() == len(list(speech.results()[:10])) >= 1
    speech_names = Listing.objects.filter(pk__in=list(speech.results()[:10]))
    assert "Speech Therapy Team" in {listing.name for listing in speech_names}


@live
@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_a_listing_saved_before_the_index_exists_makes_it_with_the_backends_mapping(
    saving_to_the_engine, make_service, client
):
    """A new cluster on which update_index has never run: the first listing saved creates the
    index, with the backend's settings and mapping (`pk` a keyword the family search sorts
    by), not the engine's guess from the document, and families find it."""
    backend = saving_to_the_engine
    index = backend.get_index_for_model(Listing)
    assert not index.exists()
    make_service("Speech Therapy Team", description="Therapy for children who stammer.")
    make_service(
        "Stammering Support Group",
        category=ServiceCategory.LEISURE,
        description="Meet other families.",
    )
    index.refresh()
    (created,) = backend.es.indices.get_mapping(index=index.name).values()
    properties = created["mappings"]["properties"]
    assert properties["pk"] == {"type": "keyword", "store": True}
    # Every model the index holds is mapped, not only the one saved first.
    assert any(name.endswith("setting_type_filter") for name in properties)
    assert any(name.endswith("category_filter") for name in properties)
    analysis = backend.es.indices.get_settings(index=index.name)
    assert "send_vocabulary" in str(analysis)  # the analysers built from the vocabulary
    response = client.get("/directory/", {"q": "stammer"})
    assert response.status_code == 200
    assert "2 schools and services found" in response.content.decode()
    assert DirectorySearch({"q": "therapy"}).count() == 1


@live
@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_a_page_on_the_engine_shows_only_listings_the_count_counted(
    saving_to_the_engine, make_service, client
):
    """An officer's search words (not in the engine's analysers: those hold the built-in
    vocabulary) make "forest school" a phrase with alternatives. The listing saying "forest"
    and "school" apart is not a match, and the page (ranked by the engine, the words as typed
    counting more) does not show it under "1 school and service found"."""
    from directory.models import SearchWords

    SearchWords.objects.create(term="forest school", words="outdoor learning")
    make_service("Oak Forest School", description="Learning outdoors in the woods.")
    make_service("Riverside Outdoor Learning", description="Rivers and meadows.")
    make_service("School Holiday Trips", description="Walks in the forest for families.")
    saving_to_the_engine.get_index_for_model(Listing).refresh()
    response = client.get("/directory/", {"q": "forest school"})
    assert response.status_code == 200
    assert "2 schools and services found" in response.content.decode()
    assert sorted(
        re.findall(r'result-card__heading"><a href="[^"]+">([^<]+)<', response.content.decode())
    ) == [
        "Oak Forest School",
        "Riverside Outdoor Learning",
    ]


# Parity: the same searches of the same data, on the embedded search and on the engine -------

# Families' words, alone and with the filters they are most often combined with. Without words
# the engine is not asked at all: every filter and facet count comes from the facet index
# (search/facets.py) on both paths, so only the words' matches can make the two differ.
ONE_WORD = [
    "autism",
    "speech",
    "therapy",
    "school",
    "transport",
    "nursery",
    "college",
    "hearing",
    "dyslexia",
    "wheelchair",
    "respite",
]
SEVERAL_WORDS = [
    "speech therapy",
    "speech and language therapy",
    "transport to school",
    "short breaks",
    "special school",
    "mental health",
    "occupational therapy",
    "autism support",
    # With stop words, which PostgreSQL cannot match: left out on every backend.
    "after school club",
    "clubs after school",
    "help for the deaf",
    "support at home",
    "speech therapy before school",
    "swimming during school",
]


def with_filters(words, authority, postcode):
    return [
        {"q": words},
        {"q": words, "need": ["SLCN"]},
        {"q": words, "need": ["ASD", "SEMH"]},
        {"q": words, "age": 7},
        {"q": words, "kind": ["special"]},
        {"q": words, "la": authority},
        {"q": words, "postcode": postcode, "radius": "10"},
    ]


def answer(params, authorities):
    """What a family sees of this search: the total and every facet count."""
    from search.forms import DirectorySearchForm
    from search.query import find_location

    form = DirectorySearchForm(params, authorities=authorities)
    assert form.is_valid(), (params, form.errors)
    location = find_location(form.cleaned_data.get("postcode"))
    search = DirectorySearch(form.cleaned_data, location, authorities)
    return {"total": search.count(), **search.facets()}


def differences(searches, embedded, engine):
    """[(search, embedded total, engine total, facet counts that differ)] where they disagree."""
    found = []
    for key, params in searches.items():
        ours, theirs = embedded[key], engine[key]
        counts = sum(
            ours[facet].get(option, 0) != theirs[facet].get(option, 0)
            for facet in ours.keys() - {"total"}
            for option in ours[facet].keys() | theirs[facet].keys()
        )
        if counts or ours["total"] != theirs["total"]:
            found.append((params, ours["total"], theirs["total"], counts))
    return found


def forget_searches():
    """Nothing kept from one path may answer the other (both read the same directory version)."""
    from django.core.cache import caches

    from directory import change_log

    for kept in caches.all():
        kept.clear()
    change_log.forget_everything_kept()


@live
@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_the_engine_and_the_embedded_search_agree_on_totals_and_facets(settings):
    """The demo data on this database's embedded search, then on the engine: the same searches
    give the same total, the same count for every facet option and, for the words alone, the
    same listings; every listing on a first page is one the count counted. A family's words
    mean the same on every path: all of them, each as typed (or a stem of it) or through its
    vocabulary group (search/vocabulary.py)."""
    from django.db import connection

    from directory.models import LocalAuthority, Postcode

    # This database's embedded backend, as settings choose it without ELASTICSEARCH_URL.
    embedded_backend = {"sqlite": "search.backends.sqlite"}.get(
        connection.vendor, "search.backends.postgres"
    )
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": embedded_backend}}
    call_command("seed_demo", stdout=io.StringIO())
    authorities = list(LocalAuthority.objects.order_by("code"))
    postcode = Postcode.objects.order_by("postcode").values_list("postcode", flat=True).first()
    searches = {
        repr(params): params
        for words in ONE_WORD + SEVERAL_WORDS
        for params in with_filters(words, authorities[0].code, postcode)
    }
    embedded = {key: answer(params, authorities) for key, params in searches.items()}
    embedded_matches = {words: matches(words) for words in ONE_WORD + SEVERAL_WORDS}
    embedded_pages = {words: first_page(words) for words in ONE_WORD + SEVERAL_WORDS}

    forget_searches()
    settings.WAGTAILSEARCH_BACKENDS = engine_backends()
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    delete_test_indexes(backend)
    try:
        call_command("update_index", verbosity=0)
        engine = {key: answer(params, authorities) for key, params in searches.items()}
        engine_matches = {words: matches(words) for words in ONE_WORD + SEVERAL_WORDS}
        engine_pages = {words: first_page(words) for words in ONE_WORD + SEVERAL_WORDS}
    finally:
        delete_test_indexes(backend)

    assert differences(searches, embedded, engine) == [], (
        "searches that differ: (search, embedded total, engine total, facet counts that differ)"
    )
    unlike = {
        words: (sorted(embedded_matches[words]), sorted(engine_matches[words]))
        for words in embedded_matches
        if embedded_matches[words] != engine_matches[words]
    }
    assert unlike == {}, "the words' matches (embedded, engine)"
    assert all(embedded_matches[words] for words in SEVERAL_WORDS), "each finds something"
    for pages, found in ((embedded_pages, embedded_matches), (engine_pages, engine_matches)):
        uncounted = {words: set(pages[words]) - found[words] for words in pages}
        assert {words: extra for words, extra in uncounted.items() if extra} == {}


def matches(words):
    """The listings a family's words match on the configured backend."""
    from directory.change_log import current_version
    from search.text import text_search
    from search.vocabulary import FamilyWords

    version = current_version()
    family = FamilyWords(text_search(version), version)
    return set(family.matching_ids(words, Listing.objects.published()))


def first_page(words):
    """The first page of results for the words alone, best first."""
    return list(DirectorySearch({"q": words}).ids_between(0, 20))
