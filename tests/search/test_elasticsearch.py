"""The family search on Elasticsearch / OpenSearch, through Wagtail's backend.

The request tests need no server: they record the requests Wagtail's Elasticsearch 8 backend
would send and answer them as a cluster would. The live tests run where ELASTICSEARCH_URL
answers (SEARCH_BACKEND names the backend, e.g. ...opensearch3 for an OpenSearch cluster);
elsewhere they are skipped with the reason (pytest prints it with -ra). CI runs them against a
real OpenSearch node that scripts/test-opensearch.sh starts and stops (docs/opensearch.md).
"""

import os
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchResults

from directory.models import Listing
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


@pytest.fixture
def cluster(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [URL],
            "INDEX_PREFIX": PREFIX,
            "AUTO_UPDATE": False,
        }
    }
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
