"""After a change, each process updates what it derives from the listings (the facet index,
the SQLite entry map, the rankings of searched words, the listings near a place) for the
changed listings only; the result must be what a rebuild gives, whatever the edits, moves,
publishes, unpublishes and deletes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Listing, Setting
from search import cache, nearby, rankings, text
from search.backends import leaf_content_type_ids
from search.facets import FacetIndex, facet_index


def view(index):
    """What an index says, by listing id (positions differ between builds)."""
    facets = {}
    for facet in FacetIndex.FACETS:
        for option, bits in getattr(index, facet).items():
            ids = index.ids_in(bits)
            if ids:
                facets[(facet, option)] = ids
    return {
        "published": index.ids_in(index.published),
        "by_name": list(index.by_name),
        "facets": facets,
    }


def ranking_view(version, fresh=False):
    """The listings matching "ash", best first, by this process's ranking (search/rankings.py)
    or read afresh. On SQLite bm25 weighs words by how common they are across the directory,
    so kept scores drift from fresh ones as listings change (documented there): compare the
    matches; on PostgreSQL the order too."""
    search = text.text_search(version)
    if fresh:
        found = rankings.Ranking(version, cache.latest_change(), search.scores("ash", Listing))
    else:
        found = rankings.ranking(search, "ash", version)
    pks = list(found.pks)
    # The matches as the facet index's bits (carried from before the changes when kept).
    index = facet_index(version)
    matches = index.ids_in(found.bits(index))
    return (pks if connection.vendor == "postgresql" else sorted(pks)), matches


def entry_view(version):
    """Every index entry's listing, by the process's entry map and by a fresh one (the map
    serves the SQLite backend only)."""
    from wagtail.search.models import IndexEntry

    if connection.vendor != "sqlite":
        return None, None
    entries = list(IndexEntry.objects.order_by("pk").values_list("pk", flat=True))
    kept = text.listing_objects_of(version, entries)
    fresh = text.EntryMap(version, cache.latest_change())
    fresh.refresh()
    return kept, fresh.objects_of(entries, leaf_content_type_ids(Listing))


HERE = (52.0, -1.0)
# Places a listing can be at: the same spot as others (equally near: A to Z), within each
# radius, just outside the widest, far away.
SPOTS = st.sampled_from(
    [(52.0, -1.0), (52.01, -1.0), (52.05, -1.02), (52.1, -1.0), (52.2, -1.1), (53.0, -1.0)]
)


def nearby_view(index, fresh=False):
    """The listings near HERE, nearest first, and their distances, as this process keeps them
    (search/nearby.py) or read afresh; and what each radius holds."""
    if fresh:
        found = nearby.Nearby(index, cache.latest_change(), nearby._rows_near(*HERE))
    else:
        found = nearby.near(*HERE, index)
    within = {radius: index.ids_in(bits) for radius, bits in found.within(index, HERE[0]).items()}
    return list(found.pks), list(found.distances), within


NAMES = st.sampled_from(["Ash", "birch", "Cedar", "ash", "Elm Primary", "Fir"])
STEP = st.one_of(
    st.tuples(st.just("create"), NAMES, st.booleans()),
    st.tuples(st.just("rename"), st.integers(0, 20), NAMES),
    st.tuples(st.just("needs"), st.integers(0, 20), st.sets(st.sampled_from(["ASD", "SLCN"]))),
    st.tuples(st.just("ages"), st.integers(0, 20), st.integers(0, 25), st.integers(0, 25)),
    st.tuples(st.just("type"), st.integers(0, 20), st.sampled_from(["special", "resourced"])),
    st.tuples(st.just("move"), st.integers(0, 20), SPOTS),
    st.tuples(st.just("publish"), st.integers(0, 20)),
    st.tuples(st.just("unpublish"), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.integers(0, 20)),
    st.tuples(
        st.just("look"),
    ),
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, max_size=10))
def test_incremental_index_equals_a_rebuilt_one(make_setting, needs, steps):
    facet_index(cache.data_version())  # the process has an index before the changes
    entry_view(cache.data_version())
    ranking_view(cache.data_version())
    nearby_view(facet_index(cache.data_version()))
    made = list(Setting.objects.all())

    def pick(n):
        return made[n % len(made)] if made else None

    for step in steps:
        action, *args = step
        if action == "create":
            spot = (52.0 + len(made) % 3 * 0.01, -1.0)
            made.append(
                make_setting(args[0], publish_it=args[1], latitude=spot[0], longitude=spot[1])
            )
            if not args[1]:
                made[-1].save()
            continue
        if action == "look":
            facet_index(cache.data_version())
            entry_view(cache.data_version())
            ranking_view(cache.data_version())
            nearby_view(facet_index(cache.data_version()))
            continue
        listing = pick(args[0])
        if listing is None:
            continue
        if action == "rename":
            listing.name = args[1]
            listing.save_revision().publish()
        elif action == "needs":
            listing.needs.set([needs[code] for code in args[1]])
            listing.save()
        elif action == "ages":
            listing.min_age, listing.max_age = sorted(args[1:])
            listing.save()
        elif action == "move":
            listing.latitude, listing.longitude = args[1]
            listing.save_revision().publish()
        elif action == "type":
            listing.setting_type = args[1]
            listing.save_revision().publish()
        elif action == "publish":
            listing.save_revision().publish()
        elif action == "unpublish":
            if listing.live:
                listing.unpublish()
        elif action == "delete":
            listing.delete()
            made.remove(listing)

    version = cache.data_version()
    assert view(facet_index(version)) == view(FacetIndex.build(version))
    kept, fresh = entry_view(version)
    assert kept == fresh
    assert ranking_view(version) == ranking_view(version, fresh=True)
    index = facet_index(version)
    assert nearby_view(index) == nearby_view(index, fresh=True)


@pytest.mark.django_db
def test_the_first_search_after_a_publish_reads_only_the_changed_listing(make_setting, client):
    for i in range(5):
        make_setting(f"Rowan School {i}")
    client.get("/directory/", {"q": "rowan"})  # the process has its index
    listing = Setting.objects.get(name="Rowan School 3")
    listing.name = "Rowan School Three"
    listing.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/directory/", {"q": "rowan", "order": "name"})
    assert "Rowan School Three" in response.content.decode()
    listing_reads = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "directory_listing"' in q["sql"] and "need_mask" in q["sql"]
    ]
    assert len(listing_reads) == 1 and " IN (" in listing_reads[0]  # not a rebuild
