"""How hard a guide page is to read: the one definition of the plain-English target.

Flesch-Kincaid grade is a US school grade; add 5 for a reading age. Grade 6 is a reading age of
about 11, the upper end of our target of 9–11 (GOV.UK aims at 9). textstat 0.7.3 counts syllables
with pyphen, offline; later versions download a dictionary at run time.
"""

import re
from dataclasses import dataclass, field

import textstat

TARGET_GRADE = 6
LONGEST_SENTENCES_SHOWN = 3

# A sentence ends at . ! ? followed by a space, or at a line end (list items, headings).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[A-Za-z0-9’']+")


@dataclass
class Readability:
    grade: float
    reading_ease: float
    words: int
    sentences: int
    longest_sentences: list = field(default_factory=list)

    @property
    def reading_age(self):
        return round(self.grade + 5)

    @property
    def too_hard(self):
        return self.grade > TARGET_GRADE

    @property
    def ease_label(self):
        # Flesch's own bands.
        for floor, label in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain")):
            if self.reading_ease >= floor:
                return label
        if self.reading_ease >= 50:
            return "fairly difficult"
        return "difficult" if self.reading_ease >= 30 else "very difficult"


def split_sentences(texts):
    sentences = []
    for text in texts:
        for part in SENTENCE_END.split(text):
            part = " ".join(part.split())
            if WORD.search(part):
                sentences.append(part)
    return sentences


def measure(texts):
    """Readability of a list of text chunks (paragraphs, list items, headings), or None if empty."""
    sentences = split_sentences(texts)
    if not sentences:
        return None
    # Every chunk ends with a full stop so textstat counts list items and headings as sentences.
    joined = " ".join(s if s[-1] in ".!?" else f"{s}." for s in sentences)
    by_length = sorted(sentences, key=lambda s: len(WORD.findall(s)), reverse=True)
    return Readability(
        grade=round(textstat.flesch_kincaid_grade(joined), 1),
        reading_ease=round(textstat.flesch_reading_ease(joined), 1),
        words=len(WORD.findall(joined)),
        sentences=len(sentences),
        longest_sentences=[(len(WORD.findall(s)), s) for s in by_length[:LONGEST_SENTENCES_SHOWN]],
    )
