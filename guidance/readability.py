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
# Not the page's own content: code, and what every page carries around it. Navigation (the
# "On this page" and "More in this guide" lists) and forms (the feedback form) are left out, and
# so is anything marked no-print, which the print stylesheet drops for the same reason (the
# feedback box's heading sits outside its form).
UNREAD = {"script", "style", "template", "noscript", "nav", "form"}
UNREAD_CLASS = "no-print"
# Elements with no end tag: they never open a level to close.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _MainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        # The element being left out, and how many of its kind are open: counting only its own
        # tag keeps the count right when children leave their end tags out (<li>, <p>).
        self.unread_tag = None
        self.unread_depth = 0
        self.chunks = [""]

    def handle_starttag(self, tag, attrs):
        if self.unread_depth:
            if tag == self.unread_tag:
                self.unread_depth += 1
            return
        if tag == "main":
            self.in_main += 1
        classes = (dict(attrs).get("class") or "").split()
        if tag in UNREAD or (UNREAD_CLASS in classes and tag not in VOID):
            self.unread_tag = tag
            self.unread_depth = 1
            self.chunks.append("")
            return
        if tag in BREAKS:
            self.chunks.append("")

    def handle_startendtag(self, tag, attrs):
        # <br/> and the like: a line break, never a level.
        if not self.unread_depth and tag in BREAKS:
            self.chunks.append("")

    def handle_endtag(self, tag):
        if self.unread_depth:
            if tag == self.unread_tag:
                self.unread_depth -= 1
            return
        if tag == "main":
            self.in_main -= 1
        if tag in BREAKS:
            self.chunks.append("")

    def handle_data(self, data):
        if self.in_main and not self.unread_depth:
            self.chunks[-1] += data


def main_text(html):
    """The text of a page's <main> as a family reads it, one string per paragraph, list item,
    heading, table cell or other block, in order: headings, call-outs, citations and the
    glossary's explanations included; navigation, forms, what the page prints without and code
    left out."""
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
