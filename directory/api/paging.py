"""Pages and streams of the ORUK API's lists.

- Paging: each list is ordered (by name, then id), so pages are stable; a page says where it
  sits (`total_items`, `total_pages`, `first_page`, `last_page`...), as the standard's page
  schema asks.
- `minimal=true` and `format=ndjson` stream every result, in chunks of STREAM_CHUNK objects,
  never holding the whole directory in memory.
"""

import json
import math

from django.http import StreamingHttpResponse

STREAM_CHUNK = 200


def page_of(total, page, per_page, contents):
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def stream(lines, content_type):
    return StreamingHttpResponse(lines, content_type=content_type)


def ndjson(objects):
    """One JSON object a line."""
    for item in objects:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def stream_ndjson(objects):
    return stream(ndjson(objects), "application/x-ndjson")


def one_page_stream(total, items):
    """One JSON page holding every item, written as it is read."""
    head = page_of(total, 1, max(total, 1), [None] if total else [])
    head.pop("contents")
    head["size"] = total
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "contents": ['
    first = True
    for item in items:
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}"


def in_chunks(items, size=None):
    """Lists of at most `size` (STREAM_CHUNK) items from any iterable, read as they come."""
    size = size or STREAM_CHUNK
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
