"""Explain each glossary term where it first appears on a page.

The first use of a term in the page's text becomes `<dfn>` with its short explanation in brackets
straight after it, so a reader (or a screen reader) meets the meaning in place, without
JavaScript. Later uses are left alone. Headings, links, questions' summaries, citations and
letters are never changed.
"""

import re
from html import escape

TAG = re.compile(r"(<[^>]+>)")
# Inside these elements text is left as it is.
PROTECTED = {"a", "h1", "h2", "h3", "h4", "summary", "cite", "pre", "dfn", "button", "label"}
OPEN_OR_CLOSE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


def is_acronym(spelling):
    return sum(c.isupper() for c in spelling) >= 2


def build_pattern(terms):
    """One regex for all spellings of all terms, longest first so “EHC needs assessment” wins
    over “EHC”. Returns (pattern, lower-case spelling → (term, spelling))."""
    by_spelling = {}
    for term in terms:
        for spelling in term.spellings():
            by_spelling.setdefault(spelling.lower(), (term, spelling))
    if not by_spelling:
        return None, {}
    alternatives = sorted(by_spelling, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w-])",
        re.IGNORECASE,
    )
    return pattern, by_spelling


def explain_first_use(html, terms):
    pattern, by_spelling = build_pattern(terms)
    if pattern is None:
        return html, []
    explained, used = set(), []
    protected_depth = 0
    out = []
    for piece in TAG.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            match = OPEN_OR_CLOSE.match(piece)
            if match and match.group(2).lower() in PROTECTED and not piece.endswith("/>"):
                protected_depth += -1 if match.group(1) else 1
                protected_depth = max(protected_depth, 0)
            out.append(piece)
            continue
        if protected_depth:
            out.append(piece)
            continue

        def replace(found):
            text = found.group(1)
            term, spelling = by_spelling[text.lower()]
            # Acronyms match only in capitals: “SEND” is a term, “send” is a verb.
            if term.pk in explained or (is_acronym(spelling) and text != spelling):
                return found.group(0)
            explained.add(term.pk)
            used.append(term)
            dfn = f'<dfn class="glossary-term" id="first-{term.slug}">{text}</dfn>'
            explanation = escape(term.short_explanation)
            return f'{dfn} <span class="glossary-explanation">({explanation})</span>'

        out.append(pattern.sub(replace, piece))
    return "".join(out), used
