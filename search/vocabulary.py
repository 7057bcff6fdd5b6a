"""Families' words, as every search backend is asked them.

The SEND vocabulary (directory/vocabulary.py, and officers' additions: directory.models.
SearchWords, national or an authority's own) is read here and nowhere else. An authority's words
are used in searches of its area and on its own Local Offer site (`places`). A family's text
becomes one Wagtail search query that every backend answers the same way (SQLite FTS5,
PostgreSQL, Elasticsearch/OpenSearch):

- each phrase of the vocabulary found in the text (longest first) becomes "any of its group":
  `respite` searches for respite OR "short breaks"; `SALT` for "speech and language therapy"
  and the rest of its group;
- every other word must match as typed (each backend's stemmer joins word forms: swim and
  swimming, club and clubs);
- words that say nothing about what is wanted ("help for my son who cannot read") are left out
  (directory.vocabulary.FILLER_WORDS), and so are the words PostgreSQL's full-text search
  cannot match (STOP_WORDS), unless the text is nothing else. So a search means the same on
  every backend: all of the family's other words, each as typed (or a stem of it) or through
  its vocabulary group.

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

# PostgreSQL's English stop words (the Snowball list it ships, tsearch_data/english.stop, as in
# PostgreSQL 15). PostgreSQL leaves them out of its index and of every query, so it can never
# require them; SQLite's FTS5 and the search engine index them and would. Left out of a
# family's words on every backend, so that "after school club" means "school club" everywhere
# (it found 2 listings on PostgreSQL and none on SQLite or the engine). Inside a phrase of the
# vocabulary ("hard of hearing") they stay: the phrase is matched as a whole.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now""".split()
)
LEFT_OUT = FILLER_WORDS | STOP_WORDS


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


def _officers_words_by_place():
    """{authority id, or None for national words: [each entry's phrases]}."""
    from directory.models import SearchWords

    by_place = {}
    for entry in SearchWords.objects.order_by("pk"):
        by_place.setdefault(entry.authority_id, []).append(entry.phrases())
    return by_place


def officers_words(version):
    return change_log.site_wide("officers' search words", version, _officers_words_by_place)


def places_with_words(authority_ids, version):
    """Those of these authorities whose officers added words of their own, as a sorted tuple:
    all that makes a place's vocabulary differ from the national one (searches of places
    without words of their own share one vocabulary and one kept ranking)."""
    by_place = officers_words(version)
    return tuple(sorted({pk for pk in authority_ids if pk is not None and pk in by_place}))


EVERYWHERE = "everywhere"

_built_in = None


def vocabulary(version=None, places=()):
    """The vocabulary at this directory version: built in, officers' national words, and the
    words of the officers of `places` (authority ids; EVERYWHERE: every authority's, for
    knowing a word rather than searching with it). An officer's change moves the version
    (directory/signal_handlers.py)."""
    global _built_in
    if _built_in is None:
        _built_in = built_in_groups()
    if version is None:
        version = change_log.current_version()
    by_place = officers_words(version)
    if places == EVERYWHERE:
        places = tuple(sorted(pk for pk in by_place if pk is not None))
    else:
        places = places_with_words(places, version)

    def read():
        officers = [group for pk in (None, *places) for group in by_place.get(pk, [])]
        return Vocabulary.of([*_built_in, *officers])

    return change_log.site_wide(f"search-vocabulary {places}", version, read)


@dataclass
class FamilyText:
    """A family's text read against the vocabulary: `units`, each a list of alternative
    phrases (the first as typed), all of which must match; or, for `some_words` (a question
    no listing matches whole: search/spelling.py), any of which may."""

    units: list
    some_words: bool = False

    @classmethod
    def read(cls, text, vocabulary, some_words=False):
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
        wanted = [unit for unit in units if len(unit) > 1 or unit[0][0] not in LEFT_OUT]
        return cls(wanted or units, some_words)

    def query(self):
        """Every unit (or, for some words, any unit), each matching any of its phrases (None
        for a text without words)."""
        if not self.units:
            return None
        return self._joined([_any_of(unit) for unit in self.units])

    def _joined(self, queries):
        return _either(queries) if self.some_words else _all_of(queries)

    def as_typed(self):
        """The words as typed (those kept), without the vocabulary."""
        return PlainText(
            " ".join(" ".join(unit[0]) for unit in self.units),
            operator="or" if self.some_words else "and",
        )

    def expanded(self):
        return any(len(unit) > 1 for unit in self.units)

    def boosted_query(self):
        """For a search engine: the words as typed count ten times more. It matches exactly
        what `query()` matches, so a page never shows a listing the count left out ("speech"
        and "therapy" apart in a text are not "speech therapy")."""
        if not self.expanded():
            return self.as_typed()
        return Or([Boost(self.typed_phrases(), 10.0), self.query()])

    def typed_phrases(self):
        """Each unit as typed (a phrase of the vocabulary as a phrase), all of them: one of the
        alternatives `query()` allows for every unit, so it matches some of its matches."""
        return self._joined([_phrase_query(unit[0]) for unit in self.units])


def _phrase_query(words):
    return PlainText(words[0]) if len(words) == 1 else Phrase(" ".join(words))


def _any_of(unit):
    queries = [_phrase_query(words) for words in unit]
    return queries[0] if len(queries) == 1 else Or(queries)


def _all_of(queries):
    return queries[0] if len(queries) == 1 else And(queries)


def _either(queries):
    return queries[0] if len(queries) == 1 else Or(queries)


def family_query(text, version=None, places=()):
    """The Wagtail search query for a family's text (for callers searching the backend
    directly: the guide's site search); None when the text has no words."""
    return FamilyText.read(text, vocabulary(version, places)).query()


class FamilyWords:
    """A text search adapter (search/text.py) asked in families' words: each method takes the
    family's text and hands the backend its query."""

    def __init__(self, text_search, version=None, places=(), some_words=False):
        self.text_search = text_search
        self.version = version
        self.places = places  # whose officers' words are used besides the national ones
        self.some_words = some_words  # any of the words, not all (FamilyText)

    def read(self, text):
        return FamilyText.read(text, vocabulary(self.version, self.places), self.some_words)

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
