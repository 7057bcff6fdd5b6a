"""“On this page”: a guide page's section headings, each with an id to link to.

Each block says which section headings it renders (`toc_items`, beside `reading_text`), so the
list holds real sections only: a text block's own headings, a list of steps, questions, who can
help, a letter. Call-outs such as “What the law says” belong to the section they sit in and are
left out.
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.text import slugify


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


def headings_by_block(stream_value):
    """For each block of the stream, in order, its section headings with ids unique on the
    page (a repeated heading gets -2, -3...)."""
    used, by_block = set(), []
    for child in stream_value:
        headings = []
        for text in getattr(child.block, "toc_items", lambda value: [])(child.value):
            text = " ".join(text.split())
            base = slugify(text)[:60] or "section"
            heading_id, n = base, 2
            while heading_id in used:
                heading_id, n = f"{base}-{n}", n + 1
            used.add(heading_id)
            headings.append(Heading(heading_id, text))
        by_block.append(headings)
    return by_block


def render_with_headings(stream_value, context):
    """Render a guide page's body as Wagtail would, giving each block its headings' ids.
    Returns (html, every heading in order)."""
    by_block = headings_by_block(stream_value)
    html = format_html_join(
        "\n",
        '<div class="w-block-{1} block-{1}">{0}</div>',
        [
            (child.render(context={**context, "headings": headings}), child.block_type)
            for child, headings in zip(stream_value, by_block, strict=True)
        ],
    )
    return html, [heading for headings in by_block for heading in headings]


H2_OPEN = re.compile(r"<h2(?=[\s>])")


def add_ids_to_h2s(html, headings):
    """Give the <h2>s of one block's own rich text the ids worked out for it, in order."""
    ids = iter(headings)

    def add(match):
        heading = next(ids, None)
        return f'<h2 id="{heading.id}"' if heading else match.group(0)

    return H2_OPEN.sub(add, html)
