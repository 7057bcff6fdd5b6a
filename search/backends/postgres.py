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

A stop word of the text search configuration ("after", "about") gives an empty tsquery, which
matches nothing; over the concatenation PostgreSQL leaves it out of `a & b`. So the words and
phrases that give an empty tsquery are found (one query, then known to the process) and left
out here too: "club after school" matches what "club school" matches, as on SQLite.

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
from django.db import connection
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


# Words PostgreSQL's text search ignores (its configuration's stop words: "after", "about",
# "over"), and phrases of nothing else: {(config, kind, text): whether ignored}, asked once per
# process. A family's words are few and repeat, so this stays small; it is emptied if it ever
# holds more than this many.
_ignored = {}
IGNORED_KEPT = 100_000


def forget_ignored_words():
    _ignored.clear()


def tsquery_lexeme(word):
    """A word as a tsquery lexeme, quoted as the stock backend quotes it (its Lexeme)."""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def ignored_pieces(pieces, config):
    """Which of these pieces, ("word", text) or ("phrase", text), give an empty tsquery in this
    configuration. One query for those this process has not asked about yet."""
    unknown = sorted({piece for piece in pieces if (config, *piece) not in _ignored})
    if unknown:
        if len(_ignored) + len(unknown) > IGNORED_KEPT:
            _ignored.clear()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(CASE WHEN kind = 'phrase' "
                "THEN phraseto_tsquery(COALESCE(%s::regconfig, get_current_ts_config()), piece) "
                "ELSE to_tsquery(COALESCE(%s::regconfig, get_current_ts_config()), lexeme) "
                "END) = 0 FROM unnest(%s::text[], %s::text[], %s::text[]) "
                "WITH ORDINALITY AS pieces(kind, piece, lexeme, n) ORDER BY n",
                [
                    config,
                    config,
                    [kind for kind, _ in unknown],
                    [text for _, text in unknown],
                    [tsquery_lexeme(text) for _, text in unknown],
                ],
            )
            for piece, (empty,) in zip(unknown, cursor.fetchall(), strict=True):
                _ignored[(config, *piece)] = empty
    return {piece for piece in pieces if _ignored.get((config, *piece), False)}


# A part of a query made only of words the text search ignores: it asks nothing, so an And
# leaves it out and an Or does not count it (as PostgreSQL leaves an empty tsquery out of
# `a & b`, and as the stock query over the concatenation therefore does).
SAYS_NOTHING = object()


class IndexedMatchSearchQueryCompiler(PostgresSearchQueryCompiler):
    def word_condition(self, config, prefix="index_entries__"):
        """Q matching the query word by word on the indexed title and body vectors; None when
        the query is not plain words, phrases and their And / Or over the whole index. (Only
        autocomplete treats a word as a prefix, and it keeps the stock compiler.) Stop words
        are left out; a query of nothing else matches nothing, as the stock query does."""
        if self.fields is not None:
            return None
        pieces = _pieces(self.query)
        if pieces is None:
            return None
        ignored = ignored_pieces(pieces, config)
        condition = self._condition(self.query, config, prefix, ignored)
        if condition is SAYS_NOTHING:
            return Q(pk__in=[])
        return condition

    def _condition(self, query, config, prefix, ignored):
        if isinstance(query, PlainText):
            conditions = [
                self._in_title_or_body(PlainText(word), config, prefix)
                for word in _words(query)
                if ("word", word) not in ignored
            ]
            combine = and_ if query.operator == "and" else or_
        elif isinstance(query, Phrase):
            # A phrase's words are in one of the two vectors together, as in the stock query
            # over their concatenation (a phrase never spans a name and a description).
            if ("phrase", query.query_string) in ignored:
                return SAYS_NOTHING
            return self._in_title_or_body(query, config, prefix)
        else:  # And / Or (_pieces accepted nothing else)
            parts = [self._condition(part, config, prefix, ignored) for part in query.subqueries]
            conditions = [part for part in parts if part is not SAYS_NOTHING]
            combine = and_ if isinstance(query, And) else or_
        if not conditions:
            return SAYS_NOTHING
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


def _words(query):
    return [word for word in WORD_BREAKS.split(query.query_string) if word]


def _pieces(query):
    """The words and phrases of a query of plain words, phrases and their And / Or, as
    ("word", text) and ("phrase", text); None for any other query."""
    if isinstance(query, PlainText):
        return {("word", word) for word in _words(query)}
    if isinstance(query, Phrase):
        return {("phrase", query.query_string)}
    if isinstance(query, And | Or):
        found = set()
        for part in query.subqueries:
            pieces = _pieces(part)
            if pieces is None:
                return None
            found |= pieces
        return found
    return None


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
