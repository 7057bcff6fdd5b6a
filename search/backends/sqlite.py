"""Wagtail's SQLite (FTS5) search backend with national-scale query shapes.

The stock backend (django-modelsearch) ranks by relevance with a correlated subquery that runs
bm25() once per candidate row, and filters with `pk IN (subquery)` comparing the text object id
to the integer key. At 34,000 listings a broad term took over 300 s by relevance and 2 s without
(DESIGN.md, "Search"). This subclass keeps every caller on Wagtail's search API and changes only
the SQL:
- matching: one FTS5 MATCH joined to the index entries, yielding integer ids, used as
  `pk IN (...)` by the ORM (non-correlated, so SQLite builds it once); `matching_ids()` hands
  over every match's id in one JSON array, and `matching_entry_ids()` the matching entries
  read from the FTS5 table alone, for a caller that knows which object each entry is for
  (search/text.py);
- ranking: `ORDER BY bm25(...) LIMIT n` inside FTS5, either over every match (kept if the
  caller's queryset accepts them) or over the queryset's own entries when it holds few; the
  page's objects come from the ORM.

It could be offered upstream; until then it is selected with
WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.sqlite" on SQLite.
"""

import copy
import json
from collections import OrderedDict

from django.db import connection
from django.db.models import CharField, Count, IntegerField
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

from . import leaf_content_type_ids

FTS_TABLE = SQLiteFTSIndexEntry._meta.db_table

# Below this many candidates (a filtered search) ranking scores just them, in one pass.
FEW_CANDIDATES = 10_000

# FTS5 columns are (autocomplete, body, title) (the index table's CREATE); a match in the title (a
# listing's name) counts ten times one in the body, and the autocomplete column (the name again)
# adds nothing. bm25() is lower for better matches.
COLUMN_WEIGHTS = "0.0, 1.0, 10.0"


def json_array_of(rows, column):
    """One column of a query's rows, fetched as a single JSON array: a third faster than a
    row each at 30,000 rows."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT json_group_array({column}) FROM ({sql})", params)  # noqa: S608
        return json.loads(cursor.fetchone()[0])


def scored_objects(scored_entries, content_types):
    """[(object id, score)] for a page of [(entry id, score)], keeping these content types."""
    objects = dict(
        IndexEntry.objects.filter(
            pk__in=[entry for entry, _ in scored_entries], content_type__in=content_types
        ).values_list("pk", "object_id")
    )
    return [(int(objects[entry]), score) for entry, score in scored_entries if entry in objects]


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

    def matching_entry_ids(self, config):
        """Ids of the index entries matching the query, of any model, read from the FTS5
        table alone (one JSON array): the caller says which object each entry is for."""
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        entries = SQLiteFTSIndexEntry.objects.filter(match).values("index_entry_id")
        return json_array_of(entries, "index_entry_id")

    def matching_ids(self, config):
        """Ids of every match of this queryset's model (the queryset's own filters are not
        applied: callers filter with these ids), handed over by SQLite as one JSON array."""
        return json_array_of(self.matching_entries(config).values("object_pk"), "object_pk")

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
        return scored_objects(entries, leaves)

    def _ranked_top(self, config, start, stop):
        limit = max(3 * stop, 100)
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        top = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .annotate(score=BM25Weighted())
            .order_by("score", "index_entry_id")
            .values_list("index_entry_id", "score")[:limit]
        )
        candidates = scored_objects(top, leaf_content_type_ids(self.queryset.model))
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

    def matching_ids(self):
        """Ids of every object of the queryset's model that matches (see the compiler)."""
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_ids(compiler.get_config(self.backend))
        return list(self.matching_queryset().values_list("pk", flat=True))

    def ranked_ids(self, start, stop):
        """[(object id, score)] of results start to stop - 1, best first, without loading the
        objects; None when the query is not plain words or has no end."""
        compiler = self.query_compiler
        if not compiler._is_plain_match() or stop is None:
            return None
        return compiler.ranked_page(compiler.get_config(self.backend), start, stop)

    def scored_ids(self):
        """[(object id, bm25 score)] of every match among the queryset's objects (lower is
        better); None when the query is not plain words."""
        compiler = self.query_compiler
        if not compiler._is_plain_match():
            return None
        return compiler._ranked_candidates(compiler.get_config(self.backend), 0, None)

    def scored_entry_ids(self, entries=None):
        """[(index entry id, bm25 score)] of every match, of any model, read from the FTS5
        table alone (the caller says which object each entry is for); None when the query is
        not plain words. `entries`: only these (a few: FTS5 looks each one up by its rowid)."""
        compiler = self.query_compiler
        if not compiler._is_plain_match():
            return None
        config = compiler.get_config(self.backend)
        search_query = compiler.build_search_query(normalize(compiler.query), config=config)
        match = MatchExpression(compiler.fields or compiler.FTS_TABLE_FIELDS, search_query)
        # bm25() works only in a query on the FTS5 table itself, not in a subquery.
        rows = SQLiteFTSIndexEntry.objects.filter(match)
        if entries is not None:
            rows = rows.filter(index_entry_id__in=list(entries))
        return list(rows.annotate(score=BM25Weighted()).values_list("index_entry_id", "score"))

    def matching_entry_ids(self):
        """Ids of the index entries that match, of any model; None when the query is not
        plain words (then use matching_ids)."""
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_entry_ids(compiler.get_config(self.backend))
        return None

    def matching_queryset(self):
        """The caller's queryset narrowed to matches, unordered: for facet counts and filters."""
        compiler = self.query_compiler
        if compiler._is_plain_match():
            return compiler.matching_queryset(compiler.get_config(self.backend))
        return compiler.search(compiler.get_config(self.backend), None, None)

    def facet(self, field_name):
        """Counts of each value of `field_name` among the matches (the admin's page search
        asks for them by page type). The base class counts over what `search` returns, which
        here is a ranked list, not a queryset."""
        if self.query_compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # raises the error naming the missing field
        counts = (
            self.matching_queryset()
            .values(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[field_name], row["count"]) for row in counts)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSearchQueryCompiler
    autocomplete_query_compiler_class = RankedAutocompleteQueryCompiler
    results_class = RankedSearchResults


SearchBackend = RankedSQLiteSearchBackend
