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
# Where the sentence itself says what the term means ("An EHC needs assessment is when the
# council looks in detail...", "...a plan called an EHC plan"), a bracketed explanation would
# only say it twice: the term is marked as defined here (<dfn>) and not explained again.
DEFINED_AFTER = re.compile(
    r"\s*(?:\(|[—–:]|,? (?:is|are) (?:when|where|what|how|who|a|an|the|someone|somebody|"
    r"people|something|any)\b|,? means\b)",
    re.IGNORECASE,
)
DEFINED_BEFORE = re.compile(r"\b(?:called|known as|named)\s+(?:an?\s+|the\s+)?[“\"']?$", re.I)


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
            after = found.string[found.end() : found.end() + 40]
            before = found.string[max(0, found.start() - 30) : found.start()]
            if DEFINED_AFTER.match(after) or DEFINED_BEFORE.search(before):
                return dfn
            explanation = escape(term.short_explanation)
            return f'{dfn} <span class="glossary-explanation">({explanation})</span>'

        out.append(pattern.sub(replace, piece))
    return "".join(out), used
