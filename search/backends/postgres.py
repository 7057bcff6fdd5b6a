"""Wagtail's PostgreSQL search backend, matching words through the index's GIN indexes.

The stock backend (django-modelsearch) matches `(title || body) @@ query`. PostgreSQL has no
index on that concatenation, so every search reads and joins every entry's two tsvectors:
about 110 ms at 34,000 listings whatever the word. The index entry table has a GIN index on
`title` and one on `body`, so this subclass asks, for each word, `title @@ word OR body @@ word`,
and combines the words with the query's operator. For plain words that is the same set of
matches — a word is in the concatenation exactly when it is in one of the two — and PostgreSQL
answers it from the indexes. Phrases and And / Or of words and phrases (the family search's
vocabulary, search/vocabulary.py) are matched the same way, a phrase in the title or in the
body; negations and searches restricted to named fields keep the stock query. Ranking is the
stock ranking, over these matches.

For callers that want ids rather than objects, the results also answer from the index entries
alone, of the queryset model's leaf content types (no join to the model's table):
`matching_ids()` (every match) and `ranked_ids(start, stop, among=None)` (one query returning
`(object_id, rank)`, best first, optionally among given ids).

Selected with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.postgres" on
PostgreSQL.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText

from . import leaf_content_type_ids

WORD_BREAKS = re.compile(r"[\s\-]+")  # as the stock backend splits plain text into words


class IndexedMatchSearchQueryCompiler(PostgresSearchQueryCompiler):
    def word_condition(self, config, prefix="index_entries__"):
        """Q matching the query word by word on the indexed title and body vectors; None when
        the query is not plain words, phrases and their And / Or over the whole index. (Only
        autocomplete treats a word as a prefix, and it keeps the stock compiler.)"""
        if self.fields is not None:
            return None
        return self._condition(self.query, config, prefix)

    def _condition(self, query, config, prefix):
        if isinstance(query, PlainText):
            conditions = [
                self._in_title_or_body(PlainText(word), config, prefix)
                for word in WORD_BREAKS.split(query.query_string)
                if word
            ]
            combine = and_ if query.operator == "and" else or_
        elif isinstance(query, Phrase):
            # A phrase's words are in one of the two vectors together, as in the stock query
            # over their concatenation (a phrase never spans a name and a description).
            return self._in_title_or_body(query, config, prefix)
        elif isinstance(query, And | Or):
            conditions = [self._condition(part, config, prefix) for part in query.subqueries]
            if any(condition is None for condition in conditions):
                return None
            combine = and_ if isinstance(query, And) else or_
        else:
            return None
        if not conditions:
            return None
        return reduce(combine, conditions)

    def _in_title_or_body(self, query, config, prefix):
        tsquery = self.build_tsquery(query, config=config)
        return Q(**{f"{prefix}title": tsquery}) | Q(**{f"{prefix}body": tsquery})

    def search(self, config, start, stop, score_field=None, backend=None):
        condition = self.word_condition(config)
        if condition is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
        return self._apply_ordering_and_scoring(
            self.queryset.filter(condition), rank_expression, start, stop, score_field
        )

    def matching_entries(self, config):
        """The index entries matching the query, of the leaf content types of the queryset's
        model (each object once); None when the query is not plain words."""
        condition = self.word_condition(config, prefix="")
        if condition is None:
            return None
        leaves = leaf_content_type_ids(self.queryset.model)
        return IndexEntry.objects.filter(condition, content_type_id__in=leaves)

    def rank_expression(self, config):
        """The stock ranking (title weighted by its norm, plus body) on an entry's columns."""
        tsquery = self.build_tsquery(self.query, config=config)
        weights = self.sql_weights
        return SearchRank(F("title"), tsquery, weights=weights) * F("title_norm") + SearchRank(
            F("body"), tsquery, weights=weights
        )


class IndexedMatchSearchResults(PostgresSearchResults):
    def _entries(self):
        compiler = self.query_compiler
        return compiler, compiler.matching_entries(compiler.get_config(self.backend))

    def matching_ids(self):
        """Ids of every object of the queryset's model that matches (the queryset's own
        filters are not applied: callers filter with these ids)."""
        compiler, entries = self._entries()
        if entries is None:
            matches = compiler.search(compiler.get_config(self.backend), None, None)
            return list(matches.order_by().values_list("pk", flat=True))
        return [int(pk) for pk in entries.values_list("object_id", flat=True)]

    def ranked_ids(self, start, stop, among=None):
        """[(object id, rank)] of matches start to stop - 1, best first, from the index
        entries alone; `among` restricts them to these ids. None when the query is not
        plain words."""
        compiler, entries = self._entries()
        if entries is None:
            return None
        if among is not None:
            texts = [str(pk) for pk in among]
            entries = entries.filter(object_id__in=RawSQL("SELECT unnest(%s::text[])", [texts]))
        rank = compiler.rank_expression(compiler.get_config(self.backend))
        rows = (
            entries.annotate(rank=rank)
            .order_by("-rank", "id")
            .values_list("object_id", "rank")[start:stop]
        )
        return [(int(pk), score) for pk, score in rows]


class IndexedMatchPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedMatchSearchQueryCompiler
    results_class = IndexedMatchSearchResults


SearchBackend = IndexedMatchPostgresSearchBackend
