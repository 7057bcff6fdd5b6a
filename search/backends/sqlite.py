"""Wagtail's SQLite (FTS5) search backend with national-scale query shapes.

The stock backend (django-modelsearch) ranks by relevance with a correlated subquery that runs
bm25() once per candidate row, and filters with `pk IN (subquery)` comparing the text object id
to the integer key. At 34,000 listings a broad term took over 300 s by relevance and 2 s without
(DESIGN.md, "Search"). This subclass keeps every caller on Wagtail's search API and changes only
the SQL:
- matching: one FTS5 MATCH joined to the index entries, yielding integer ids, used as
  `pk IN (...)` by the ORM (non-correlated, so SQLite builds it once);
- ranking: the same join, filtered to the caller's queryset, `ORDER BY bm25(...) LIMIT n`, so
  SQLite ranks inside FTS5 and fetches one page of ids; the page's objects come from the ORM.

It could be offered upstream; until then it is selected with
WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.sqlite" on SQLite.
"""

import copy
import json
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, IntegerField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import (
    BM25,
    MatchExpression,
    SQLiteFTSIndexEntry,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not, Phrase, PlainText

FTS_TABLE = SQLiteFTSIndexEntry._meta.db_table

# Below this many candidates (a filtered search) ranking scores just them, in one pass.
FEW_CANDIDATES = 2000

# FTS5 columns are (title, autocomplete, body); a match in the title (a listing's name) counts
# ten times one in the body. bm25() is lower for better matches.
COLUMN_WEIGHTS = "10.0, 0.0, 1.0"


@cache
def _leaf_models(model):
    family = [m for m in apps.get_models() if issubclass(m, model)]
    return tuple(m for m in family if not any(o is not m and issubclass(o, m) for o in family))


def leaf_content_type_ids(model):
    """Content types of `model` and its subclasses that have no subclasses of their own.

    Multi-table inheritance indexes an object once per concrete class it is; searching the
    leaves counts each listing once. (Ids come from Django's content-type cache.)
    """
    return [ct.pk for ct in ContentType.objects.get_for_models(*_leaf_models(model)).values()]


class RankedQueryMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The index keeps each object's text in three FTS5 columns (title, autocomplete, body),
        # not one per model field, so `.search(fields=[...])` (the admin's listing search
        # does this) named columns that do not exist: a database error. Search every column
        # instead: a wider match, never an error.
        if self.fields and not set(self.fields) <= set(self.FTS_TABLE_FIELDS):
            self.fields = None

    def build_search_query_content(self, query, config=None):
        # The stock Lexeme puts each term inside an FTS5 "string" without escaping double
        # quotes, so a family typing a quote mark got a database error (found by hypothesis).
        # FTS5 strings cannot hold a lone quote usefully, so treat it as a word break.
        if isinstance(query, PlainText | Phrase):
            query = copy.copy(query)
            query.query_string = query.query_string.replace('"', " ")
        return super().build_search_query_content(query, config=config)

    def _is_plain_match(self):
        query = normalize(self.query)
        return not isinstance(query, MatchAll | Not)

    def matching_entries(self, config):
        """FTS rows matching the query, restricted to this queryset's model."""
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=leaf_content_type_ids(self.queryset.model))
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
        )

    def matching_table(self, config):
        """Put every match's id into a temporary table (this connection only, emptied each
        time) and return a subquery reading it. One INSERT...SELECT inside SQLite: the ids
        never travel to Python, and each facet query probes the table's primary key."""
        sql, params = self.matching_entries(config).values("object_pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE IF NOT EXISTS search_match (id INTEGER PRIMARY KEY)")
            cursor.execute("DELETE FROM temp.search_match")
            cursor.execute(f"INSERT OR IGNORE INTO temp.search_match (id) {sql}", params)  # noqa: S608
        return RawSQL("SELECT id FROM temp.search_match", [])

    def matching_ids(self, config):
        """Ids of every match, straight from the FTS and index tables (the caller's queryset
        is not applied: callers filter with these ids). SQLite hands them over as one JSON
        array: a third faster than a row each at 30,000 matches."""
        sql, params = self.matching_entries(config).values("object_pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT json_group_array(object_pk) FROM ({sql})", params)  # noqa: S608
            return json.loads(cursor.fetchone()[0])

    def matching_queryset(self, config):
        ids = self.matching_entries(config).values("object_pk")
        return self.queryset.filter(pk__in=ids)

    def ranked_page(self, config, start, stop):
        """[(pk, score)] for one page, best first, ranked inside FTS5.

        When the caller's queryset holds few listings (a filtered search), only they are
        scored. Otherwise the top matches come straight from the FTS5 table (FTS5 ranks in
        C) and are kept if the queryset accepts them; only when it rejects too many is every
        candidate scored.
        """
        if stop is not None and not self._few_candidates():
            found = self._ranked_top(config, start, stop)
            if found is not None:
                return found
        return self._ranked_candidates(config, start, stop)

    def _few_candidates(self):
        """Whether the queryset holds at most FEW_CANDIDATES objects (reads at most that
        many index rows)."""
        return self.queryset.order_by()[: FEW_CANDIDATES + 1].count() <= FEW_CANDIDATES

    def _ranked_candidates(self, config, start, stop):
        """Score only the matches the queryset holds. The FTS rowid test is written `+rowid`
        so that FTS5 scans the match once and checks each row against the candidates; a plain
        `rowid IN` makes FTS5 restart the match (and bm25's statistics) for every candidate."""
        leaves = leaf_content_type_ids(self.queryset.model)
        candidates = IndexEntry.objects.filter(
            content_type__in=leaves,
            object_id__in=self.queryset.order_by().values(text_pk=Cast("pk", CharField())),
        ).values("pk")
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        entries = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .alias(entry=RawSQL(f'+"{FTS_TABLE}"."rowid"', []))  # noqa: S611 (a constant)
            .filter(entry__in=candidates)
            .annotate(score=BM25Weighted())
            .order_by("score", "index_entry_id")
            .values_list("index_entry_id", "score")[start:stop]
        )
        objects = dict(
            IndexEntry.objects.filter(pk__in=[entry for entry, _ in entries]).values_list(
                "pk", "object_id"
            )
        )
        return [(int(objects[entry]), score) for entry, score in entries if entry in objects]

    def _ranked_top(self, config, start, stop):
        limit = max(3 * stop, 100)
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        top = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .annotate(score=BM25Weighted())
            .order_by("score")
            .values_list("index_entry_id", "score")[:limit]
        )
        objects = dict(
            IndexEntry.objects.filter(
                pk__in=[entry for entry, _ in top],
                content_type__in=leaf_content_type_ids(self.queryset.model),
            ).values_list("pk", "object_id")
        )
        candidates = [(int(objects[entry]), score) for entry, score in top if entry in objects]
        accepted = set(
            self.queryset.filter(pk__in=[pk for pk, _ in candidates]).values_list("pk", flat=True)
        )
        ranked = [(pk, score) for pk, score in candidates if pk in accepted]
        if len(ranked) >= stop or len(top) < limit:
            return ranked[start:stop]
        return None  # too few survived the filters: rank them all

    def search(self, config, start, stop, score_field=None):
        if not self._is_plain_match():
            return super().search(config, start, stop, score_field=score_field)
        if self.order_by_relevance or score_field:
            page = self.ranked_page(config, start or 0, stop)
            objects = self.queryset.in_bulk([pk for pk, _ in page])
            results = []
            for pk, score in page:
                obj = objects.get(pk)
                if obj is not None:
                    if score_field:
                        setattr(obj, score_field, -score)  # higher is better, as elsewhere
                    results.append(obj)
            return results
        queryset = self.matching_queryset(config)
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages, as the stock backend does
        return queryset[start:stop]


class BM25Weighted(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {COLUMN_WEIGHTS})", []


class RankedSearchQueryCompiler(RankedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class RankedAutocompleteQueryCompiler(RankedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class RankedSearchResults(SQLiteSearchResults):
    def _do_search(self):
        return list(self.get_queryset())

    def _do_count(self):
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_queryset(compiler.get_config(self.backend)).count()
        return super()._do_count()

    def matching_table(self):
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_table(compiler.get_config(self.backend))
        return None

    def matching_ids(self):
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_ids(compiler.get_config(self.backend))
        return list(self.matching_queryset().values_list("pk", flat=True))

    def matching_queryset(self):
        """The caller's queryset narrowed to matches, unordered: for facet counts and filters."""
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_queryset(compiler.get_config(self.backend))
        return compiler.search(compiler.get_config(self.backend), None, None)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSearchQueryCompiler
    autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
    results_class = RankedSearchResults


SearchBackend = RankedSQLiteSearchBackend
