"""How hard a guide page is to read: the one definition of the plain-English target.

Flesch-Kincaid grade is a US school grade; add 5 for a reading age. Grade 6 is a reading age of
about 11, the upper end of our target of 9–11 (GOV.UK aims at 9). textstat 0.7.3 counts syllables
with pyphen, offline; later versions download a dictionary at run time.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import textstat

# The guide's target, measured on what a family reads in a page's <main>: at least
# TARGET_SHARE of pages at TARGET_GRADE or below, and none above MAX_GRADE.
TARGET_GRADE = 6
MAX_GRADE = 8
TARGET_SHARE = 0.8
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


# Elements that end a line of text: a paragraph, list item, heading, summary, cell...
BREAKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "summary",
    "dt",
    "dd",
    "div",
    "section",
    "nav",
    "ul",
    "ol",
    "pre",
    "br",
    "tr",
    "td",
    "th",
    "label",
    "button",
    "legend",
    "details",
    "blockquote",
    "figcaption",
    "header",
    "footer",
    "article",
    "aside",
    "form",
    "fieldset",
}
# Not text a family reads: code. Everything else in <main> counts, navigation lists and the
# feedback form included, because a family meets them on the page.
UNREAD = {"script", "style", "template", "noscript"}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.unread = 0
        self.chunks = [""]

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag in UNREAD:
            self.unread += 1
        if tag in BREAKS:
            self.chunks.append("")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag in UNREAD:
            self.unread = max(self.unread - 1, 0)
        if tag in BREAKS:
            self.chunks.append("")

    def handle_data(self, data):
        if self.in_main and not self.unread:
            self.chunks[-1] += data


def main_text(html):
    """The text of a page's <main> as a family reads it, one string per paragraph, list item,
    heading or other block, in order: headings, call-outs, citations, the glossary's brackets
    letters, navigation lists and the feedback form included (only code is left out)."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


def guide_meets_target(grades):
    """Whether a guide's page grades ({page: grade}) meet the target, and what falls short."""
    too_hard = {page: grade for page, grade in grades.items() if grade > MAX_GRADE}
    plain = [page for page, grade in grades.items() if grade <= TARGET_GRADE]
    problems = []
    if too_hard:
        problems.append(f"above grade {MAX_GRADE}: {too_hard}")
    if grades and len(plain) < TARGET_SHARE * len(grades):
        problems.append(
            f"only {len(plain)} of {len(grades)} pages at grade {TARGET_GRADE} or below "
            f"(the target is {TARGET_SHARE:.0%})"
        )
    return not problems, "; ".join(problems)
