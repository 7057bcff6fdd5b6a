"""The words of a family's search, asked of whichever search backend is configured.

The family search (search/query.py) needs two things from a backend, and this module is the
only place that knows how each backend answers them:

- `matching_ids(text, queryset)`: the ids of every object of the queryset's model whose text
  matches, exactly (facet counts and totals are computed from them);
- `ranked_ids(text, queryset, start, stop)`: the ids of results `start` to `stop - 1` among
  the queryset's objects, best match first;
- `scores(text, model, among=None)`: [(id, score)] of every object of the model that matches
  (or of those among the given ids), a lower score ranking first; None where the backend
  cannot say. The family search keeps these per text (search/rankings.py).

One adapter per backend: SQLite (search/backends/sqlite.py), PostgreSQL
(search/backends/postgres.py), any other Wagtail database backend, and Elasticsearch /
OpenSearch. `text_search(version)` picks the one for the configured backend. The backends
themselves know nothing of listings or of the directory version.
"""

import json
import sys
import threading
from array import array

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.expressions import RawSQL
from wagtail.search.backends import get_search_backend

from directory.change_log import Kept

from .backends import leaf_content_type_ids


class TextSearch:
    """Any Wagtail backend, through its public API only."""

    def __init__(self, backend, version=None):
        self.backend = backend
        self.version = version

    def matching_ids(self, text, queryset):
        results = self.backend.search(text, queryset, order_by_relevance=False)
        return [obj.pk for obj in results]

    def ranked_ids(self, text, queryset, start, stop, among=None):
        """`among`: only these ids (handed to the backend as a filter every backend accepts:
        FilterField "id")."""
        if among is not None:
            queryset = self.narrow(queryset, among)
        return [obj.pk for obj in self.backend.search(text, queryset)[start:stop]]

    def narrow(self, queryset, ids):
        return queryset.filter(pk__in=list(ids))

    def scores(self, text, model, among=None):
        return None


class DatabaseTextSearch(TextSearch):
    """Wagtail's database backends: the query compiler's matching queryset, without ranking."""

    def matching_ids(self, text, queryset):
        compiler = self.backend.search(text, queryset, order_by_relevance=False).query_compiler
        matches = compiler.search(compiler.get_config(self.backend), None, None)
        return list(matches.order_by().values_list("pk", flat=True))

    def narrow(self, queryset, ids):
        """The ids as one query parameter: a JSON array on SQLite, an array on PostgreSQL
        (thousands of ids as separate parameters would exceed SQLite's limit)."""
        ids = list(ids)
        if connection.vendor == "sqlite":
            as_json = json.dumps(ids)
            return queryset.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [as_json]))
        if connection.vendor == "postgresql":
            return queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))
        return queryset.filter(pk__in=ids)


class PostgresTextSearch(DatabaseTextSearch):
    """search/backends/postgres.py: matches and ranks from the index entries alone, then keeps
    the ranked ids the queryset accepts (one query on the page's ids)."""

    def matching_ids(self, text, queryset):
        return self.backend.search(text, queryset, order_by_relevance=False).matching_ids()

    def ranked_ids(self, text, queryset, start, stop, among=None):
        results = self.backend.search(text, queryset, order_by_relevance=False)
        if among is not None:
            rows = results.ranked_ids(start, stop, among=among)
            if rows is not None:
                return [pk for pk, _ in rows]
        elif stop is not None:
            limit = max(3 * stop, 100)
            rows = results.ranked_ids(0, limit)
            if rows is not None:
                ids = [pk for pk, _ in rows]
                accepted = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
                kept = [pk for pk in ids if pk in accepted]
                if len(kept) >= stop or len(rows) < limit:
                    return kept[start:stop]
        return super().ranked_ids(text, queryset, start, stop, among=among)

    def scores(self, text, model, among=None):
        results = self.backend.search(text, model.objects.all(), order_by_relevance=False)
        rows = results.ranked_ids(0, None, among=among)
        return None if rows is None else [(pk, -float(rank)) for pk, rank in rows]


class SQLiteTextSearch(DatabaseTextSearch):
    """search/backends/sqlite.py. For listings, matches are read from the FTS5 table alone and
    mapped to listings by this process's entry map (EntryMap), trusted because it is
    labelled with the directory version; other models' matches are joined in SQL."""

    def matching_ids(self, text, queryset):
        results = self.backend.search(text, queryset, order_by_relevance=False)
        if self.version is not None and _is_listing(queryset.model):
            entries = results.matching_entry_ids()
            if entries is not None:
                return listing_objects_of(self.version, entries)
        return results.matching_ids()

    def ranked_ids(self, text, queryset, start, stop, among=None):
        if among is not None:
            queryset = self.narrow(queryset, among)
        rows = self.backend.search(text, queryset).ranked_ids(start, stop)
        if rows is None:
            return super().ranked_ids(text, queryset, start, stop)
        return [pk for pk, _ in rows]

    def scores(self, text, model, among=None):
        queryset = model.objects.all()
        if among is not None:
            queryset = self.narrow(queryset, among)
        results = self.backend.search(text, queryset, order_by_relevance=False)
        if self.version is not None and _is_listing(model):
            # The FTS5 table alone, mapped to listings in memory: every match, or the few
            # listings changed since a ranking was read (their entries looked up by rowid,
            # not the whole match scanned).
            entries = None
            if among is not None:
                if len(among) > FEW_RESCORED:
                    return results.scored_ids()
                entries = listing_entries(self.version, among)
            rows = results.scored_entry_ids(entries)
            if rows is not None:
                return listing_scores_of(self.version, rows)
        return results.scored_ids()


class ElasticsearchTextSearch(TextSearch):
    """Elasticsearch and OpenSearch (search/external.py)."""

    def matching_ids(self, text, queryset):
        from .external import all_matching_ids

        return all_matching_ids(self.backend.search(text, queryset, order_by_relevance=False))


def text_search(version=None):
    """The adapter for the configured backend. `version` is the directory version the caller
    reads the listings at (directory/change_log.py)."""
    backend = get_search_backend()
    if _is_a(backend, "search.backends.sqlite", "RankedSQLiteSearchBackend"):
        return SQLiteTextSearch(backend, version)
    if _is_a(backend, "search.backends.postgres", "IndexedMatchPostgresSearchBackend"):
        return PostgresTextSearch(backend, version)
    if _is_a(backend, "modelsearch.backends.elasticsearchbase", "ElasticsearchBaseSearchBackend"):
        return ElasticsearchTextSearch(backend, version)
    if hasattr(backend.query_compiler_class, "get_config"):  # Wagtail's database backends
        return DatabaseTextSearch(backend, version)
    return TextSearch(backend, version)


def _is_a(backend, module, name):
    """Whether the backend is of this class, without importing a module the configured backend
    did not (each database's backend module only imports on its own database)."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(backend, getattr(loaded, name))


def _is_listing(model):
    """The entry map holds listings: it answers for searches of every listing."""
    from directory.models import Listing

    return model is Listing


class EntryMap:
    """Which listing each search index entry is for, held in memory, so that matching a
    broad word reads only the FTS5 table (about 4 ms for 32,000 matches, against 12 ms
    joined to the index table).

    An entry's object never changes while the entry exists (re-indexing updates its text in
    place) and new entries get higher ids, so the map is read once and then extended with
    entries above the highest id seen, which reads nothing on most requests. An id can be
    given out again only after the entry with it was deleted, which happens when its listing
    is deleted or re-indexed: each of those is recorded in the directory's change log
    (directory/change_log.py) in the same transaction, and when the directory version moves
    the map reads the entries of just the listings changed since it last looked. A bulk
    change, a gap in the log or a rollback starts the map again. So the map is trusted for
    listings only.
    """

    def __init__(self):
        self.seen = 0
        self.content_type = array("l")  # by entry id; 0 where there is no entry
        self.object_pk = array("q")
        self.entries_of = {}  # (content type, object id) -> entry ids

    def _set(self, rows):
        size = max(row[0] for row in rows) + 1
        grow = size - len(self.content_type)
        if grow > 0:
            self.content_type.extend([0] * grow)
            self.object_pk.extend([0] * grow)
        for entry, content_type, object_id in rows:
            if object_id.isdigit():  # only integer keys can be listed this way
                pk = int(object_id)
                self.content_type[entry] = content_type
                self.object_pk[entry] = pk
                # A new set, not the one an older map may share (EntryMap.updated).
                key = (content_type, pk)
                self.entries_of[key] = self.entries_of.get(key, frozenset()) | {entry}

    def _read(self, where, params):
        from wagtail.search.models import IndexEntry

        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, content_type_id, object_id FROM {IndexEntry._meta.db_table} "  # noqa: S608
                f"WHERE {where} ORDER BY id",
                params,
            )
            return cursor.fetchall()

    def refresh(self):
        """Read the entries made since the last look."""
        rows = self._read("id > %s", [self.seen])
        if rows:
            self._set(rows)
            self.seen = rows[-1][0]

    def updated(self, listing_ids, content_types):
        """A new map: this one with the entries of these objects (of these content types)
        read again, forgetting the ones they had (the listings changed since the map last
        looked). The old one is left as it was for searches still using it."""
        new = EntryMap.__new__(EntryMap)
        new.seen = self.seen
        new.content_type, new.object_pk = array("l", self.content_type), array("q", self.object_pk)
        new.entries_of = dict(self.entries_of)
        new._forget_and_read(listing_ids, content_types)
        return new

    def _forget_and_read(self, listing_ids, content_types):
        for content_type in content_types:
            for pk in listing_ids:
                for entry in self.entries_of.pop((content_type, pk), ()):
                    self.content_type[entry] = 0
        texts = [str(pk) for pk in listing_ids]
        marks = ", ".join(["%s"] * len(texts))
        kinds = ", ".join(["%s"] * len(content_types))
        rows = self._read(
            f"object_id IN ({marks}) AND content_type_id IN ({kinds}) AND id <= %s",
            [*texts, *content_types, self.seen],
        )
        if rows:
            self._set(rows)

    def objects_of(self, entries, content_types):
        """The object ids of these entries that are of these content types."""
        wanted, kinds, objects, size = (
            set(content_types),
            self.content_type,
            self.object_pk,
            len(self.content_type),
        )
        return [objects[e] for e in entries if e < size and kinds[e] in wanted]


class KeptEntryMap(Kept):
    name = "search index entry map"

    def build(self, key, version):
        current = EntryMap()
        current.refresh()
        return current

    def update(self, key, current, version, listing_ids):
        from directory.models import Listing

        base = ContentType.objects.get_for_model(Listing).pk  # entries of old
        return current.updated(listing_ids, [*leaf_content_type_ids(Listing), base])

    def view(self, current):
        """Each listing's entries (the map is trusted for listings only)."""
        from directory.models import Listing

        listings = {*leaf_content_type_ids(Listing), ContentType.objects.get_for_model(Listing).pk}
        return {
            entry: (current.content_type[entry], current.object_pk[entry])
            for entry in range(len(current.content_type))
            if current.content_type[entry] in listings
        }

    def get(self, version, key=None, build=None):
        """The map at `version`, with the entries made since it last looked."""
        current = super().get(version, key, build)
        with self._refresh_lock:
            current.refresh()
        return current

    _refresh_lock = threading.Lock()


_kept_entry_map = KeptEntryMap()


def entry_map(version):
    """This process's entry map, brought up to date for the directory version and the newest
    entries."""
    return _kept_entry_map.get(version)


def listing_objects_of(version, entries):
    """The listings these index entries are for, by the entry map."""
    from directory.models import Listing

    return entry_map(version).objects_of(entries, leaf_content_type_ids(Listing))


# Up to this many listings are re-scored by looking up their entries one by one.
FEW_RESCORED = 50


def listing_entries(version, listing_ids):
    """The index entries of these listings, by the entry map."""
    from directory.models import Listing

    entries_of = entry_map(version).entries_of
    leaves = leaf_content_type_ids(Listing)
    return sorted(
        entry for pk in listing_ids for kind in leaves for entry in entries_of.get((kind, pk), ())
    )


def listing_scores_of(version, scored_entries):
    """[(listing id, score)] for [(index entry id, score)], by the entry map."""
    from directory.models import Listing

    current = entry_map(version)
    wanted = set(leaf_content_type_ids(Listing))
    kinds, objects, size = current.content_type, current.object_pk, len(current.content_type)
    return [
        (objects[entry], score)
        for entry, score in scored_entries
        if entry < size and kinds[entry] in wanted
    ]
