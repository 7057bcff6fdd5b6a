"""This process's ranking of the words families search for.

For each text searched recently (MAX_TEXTS of them), every listing whose text matches, with the
backend's score, best first: the search's matches (facet counts, totals) and its order by
relevance both come from it, so a repeated word costs no text query at all. A ranking is
labelled with the directory version it was read at, like the facet index (search/facets.py).
When the version moves, only the listings changed since are scored again (one query per kept
text, among those ids) and moved to their new place; a bulk change, a gap in the change log or
more than cache.MAX_INCREMENTAL changed listings drops the rankings (read again on demand).

On PostgreSQL a listing's score depends on its own text alone, so an updated ranking equals a
fresh one. SQLite's bm25 also weighs how common each word is across the directory, so there the
other listings' scores drift slightly from a fresh reading as listings change; they are read
afresh after REREAD_AFTER changes.
"""

import threading
from array import array
from collections import OrderedDict

from . import cache
from .facets import moved

MAX_TEXTS = 16
REREAD_AFTER = 200


class Ranking:
    """Listing ids best first, with their scores (lower ranks first; equal scores by id)."""

    def __init__(self, version, change, rows, updates=0):
        self.version, self.change, self.updates = version, change, updates
        rows = sorted(rows, key=lambda row: (row[1], row[0]))
        self.pks = array("q", [pk for pk, _ in rows])
        self.scores = array("d", [score for _, score in rows])
        self._bits = None, 0
        # {listing id: whether it matches now} for listings changed since `_bits` was made.
        self._since_bits = {}

    def updated(self, version, change, changed, rescored):
        """A copy with these listings' rows replaced by their new scores."""
        copy = Ranking.__new__(Ranking)
        copy.version, copy.change, copy.updates = version, change, self.updates + len(changed)
        copy.scores, copy.pks = moved(
            self.scores, self.pks, changed, [(score, pk) for pk, score in rescored], lambda pk: pk
        )
        matching = {pk for pk, _ in rescored}
        copy._bits = self._bits
        copy._since_bits = {**self._since_bits, **{pk: pk in matching for pk in changed}}
        return copy

    def bits(self, index):
        """The matches as a bitset of the facet index's positions. After a change, made from
        the bits before it when the index kept its positions (only the changed listings'
        bits move), else from every match."""
        made_for, bits = self._bits
        if made_for is index:
            return bits
        if made_for is not None and made_for.lineage is index.lineage:
            for pk, matches in self._since_bits.items():
                n = index.position.get(pk)
                if n is not None:
                    bits = bits | 1 << n if matches else bits & ~(1 << n)
        else:
            bits = index.bits_of(self.pks)
        self._bits, self._since_bits = (index, bits), {}
        return bits


_rankings = OrderedDict()
_lock = threading.Lock()


def ranking(text_search, text, version):
    """The ranking of `text` at `version`, or None when the backend cannot score it."""
    from directory.models import Listing

    with _lock:
        found = _rankings.get(text)
        if found is not None and found.version != version:
            found = _brought_up_to_date(text_search, text, found, version)
            if found is None:
                _rankings.clear()  # every ranking is as stale as this one
        if found is None:
            change = cache.latest_change()
            rows = text_search.scores(text, Listing)
            if rows is None:
                return None
            found = Ranking(version, change, rows)
        return cache.keep_recent(_rankings, text, found, MAX_TEXTS)


def _brought_up_to_date(text_search, text, found, version):
    from directory.models import Listing

    changed = cache.listings_changed_since(found.change, version)
    if changed is None or found.updates + len(changed[1]) > REREAD_AFTER:
        return None
    change, listing_ids = changed
    if not listing_ids:  # read after `version` was made: already current
        found.version = version
        return found
    rescored = text_search.scores(text, Listing, among=sorted(listing_ids)) or []
    return found.updated(version, change, listing_ids, rescored)


def forget():
    """Drop every ranking (tests; a process that wants its memory back)."""
    with _lock:
        _rankings.clear()
