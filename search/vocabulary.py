"""Families' words, as every search backend is asked them.

The SEND vocabulary (directory/vocabulary.py, and officers' additions: directory.models.
SearchWords) is read here and nowhere else. A family's text becomes one Wagtail search query
that every backend answers the same way (SQLite FTS5, PostgreSQL, Elasticsearch/OpenSearch):

- each phrase of the vocabulary found in the text (longest first) becomes "any of its group":
  `respite` searches for respite OR "short breaks"; `SALT` for "speech and language therapy"
  and the rest of its group;
- every other word must match as typed (each backend's stemmer joins word forms: swim and
  swimming, club and clubs);
- words that say nothing about what is wanted ("help for my son who cannot read") are left out
  (directory.vocabulary.FILLER_WORDS), unless the text is nothing else.

Ranking puts the listings that match the words as typed above those found only through the
vocabulary (an exact need above a synonym): `FamilyWords.scores`.
"""

from dataclasses import dataclass, field

from modelsearch.query import And, Boost, Or, Phrase, PlainText

from directory import change_log
from directory.vocabulary import FILLER_WORDS, built_in_groups, words_of

# Added to the score of a listing found only through the vocabulary (lower scores rank first;
# scores are bm25 or -ts_rank, far smaller than this).
SYNONYM_TIER = 1_000_000.0
# Longest phrase looked for in a family's text, in words.
LONGEST_PHRASE = 6


@dataclass
class Vocabulary:
    """Groups of phrases (tuples of words); `leads_to[phrase]` is every phrase a search for it
    also looks for."""

    groups: list = field(default_factory=list)
    leads_to: dict = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def of(cls, groups):
        vocabulary = cls()
        for group in groups:
            members = []
            for phrase in group:
                one_way = phrase.startswith(">")
                words = tuple(words_of(phrase.lstrip(">")))
                if words:
                    members.append((words, one_way))
            if len(members) < 2:
                continue
            vocabulary.groups.append(members)
            found_by_search = [words for words, one_way in members if not one_way]
            for words, _ in members:
                vocabulary.leads_to.setdefault(words, set()).update(found_by_search)
                vocabulary.longest = min(LONGEST_PHRASE, max(vocabulary.longest, len(words)))
        return vocabulary

    def knows(self, word):
        return (word,) in self.leads_to

    def words(self):
        """Every single word in the vocabulary."""
        return {word for phrase in self.leads_to for word in phrase}


def officers_groups():
    from directory.models import SearchWords

    return [entry.phrases() for entry in SearchWords.objects.all()]


_built_in = None


def vocabulary(version=None):
    """The vocabulary at this directory version: built in, and officers' additions (an
    officer's change moves the version: directory/signal_handlers.py)."""
    global _built_in
    if _built_in is None:
        _built_in = built_in_groups()
    if version is None:
        version = change_log.current_version()
    return change_log.site_wide(
        "search-vocabulary", version, lambda: Vocabulary.of([*_built_in, *officers_groups()])
    )


@dataclass
class FamilyText:
    """A family's text read against the vocabulary: `units`, each a list of alternative
    phrases (the first as typed), all of which must match."""

    units: list

    @classmethod
    def read(cls, text, vocabulary):
        words = words_of(text)
        units, position = [], 0
        while position < len(words):
            for length in range(min(vocabulary.longest, len(words) - position), 0, -1):
                phrase = tuple(words[position : position + length])
                leads_to = vocabulary.leads_to.get(phrase)
                if leads_to is not None:
                    others = sorted(leads_to - {phrase})
                    units.append([phrase, *others])
                    position += length
                    break
            else:
                units.append([(words[position],)])
                position += 1
        wanted = [unit for unit in units if len(unit) > 1 or unit[0][0] not in FILLER_WORDS]
        return cls(wanted or units)

    def query(self):
        """Every unit, each matching any of its phrases (None for a text without words)."""
        if not self.units:
            return None
        return _all_of([_any_of(unit) for unit in self.units])

    def as_typed(self):
        """The words as typed (those kept), without the vocabulary."""
        return PlainText(" ".join(" ".join(unit[0]) for unit in self.units), operator="and")

    def expanded(self):
        return any(len(unit) > 1 for unit in self.units)

    def boosted_query(self):
        """For a search engine: the words as typed count ten times more."""
        if not self.expanded():
            return self.as_typed()
        return Or([Boost(self.as_typed(), 10.0), self.query()])


def _phrase_query(words):
    return PlainText(words[0]) if len(words) == 1 else Phrase(" ".join(words))


def _any_of(unit):
    queries = [_phrase_query(words) for words in unit]
    return queries[0] if len(queries) == 1 else Or(queries)


def _all_of(queries):
    return queries[0] if len(queries) == 1 else And(queries)


def family_query(text, version=None):
    """The Wagtail search query for a family's text (for callers searching the backend
    directly: the guide's site search); None when the text has no words."""
    return FamilyText.read(text, vocabulary(version)).query()


class FamilyWords:
    """A text search adapter (search/text.py) asked in families' words: each method takes the
    family's text and hands the backend its query."""

    def __init__(self, text_search, version=None):
        self.text_search = text_search
        self.version = version

    def read(self, text):
        return FamilyText.read(text, vocabulary(self.version))

    def matching_ids(self, text, queryset):
        return self.text_search.matching_ids(self.read(text).query(), queryset)

    def ranked_ids(self, text, queryset, start, stop, among=None):
        family = self.read(text)
        query = family.query() if self.scores_of_typed_words_apart() else family.boosted_query()
        return self.text_search.ranked_ids(query, queryset, start, stop, among=among)

    def scores_of_typed_words_apart(self):
        from .text import ElasticsearchTextSearch

        return not isinstance(self.text_search, ElasticsearchTextSearch)

    def scores(self, text, model, among=None):
        """[(id, score)] of every match, those matching the words as typed first (one more
        query, for a text the vocabulary changed, when the process first ranks it)."""
        family = self.read(text)
        rows = self.text_search.scores(family.query(), model, among=among)
        if rows is None or not family.expanded():
            return rows
        typed = self.text_search.scores(family.as_typed(), model, among=among) or []
        as_typed = {pk for pk, _ in typed}
        # Within each tier, the score of the whole query: a name saying the directory's own
        # term ("Autism Base" for "autistic") ranks above a mention in the text.
        return [(pk, score if pk in as_typed else score + SYNONYM_TIER) for pk, score in rows]
