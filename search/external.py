"""Exact matches from Elasticsearch / OpenSearch.

A search request returns at most `index.max_result_window` hits (10,000 by default) and, unless
asked, counts hits only up to 10,000 too. Facet counts and totals need every match, so the
matches are read in pages sorted by `pk` with `search_after` (no window limit, no scroll
context to clean up), asking for the `pk` stored field only, with `track_total_hits: true` so
that the cluster's exact total checks the pages add up. A broad word at national scale
(33,000 matches) is four requests.
"""

PAGE_SIZE = 10_000


class IncompleteMatches(RuntimeError):
    """The pages did not add up to the cluster's total (the index changed while reading)."""


def page_body(results, after=None):
    """The request body for one page of a search's matches, ids only."""
    body = results._get_es_body(for_count=True)  # the query and its filters, no sort
    body.update(
        {
            "sort": [{"pk": "asc"}],
            "size": PAGE_SIZE,
            "_source": False,
            results.fields_param_name: ["pk"],
            "track_total_hits": True,
        }
    )
    if after is not None:
        body["search_after"] = after
    return body


def all_matching_ids(results, attempts=2):
    """Every matching object's id (integers), exactly, whatever the number. Read again if the
    index changed while reading (then the pages and the total disagree)."""
    for _ in range(attempts - 1):
        try:
            return _read_all(results)
        except IncompleteMatches:
            continue
    return _read_all(results)


def _read_all(results):
    index = results.backend.get_index_for_model(results.query_compiler.queryset.model).name
    ids, after, total = [], None, None
    while True:
        response = results._backend_do_search(page_body(results, after), index=index)
        hits = response["hits"]["hits"]
        if total is None:
            total = response["hits"]["total"]["value"]
        ids.extend(int(hit["fields"]["pk"][0]) for hit in hits)
        if len(hits) < PAGE_SIZE or hits[-1]["sort"] == after:
            break
        after = hits[-1]["sort"]
    if len(ids) != total:
        raise IncompleteMatches(f"read {len(ids)} matches of {total}")
    return ids
