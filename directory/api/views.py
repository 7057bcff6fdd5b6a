"""The Open Referral UK 3.0 API: read-only, open to all, published listings only.

Every endpoint of the standard's openapi.json (vendored beside this file), one view each. The
objects come from directory/oruk/export.py; whose listings from feeds.py (each authority's site
has its own feed); which listings from listings.py; the HTTP (CORS, errors, conditional
requests) from http.py; parameters from parameters.py; pages and streams from paging.py; the
description it serves from openapi.py, and its page for developers from docs.py.

- A page of full services takes a fixed number of queries, whatever the page size: at most two
  for whose feed it is (the site that answered, its authority), three for the cache
  validators, a count, the page's ids, then the settings (with their resourced provision's
  needs) and services on it.
- Bad parameters get a 400 with a JSON message; unknown ids a 404.
"""

import uuid

from django.urls import reverse

from ..oruk import export
from ..oruk.ids import SERVICE_AT_LOCATION_MASK, derived_id
from ..oruk.taxonomies import TAXONOMIES, TAXONOMIES_BY_ID, TERMS, TERMS_BY_ID
from . import listings as selected
from . import paging
from .errors import NotFound
from .feeds import feed_for
from .http import endpoint, json_response
from .openapi import described
from .paging import one_page_stream, page_of, stream, stream_ndjson
from .parameters import bool_param, output_format, page_params, search_text, uuid_param


def _exporter(request):
    return export.Exporter(request.build_absolute_uri("/"))


@endpoint
def api_details(request):
    return json_response(
        {
            "version": export.VERSION,
            "profile": export.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@endpoint
def openapi(request):
    return json_response(described(request))


# --- Services ----------------------------------------------------------------------------------


@endpoint
def services(request):
    listings = selected.published_listings(request)
    full = bool_param(request, "full")
    minimal = bool_param(request, "minimal")
    exporter = _exporter(request)
    if output_format(request) == "ndjson":
        chunks = selected.loaded_in_chunks(listings)
        return stream_ndjson(exporter.service_json(item, full=full) for c in chunks for item in c)
    if minimal:
        total = listings.count()
        rows = listings.order_by("name", "pk").values_list(
            "oruk_id", "name", "last_published_at", "updated_at"
        )
        items = (
            {
                "id": str(oruk_id),
                "name": name,
                "status": "active",
                "last_modified": export.json_datetime(published or updated),
            }
            for oruk_id, name, published, updated in rows.iterator(chunk_size=2000)
        )
        return stream(one_page_stream(total, items), "application/json")
    page, per_page = page_params(request)
    total = listings.count()
    items = selected.in_order(selected.page_ids(listings, page, per_page))
    contents = [exporter.service_json(item, full=full) for item in items]
    return json_response(page_of(total, page, per_page, contents))


@endpoint
def service(request, id):
    listing = selected.listing_by(id, "service", feed_for(request))
    return json_response(_exporter(request).service_json(listing, full=True))


# --- Service at locations ----------------------------------------------------------------------


@endpoint
def service_at_locations(request):
    listings = selected.published_listings(request).filter(selected.HAS_LOCATION)
    full = bool_param(request, "full")
    exporter = _exporter(request)
    listings, near_ids = selected.near(request, listings)
    if output_format(request) == "ndjson":
        if near_ids is not None:
            chunks = (selected.in_order(ids) for ids in paging.in_chunks(near_ids))
        else:
            chunks = selected.loaded_in_chunks(listings)
        return stream_ndjson(
            exporter.service_at_location_json(item, with_service=True)
            for chunk in chunks
            for item in chunk
        )
    page, per_page = page_params(request)
    if near_ids is not None:
        total = len(near_ids)
        start = (page - 1) * per_page
        items = selected.in_order(near_ids[start : start + per_page])
    else:
        total = listings.count()
        items = selected.in_order(selected.page_ids(listings, page, per_page))
    contents = []
    for item in items:
        sal = exporter.service_at_location_json(item, with_service=True)
        if full:
            sal["service"] = exporter.service_json(item, full=True)
        contents.append(sal)
    return json_response(page_of(total, page, per_page, contents))


@endpoint
def service_at_location(request, id):
    try:
        oruk_id = derived_id(id, SERVICE_AT_LOCATION_MASK)
    except ValueError:
        raise NotFound(f"No service_at_location has the id {str(id)[:60]!r}.") from None
    listing = selected.listing_by(oruk_id, "service_at_location", feed_for(request))
    exporter = _exporter(request)
    sal = exporter.service_at_location_json(listing)
    if sal is None:
        raise NotFound(f"No published service_at_location has the id {id}.")
    sal["service"] = exporter.service_json(listing, full=True)
    return json_response(sal)


# --- Organizations -----------------------------------------------------------------------------


@endpoint
def organizations(request):
    full = bool_param(request, "full")
    full_service = bool_param(request, "full_service")
    exporter = _exporter(request)
    others, settings = selected.organization_rows(request)
    settings = settings.order_by("name", "pk")

    feed = feed_for(request)

    def objects(keys):
        return selected.organization_objects(keys, exporter, full, full_service, feed)

    if output_format(request) == "ndjson":

        def lines():
            for rows in paging.in_chunks(others):
                yield from paging.ndjson(objects([key for _, key in rows]))
            pks = settings.values_list("pk", flat=True).iterator(chunk_size=2000)
            for chunk in paging.in_chunks(pks):
                yield from paging.ndjson(objects([("setting", pk) for pk in chunk]))

        return stream(lines(), "application/x-ndjson")
    page, per_page = page_params(request)
    total = len(others) + settings.count()
    start = (page - 1) * per_page
    keys = [key for _, key in others[start : start + per_page]]
    if len(keys) < per_page:
        offset = max(0, start - len(others))
        pks = settings.values_list("pk", flat=True)[offset : offset + per_page - len(keys)]
        keys += [("setting", pk) for pk in pks]
    contents = objects(keys)
    if not full:
        contents = [
            {k: v for k, v in item.items() if k not in ("organization_identifiers", "services")}
            for item in contents
        ]
    return json_response(page_of(total, page, per_page, contents))


@endpoint
def organization(request, id):
    try:
        organization_id = str(uuid.UUID(str(id)))
    except ValueError:
        raise NotFound(f"No organization has the id {str(id)[:60]!r}.") from None
    full_service = bool_param(request, "full_service")
    feed = feed_for(request)
    key = selected.organization_key(organization_id, feed)
    if key is None:
        raise NotFound(f"No organization with published services has the id {organization_id}.")
    exporter = _exporter(request)
    (data,) = selected.organization_objects([key], exporter, True, full_service, feed)
    return json_response(data)


# --- Taxonomies --------------------------------------------------------------------------------


def _static_page(request, items):
    """A list that is the same for every directory (taxonomies and their terms), searched and
    paged in memory."""
    search = search_text(request).casefold()
    if search:
        items = [
            item
            for item in items
            if search in item["name"].casefold() or search in item["description"].casefold()
        ]
    if output_format(request) == "ndjson":
        return stream_ndjson(items)
    page, per_page = page_params(request)
    start = (page - 1) * per_page
    return json_response(page_of(len(items), page, per_page, items[start : start + per_page]))


@endpoint
def taxonomies(request):
    return _static_page(request, [export.taxonomy_json(t) for t in TAXONOMIES])


@endpoint
def taxonomy(request, id):
    found = TAXONOMIES_BY_ID.get(str(id))
    if found is None:
        raise NotFound(f"No taxonomy has the id {str(id)[:60]!r}.")
    return json_response(export.taxonomy_json(found, with_terms=True))


@endpoint
def taxonomy_terms(request):
    terms = TERMS
    taxonomy_id = uuid_param(request, "taxonomy_id")
    if taxonomy_id:
        terms = [t for t in terms if t.taxonomy.id == taxonomy_id]
    parent_id = uuid_param(request, "parent_id")
    if parent_id:
        terms = [t for t in terms if t.parent_id == parent_id]
    if bool_param(request, "top_only"):
        terms = [t for t in terms if t.parent_id is None]
    return _static_page(request, [export.term_json(t) for t in terms])


@endpoint
def taxonomy_term(request, id):
    found = TERMS_BY_ID.get(str(id))
    if found is None:
        raise NotFound(f"No taxonomy term has the id {str(id)[:60]!r}.")
    return json_response(export.term_json(found))
