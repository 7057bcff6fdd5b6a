"""The same family search on Elasticsearch / OpenSearch, through Wagtail's backend.

These run where ELASTICSEARCH_URL answers; elsewhere they are skipped with the reason (pytest
prints it with -ra). No search server can be installed on the development machines.
"""

import os
import urllib.error
import urllib.request

import pytest

from directory.models import Listing, Service, Setting
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
pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
]


@pytest.fixture
def elasticsearch(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [URL],
            "INDEX": "localoffer-test",
            "AUTO_UPDATE": True,
        }
    }
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.reset_index()
    yield backend
    backend.reset_index()


@pytest.mark.django_db
def test_text_search_filters_and_facets_on_elasticsearch(elasticsearch, area):
    for model in (Setting, Service):
        elasticsearch.add_bulk(model, list(model.objects.all()))
    elasticsearch.refresh_index()
    search = DirectorySearch({"q": "autism"})
    ids = list(search.results()[:10])
    found = Listing.objects.in_bulk(ids)
    names = [found[pk].name for pk in ids]
    assert names and all("Autism" in name or "Unit" in name for name in names[:2])
    assert search.need_counts()["ASD"] >= 2
    assert DirectorySearch({"q": "autism", "age": 15}).count() <= len(names)
