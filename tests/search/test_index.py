"""The search index: each listing indexed once, as what it is; indexing in bulk reads a fixed
number of queries whatever the number of listings."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from directory.models import Listing


def names(response):
    return re.findall(
        r'class="result-card__heading"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.mark.django_db
def test_update_index_indexes_each_listing_once_and_finds_it_once(client, area):
    call_command("update_index", verbosity=0)
    listing_types = ContentType.objects.get_for_models(*Listing.__subclasses__()).values()
    entries = IndexEntry.objects.filter(content_type__app_label="directory")
    assert not entries.filter(content_type=ContentType.objects.get_for_model(Listing)).exists()
    indexed = sorted(int(pk) for pk in entries.values_list("object_id", flat=True))
    assert indexed == sorted(Listing.objects.values_list("pk", flat=True))
    assert set(entries.values_list("content_type", flat=True)) == {ct.pk for ct in listing_types}

    for params in ({"q": "primary"}, {"q": "primary", "order": "name"}, {"q": "speech"}):
        found = names(client.get("/directory/", params))
        assert found and len(found) == len(set(found)), params
    html = client.get("/directory/", {"q": "primary"}).content.decode()
    assert "3 schools and services found" in html  # near x2 and far; not 6
    site = client.get("/search/", {"q": "primary"}).content.decode()
    assert "Schools and services (3)" in site


@pytest.mark.django_db
def test_update_index_reads_needs_in_bulk(make_setting, needs):
    """Reading each listing's needs is not one query per listing. (SQLite's backend still
    writes each existing entry with an UPDATE of its own: that is Wagtail's, and a write.)"""

    def indexing_queries():
        with CaptureQueriesContext(connection) as queries:
            call_command("update_index", verbosity=0)
        return sum(
            1
            for query in queries.captured_queries
            if query["sql"].startswith("SELECT") and "directory_need" in query["sql"]
        )

    for i in range(3):
        make_setting(f"School {i}").needs.set([needs["ASD"]])
    few = indexing_queries()
    for i in range(3, 30):
        make_setting(f"School {i}").needs.set([needs["ASD"], needs["SLCN"]])
    assert indexing_queries() <= few


@pytest.mark.django_db
def test_a_saved_draft_changes_nothing_families_search_until_it_is_published(client, area, officer):
    """Saving a draft (or taking a lock) writes only Wagtail's bookkeeping columns: the listing
    is not indexed again and the directory version stays, so no page anywhere is re-rendered
    for it; publishing does both."""
    from directory.change_log import current_version as data_version

    school = area["near_rp"]
    entries = IndexEntry.objects.filter(object_id=str(school.pk))
    entries.update(title="Not written again by a draft")  # indexing would replace it
    sentinel = entries.get().title  # as the database holds it (a tsvector on PostgreSQL)
    version = data_version()
    school.summary = "Zebracorn sensory garden, not yet published."
    school.save_revision(user=officer)
    school.locked, school.locked_by = True, officer
    school.save(update_fields=["locked", "locked_by"])
    assert data_version() == version
    assert entries.get().title == sentinel
    assert (
        "0 schools and services found"
        in client.get("/directory/", {"q": "zebracorn"}).content.decode()
    )

    school.get_latest_revision().publish()
    assert data_version() != version and entries.get().title != sentinel
    found = client.get("/directory/", {"q": "zebracorn"}).content.decode()
    assert "1 school and service found" in found and school.name in found
