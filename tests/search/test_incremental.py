"""After a change, each process brings what it keeps from the listings (directory.change_log.
KEPT: the facet index, the SQLite entry map, the rankings of searched words, the listings near
a place, the directory's words for corrections) up to date for the changed listings only;
each must then say what a fresh build says, whatever the edits, moves, publishes, unpublishes
and deletes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import change_log
from directory.models import Setting
from search import nearby, rankings, spelling, text
from search.facets import facet_index

WORD = "ash"


def derived_from_listings():
    return {
        name: kept
        for name, kept in change_log.KEPT.items()
        if isinstance(kept, change_log.Kept) and kept.derived_from_listings
    }


def look(version):
    """A search's use of everything a process keeps from the listings, and what it reads."""
    index = facet_index(version)
    ranking = rankings.ranking(WORD, version)
    place = nearby.near(*HERE, version)
    text.entry_map(version)
    spelling.lexicon(version)
    # What a search reads from them besides themselves: the ranking's matches and each
    # radius's listings as the facet index's bits (carried across changes when kept).
    return {
        "matches": index.ids_in(ranking.bits(index)),
        "within": {r: index.ids_in(bits) for r, bits in place.within(index, HERE[0]).items()},
    }


HERE = (52.0, -1.0)
# Places a listing can be at: the same spot as others (equally near: A to Z), within each
# radius, just outside the widest, far away.
SPOTS = st.sampled_from(
    [(52.0, -1.0), (52.01, -1.0), (52.05, -1.02), (52.1, -1.0), (52.2, -1.1), (53.0, -1.0)]
)


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
    look(change_log.current_version())  # the process keeps each before the changes
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
            look(change_log.current_version())
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

    version = change_log.current_version()
    seen = look(version)
    kept = derived_from_listings()
    # Every kind of kept thing is looked at above: a new one must be added to look().
    assert {name for name, each in kept.items() if each.kept_keys()} == set(kept)
    for each in kept.values():
        for key in each.kept_keys():
            assert each.view(each.get(version, key)) == each.view(each.build(key, version)), (
                each.name,
                key,
            )
    change_log.forget_everything_kept()
    assert look(version) == seen  # the bits carried across changes equal fresh ones


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
