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

from array import array

from directory.change_log import Kept
from directory.models import Listing

from .facets import moved
from .text import text_search
from .vocabulary import FamilyWords

MAX_TEXTS = 16
REREAD_AFTER = 200


class Ranking:
    """Listing ids best first, with their scores (lower ranks first; equal scores by id)."""

    def __init__(self, rows, updates=0):
        self.updates = updates
        rows = sorted(rows, key=lambda row: (row[1], row[0]))
        self.pks = array("q", [pk for pk, _ in rows])
        self.scores = array("d", [score for _, score in rows])
        self._bits = None, 0
        # {listing id: whether it matches now} for listings changed since `_bits` was made.
        self._since_bits = {}

    def updated(self, changed, rescored):
        """A copy with these listings' rows replaced by their new scores."""
        copy = Ranking.__new__(Ranking)
        copy.updates = self.updates + len(changed)
        copy.scores, copy.pks = moved(
            self.scores, self.pks, changed, [(score, pk) for pk, score in rescored], lambda pk: pk
        )
        matching = {pk for pk, _ in rescored}
        copy._bits = self._bits
        copy._since_bits = {**self._since_bits, **{pk: pk in matching for pk in changed}}
        return copy

    def bits(self, index):
        """The published matches as a bitset of the facet index's positions. After a change,
        made from the bits before it when the index kept its positions (only the changed listings'
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
        # Only published listings: an index keeps the positions of listings it has seen
        # unpublished, and a ranking scores whatever the search index holds.
        bits &= index.published
        self._bits, self._since_bits = (index, bits), {}
        return bits


def _in_families_words(version, places, some_words):
    """The search backend asked as the family search asks it (search/vocabulary.py)."""
    return FamilyWords(text_search(version), version, places, some_words)


class KeptRankings(Kept):
    name = "rankings of searched words"
    most = MAX_TEXTS

    # Keyed by the text, the places whose officers' words it is read with, and whether some
    # of its words are enough (search/vocabulary.py).
    def build(self, key, version):
        text, places, some_words = key
        rows = _in_families_words(version, places, some_words).scores(text, Listing)
        return None if rows is None else Ranking(rows)

    def update(self, key, ranking, version, listing_ids):
        if ranking.updates + len(listing_ids) > REREAD_AFTER:
            return None
        text, places, some_words = key
        words = _in_families_words(version, places, some_words)
        rescored = words.scores(text, Listing, among=listing_ids) or []
        return ranking.updated(listing_ids, rescored)

    def view(self, ranking):
        """The listings best first. On SQLite bm25 weighs words by how common they are across
        the directory, so kept scores drift from fresh ones as listings change (above): there
        only the matches are compared."""
        from django.db import connection

        pks = list(ranking.pks)
        return pks if connection.vendor == "postgresql" else sorted(pks)


_kept = KeptRankings()


def ranking(text, version, places=(), some_words=False):
    """The ranking of `text` at `version` (read with the officers' words of `places`; any of
    its words, for `some_words`: search/vocabulary.py), or None when the backend cannot score
    it."""
    return _kept.get(version, (text, places, some_words))
