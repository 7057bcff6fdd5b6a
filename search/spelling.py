"""Misspellings: when a family's words find nothing, correct the words that match nothing
against the words the directory holds, and search for the correction ("Showing results for
speech therapy. Search instead for speach therapy").

The words come from what families search (published listings' names, summaries, descriptions
and towns; the needs; the service categories; the vocabulary), with how often each is used. A
word is corrected only when it is unknown - not a word of the directory, nor its plural, nor
of the vocabulary - to the nearest known word by edit distance (one edit for words up to five
letters, two for longer), the most common first; a longer word can also be completed from its
start ("neuro" to "neurodevelopmental"). Never a word that matches.
"""

import re
import time
from collections import Counter

from directory.change_log import Kept
from directory.taxonomy import NEED_TYPES, ServiceCategory
from directory.vocabulary import FILLER_WORDS, words_of

from .vocabulary import EVERYWHERE, vocabulary

# Words shorter than this are never corrected ("OT", "HI": too many near neighbours).
SHORTEST_CORRECTED = 4
# A word this long or longer may be completed from its start.
SHORTEST_COMPLETED = 5
# Plural endings: a plural of a known word is known ("therapies" of "therapy"). Other endings
# are left to the search itself (a correction is tried only when it finds nothing): the rough
# stem of a misspelling ("swiming" to "swim") would pass for a known word.
PLURALS = (("ies", "y"), ("es", ""), ("s", ""))


def singulars(word):
    return [word[: -len(ending)] + instead for ending, instead in PLURALS if word.endswith(ending)]


class Lexicon:
    """The directory's words with how often each is used."""

    def __init__(self, counts):
        self.counts = counts
        self.by_length = {}
        for word in counts:
            self.by_length.setdefault(len(word), []).append(word)

    def knows(self, word):
        return word in self.counts or any(single in self.counts for single in singulars(word))

    def correction(self, word):
        """The known word nearest to `word`, or None."""
        most = 1 if len(word) <= 5 else 2
        best = None
        for length in range(len(word) - most, len(word) + most + 1):
            for candidate in self.by_length.get(length, ()):
                distance = edit_distance(word, candidate, most)
                if distance <= most:
                    key = (distance, -self.counts[candidate], candidate)
                    if best is None or key < best:
                        best = key
        if best is None and len(word) >= SHORTEST_COMPLETED:
            completions = [w for w in self.counts if w.startswith(word) and len(w) > len(word)]
            if completions:
                return max(completions, key=lambda w: (self.counts[w], -len(w)))
        return best[2] if best else None


def edit_distance(a, b, most):
    """Damerau-Levenshtein distance (adjacent letters swapped count one), or most + 1 when it
    is more than `most`."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            cost = letter != other
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > most:
            return most + 1
        previous2, previous = previous, current
    return previous[-1]


WORD = re.compile(r"[a-z]+")


def directory_words():
    """Counter of the directory's words: how often each appears in published listings, and the
    words of the needs, service categories and vocabulary (each counted once). The text is
    read in chunks and each chunk split in one pass (a row at a time took several times as
    long at national scale)."""
    from directory.models import Listing

    counts = Counter()
    rows = Listing.objects.published().values_list("name", "summary", "description", "town")
    chunk = []
    for row in rows.iterator(chunk_size=2000):
        chunk.append(" ".join(row))
        if len(chunk) == 2000:
            counts.update(WORD.findall(" ".join(chunk).lower()))
            chunk = []
    counts.update(WORD.findall(" ".join(chunk).lower()))
    extra = set()
    for need in NEED_TYPES:
        extra.update(words_of(f"{need.name} {need.keywords}"))
    for category in ServiceCategory:
        extra.update(words_of(category.label))
    extra.update(vocabulary(places=EVERYWHERE).words())
    for word in extra:
        counts[word] += 1
    return counts


# A text asking for at least this many things (a question) is searched for with any of them
# when no listing has all of them; two words are usually one thing ("holiday club"), and
# "club" alone would mislead.
SOME_WORDS_FROM = 3

# Reading the words longer than this (a national directory) is not repeated for every change.
SLOW_READ = 0.5


class KeptLexicon(Kept):
    """Read again when listings have changed, but not more often than a hundred times the time
    reading takes when that is long (about a second, so every couple of minutes, at national
    scale; a council's directory takes milliseconds and is read again at each change): a word
    new since is found by the search itself, only not offered as a correction yet."""

    name = "words of the directory, for corrections"

    def build(self, key, version):
        started = time.monotonic()
        made = Lexicon(directory_words())
        made.read_at, made.took = started, time.monotonic() - started
        return made

    def update(self, key, lexicon, version, listing_ids):
        slow = lexicon.took > SLOW_READ
        return lexicon if slow and time.monotonic() - lexicon.read_at < 100 * lexicon.took else None

    def view(self, lexicon):
        return dict(lexicon.counts)


_kept = KeptLexicon()


def lexicon(version):
    """This process's lexicon at `version`."""
    return _kept.get(version)


def corrected(text, version):
    """The family's text with each unknown word corrected, or None when nothing changes."""
    known = lexicon(version)
    words = vocabulary(version, EVERYWHERE)
    changed = False
    out = []
    for token in re.findall(r"[\w’']+|[^\w’']+", text):
        word = token.lower().replace("'", "").replace("’", "")
        if (
            re.fullmatch(r"[a-z]+", word)
            and len(word) >= SHORTEST_CORRECTED
            and word not in FILLER_WORDS
            and not known.knows(word)
            and not words.knows(word)
        ):
            fix = known.correction(word)
            if fix and fix != word:
                out.append(fix)
                changed = True
                continue
        out.append(token)
    return "".join(out).strip() if changed else None


def search_correcting(data, make_search, exact=False):
    """(the search, the words as the family typed them when they were corrected, else None).
    Words that find nothing are corrected and searched for once more; the correction is
    kept only if it finds something. `exact`: the family asked for their words as typed.
    A question of several words that still finds nothing (no listing has all of them:
    "where can my autistic son go swimming at weekends") is searched for once more with any
    of its words, and the search says so (its `some_words`)."""
    search = make_search(data)
    if not search.q or search.count():
        return search, None
    if not exact:
        fix = corrected(search.q, search.version)
        if fix:
            other = make_search({**data, "q": fix})
            if other.count():
                return other, search.q
    if search.word_count() >= SOME_WORDS_FROM:
        some = make_search({**data, "some_words": True})
        if some.count():
            return some, None
    return search, None
