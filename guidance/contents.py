"""“On this page”: the section headings of a rendered guide page, each given an id to link to."""

import re

from django.utils.html import strip_tags
from django.utils.text import slugify

H2 = re.compile(r"<h2(?P<attrs>[^>]*)>(?P<text>.*?)</h2>", re.DOTALL)
ID = re.compile(r'\bid="(?P<id>[^"]+)"')


def number_headings(html):
    """Give each <h2> an id (kept if it has one) and return (html, [(id, text), ...])."""
    contents, used = [], set()

    def anchor(match):
        text = " ".join(strip_tags(match.group("text")).split())
        existing = ID.search(match.group("attrs"))
        if existing:
            heading_id = existing.group("id")
            attrs = match.group("attrs")
        else:
            base = slugify(text)[:60] or "section"
            heading_id, n = base, 2
            while heading_id in used:
                heading_id, n = f"{base}-{n}", n + 1
            attrs = f'{match.group("attrs")} id="{heading_id}"'
        used.add(heading_id)
        contents.append((heading_id, text))
        return f"<h2{attrs}>{match.group('text')}</h2>"

    return H2.sub(anchor, html), contents
