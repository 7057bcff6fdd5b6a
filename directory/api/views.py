"""The Open Referral UK 3.0 API: read-only, open to all, published listings only.

Every endpoint of the standard's openapi.json (vendored beside this file). The objects come from
directory/oruk/export.py; this module only selects, pages and streams them.

- Paging: `page` (from 1) and `per_page` (at most MAX_PER_PAGE); each list is ordered by name,
  then id, so pages are stable.
- A page of full services takes a fixed number of queries, whatever the page size: three for
  the cache validators, a count, the page's ids, then the settings (with their resourced
  provision's needs) and services on it.
- `minimal=true` and `format=ndjson` stream every result from a server-side cursor, in chunks,
  never holding the whole directory in memory.
- Bad parameters get a 400 with a JSON message; unknown ids a 404.
- `ETag` and `Last-Modified` come from the published listings (how many, and when one last
  changed), so aggregators can poll with `If-None-Match` / `If-Modified-Since` cheaply.
"""

import datetime
import functools
import hashlib
import json
import math
import uuid
from pathlib import Path

from django.db.models import Q
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from .. import geo
from ..models import Listing, LocalAuthority, Postcode, Service
from ..oruk import export, ids
from ..oruk.taxonomies import TAXONOMIES, TAXONOMIES_BY_ID, TERMS, TERMS_BY_ID, taxonomy_filter

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
STREAM_CHUNK = 200
MAX_PROXIMITY_METRES = 200_000
OPENAPI_FILE = Path(__file__).with_name("openapi.json")


class BadParameter(Exception):
    pass


class NotFound(Exception):
    pass


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _error(status, message):
    return JsonResponse({"status": status, "message": message}, status=status)


def endpoint(view):
    """GET only, JSON errors, CORS, and conditional requests on the directory's state."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        try:
            state = _state(request)
            if _not_modified(request, state):
                response = HttpResponse(status=304)
            else:
                response = view(request, *args, **kwargs)
        except BadParameter as error:
            return _cors(_error(400, str(error)))
        except NotFound as error:
            return _cors(_error(404, str(error)))
        response["ETag"] = state["etag"]
        if state["last_modified"]:
            response["Last-Modified"] = http_date(state["last_modified"].timestamp())
        response["Cache-Control"] = "public, max-age=60"
        return _cors(response)

    return wrapper


def _state(request):
    """What the responses depend on: the published listings' count and the last time one
    changed (three indexed queries). The ETag adds the request's path and parameters."""
    live = Listing.objects.filter(live=True)
    count = live.count()
    moments = [
        # Each the first row of an index on (live, column), not a scan.
        live.filter(**{f"{column}__isnull": False})
        .order_by(f"-{column}")
        .values_list(column, flat=True)
        .first()
        for column in ("last_published_at", "updated_at")
    ]
    moments = [moment for moment in moments if moment]
    last = max(moments) if moments else None
    seed = f"{count}|{last and last.isoformat()}|{request.get_full_path()}"
    etag = quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])
    return {"etag": etag, "last_modified": last}


def _not_modified(request, state):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return state["etag"] in tags or "*" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and state["last_modified"]:
        return int(state["last_modified"].timestamp()) <= since
    return False


# --- Parameters --------------------------------------------------------------------------------


def _int_param(request, name, default, low, high=None, clamp=False):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a whole number, not {raw[:40]!r}.") from None
    if value < low:
        raise BadParameter(f"{name} must be at least {low}.")
    if high is not None and value > high:
        if clamp:
            return high
        raise BadParameter(f"{name} must be at most {high}.")
    return value


def _bool_param(request, name):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return False
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise BadParameter(f"{name} must be true or false, not {raw[:40]!r}.")


def _uuid_param(request, name):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(f"{name} must be a UUID, not {raw[:60]!r}.") from None


def _format(request):
    value = request.GET.get("format", "json") or "json"
    if value not in ("json", "ndjson"):
        raise BadParameter("format must be json or ndjson.")
    return value


def _search(request):
    text = request.GET.get("search", "").strip()
    if len(text) > 200:
        raise BadParameter("search must be at most 200 characters.")
    return text


def _modified_after(request):
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    moment = None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))
        if moment is None and parse_date(raw):
            moment = datetime.datetime.combine(parse_date(raw), datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            f"modified_after must be a date or date and time (ISO 8601), not {raw[:40]!r}."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _page_params(request):
    page = _int_param(request, "page", 1, low=1, high=10_000_000)
    per_page = _int_param(
        request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE, clamp=True
    )
    return page, per_page


def _page(total, page, per_page, contents):
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


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _exporter(request):
    return export.Exporter(request.build_absolute_uri("/"))


# --- Listings ----------------------------------------------------------------------------------


def _listings(request):
    """Published listings with the parameters shared by /services and /service_at_locations."""
    listings = Listing.objects.filter(live=True)
    search = _search(request)
    if search:
        listings = listings.filter(
            Q(name__icontains=search)
            | Q(summary__icontains=search)
            | Q(description__icontains=search)
        )
    term_id = _uuid_param(request, "taxonomy_term_id")
    if term_id:
        term = TERMS_BY_ID.get(term_id)
        listings = listings.filter(term.filter()) if term else listings.none()
    taxonomy_id = _uuid_param(request, "taxonomy_id")
    if taxonomy_id:
        taxonomy = TAXONOMIES_BY_ID.get(taxonomy_id)
        listings = listings.filter(taxonomy_filter(taxonomy)) if taxonomy else listings.none()
    organization_id = _uuid_param(request, "organization_id")
    if organization_id:
        listings = listings.filter(_organization_filter(organization_id))
    after = _modified_after(request)
    if after:
        listings = listings.filter(last_published_at__gte=after)
    return listings


def _organization_filter(organization_id):
    """The listings of one organization: a setting (its own), a provider or an authority."""
    setting_id = ids.derived_id(organization_id, ids.ORGANIZATION_MASK)
    matches = Q(kind="setting", oruk_id=setting_id)
    provider = _provider_named(organization_id)
    if provider is not None:
        services = Service.objects.filter(live=True, provider__in=provider[1])
        matches |= Q(pk__in=services.values("pk"))
    for authority in LocalAuthority.objects.only("code"):
        if ids.authority_organization_id(authority.code) == organization_id:
            matches |= Q(
                pk__in=Service.objects.filter(authority=authority, provider="").values("pk")
            )
    return matches


def _providers():
    """{casefolded name: (name, [spellings])} of the providers of published services: one
    organization however its name was spaced or capitalised."""
    found = {}
    live = Service.objects.filter(live=True).exclude(provider="")
    for provider in live.values_list("provider", flat=True).distinct():
        name = " ".join(provider.split())
        found.setdefault(name.casefold(), (name, []))[1].append(provider)
    return found


def _provider_named(organization_id):
    """(name, spellings) of the provider with this organization id, or None."""
    for name, spellings in _providers().values():
        if ids.provider_organization_id(name) == organization_id:
            return name, spellings
    return None


def _ordered_ids(listings, page, per_page):
    start = (page - 1) * per_page
    return list(
        listings.order_by("name", "pk").values_list("pk", flat=True)[start : start + per_page]
    )


def _in_order(ids):
    found = export.load_listings(ids)
    return [found[pk] for pk in ids if pk in found]


def _stream(lines, content_type):
    response = StreamingHttpResponse(lines, content_type=content_type)
    return response


def _chunks(listings):
    """The listings in pages of STREAM_CHUNK, loaded for export, from one cursor over ids."""
    ids = listings.order_by("name", "pk").values_list("pk", flat=True).iterator(chunk_size=2000)
    chunk = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == STREAM_CHUNK:
            yield _in_order(chunk)
            chunk = []
    if chunk:
        yield _in_order(chunk)


def _ndjson(objects):
    for item in objects:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def _stream_page(total, items):
    """One JSON page holding every item, written as it is read."""
    head = _page(total, 1, max(total, 1), [None] if total else [])
    head.pop("contents")
    head["size"] = total
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "contents": ['
    first = True
    for item in items:
        yield ("" if first else ",") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "]}"


@endpoint
def api_details(request):
    return _json(
        {
            "version": export.VERSION,
            "profile": export.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@endpoint
def openapi(request):
    spec = json.loads(OPENAPI_FILE.read_text())
    spec["info"].update(
        {
            "title": "Local Offer directory: Open Referral UK 3.0",
            "summary": "Every published school, setting and service in this Local Offer.",
            "contact": {"name": "Local Offer team", "url": request.build_absolute_uri("/")},
        }
    )
    spec["servers"] = [{"url": request.build_absolute_uri(reverse("oruk:api_details"))}]
    return _json(spec)


@endpoint
def services(request):
    listings = _listings(request)
    full = _bool_param(request, "full")
    minimal = _bool_param(request, "minimal")
    exporter = _exporter(request)
    if _format(request) == "ndjson":
        objects = (
            exporter.service_json(item, full=full) for chunk in _chunks(listings) for item in chunk
        )
        return _stream(_ndjson(objects), "application/x-ndjson")
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
        return _stream(_stream_page(total, items), "application/json")
    page, per_page = _page_params(request)
    total = listings.count()
    items = _in_order(_ordered_ids(listings, page, per_page))
    contents = [exporter.service_json(item, full=full) for item in items]
    return _json(_page(total, page, per_page, contents))


def _listing_by(oruk_id, what):
    try:
        oruk_id = uuid.UUID(str(oruk_id))
    except ValueError:
        raise NotFound(f"No {what} has the id {str(oruk_id)[:60]!r}.") from None
    # No ordering: `first()` would sort by name, and SQLite would scan the name index.
    matches = Listing.objects.filter(live=True, oruk_id=oruk_id).order_by()
    pk = next(iter(matches.values_list("pk", flat=True)[:1]), None)
    found = export.load_listings([pk]) if pk else {}
    if pk not in found:
        raise NotFound(f"No published {what} has the id {oruk_id}.")
    return found[pk]


@endpoint
def service(request, id):
    return _json(_exporter(request).service_json(_listing_by(id, "service"), full=True))


# --- Service at locations ----------------------------------------------------------------------

HAS_LOCATION = Q(latitude__isnull=False, longitude__isnull=False) | (
    ~Q(address_1="") & ~Q(town="") & ~Q(postcode="")
)


def _near(request, listings):
    """With `postcode`: the located listings by distance from it, within `proximity` metres if
    given. Returns (queryset, ids in order) or (queryset, None) without a postcode."""
    raw = request.GET.get("postcode", "").strip()
    proximity = _int_param(request, "proximity", None, low=1, high=MAX_PROXIMITY_METRES)
    if not raw:
        if proximity is not None:
            raise BadParameter("proximity needs a postcode.")
        return listings, None
    postcode = geo.normalise_postcode(raw)
    outward = geo.normalise_outward_code(raw)
    if postcode:
        point = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude")
        point = point.first()
    elif outward:
        rows = list(Postcode.objects.filter(outward=outward).values_list("latitude", "longitude"))
        point = (
            (sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows))
            if rows
            else None
        )
    else:
        raise BadParameter(f"postcode {raw[:20]!r} is not a UK postcode.")
    if point is None:
        raise BadParameter(f"postcode {raw[:20]!r} is not in this directory's postcode table.")
    latitude, longitude = point
    located = listings.filter(latitude__isnull=False, longitude__isnull=False)
    if proximity is not None:
        km = proximity / 1000
        dlat = km / 111.0
        dlon = km / (111.320 * max(0.01, math.cos(math.radians(latitude))))
        located = located.filter(
            latitude__range=(latitude - dlat, latitude + dlat),
            longitude__range=(longitude - dlon, longitude + dlon),
        )
    rows = []
    for pk, lat, lon, name in located.values_list("pk", "latitude", "longitude", "name"):
        distance = geo.distance_km(latitude, longitude, lat, lon)
        if proximity is None or distance * 1000 <= proximity:
            rows.append((distance, name, pk))
    rows.sort()
    return located, [pk for _, _, pk in rows]


@endpoint
def service_at_locations(request):
    listings = _listings(request).filter(HAS_LOCATION)
    full = _bool_param(request, "full")
    exporter = _exporter(request)
    listings, near_ids = _near(request, listings)
    if _format(request) == "ndjson":
        if near_ids is not None:
            chunks = (
                _in_order(near_ids[i : i + STREAM_CHUNK])
                for i in range(0, len(near_ids), STREAM_CHUNK)
            )
        else:
            chunks = _chunks(listings)
        objects = (
            exporter.service_at_location_json(item, with_service=True)
            for chunk in chunks
            for item in chunk
        )
        return _stream(_ndjson(objects), "application/x-ndjson")
    page, per_page = _page_params(request)
    if near_ids is not None:
        total = len(near_ids)
        start = (page - 1) * per_page
        items = _in_order(near_ids[start : start + per_page])
    else:
        total = listings.count()
        items = _in_order(_ordered_ids(listings, page, per_page))
    contents = []
    for item in items:
        sal = exporter.service_at_location_json(item, with_service=True)
        if full:
            sal["service"] = exporter.service_json(item, full=True)
        contents.append(sal)
    return _json(_page(total, page, per_page, contents))


@endpoint
def service_at_location(request, id):
    try:
        oruk_id = ids.derived_id(id, ids.SERVICE_AT_LOCATION_MASK)
    except ValueError:
        raise NotFound(f"No service_at_location has the id {str(id)[:60]!r}.") from None
    listing = _listing_by(oruk_id, "service_at_location")
    exporter = _exporter(request)
    sal = exporter.service_at_location_json(listing)
    if sal is None:
        raise NotFound(f"No published service_at_location has the id {id}.")
    sal["service"] = exporter.service_json(listing, full=True)
    return _json(sal)


# --- Organizations -----------------------------------------------------------------------------


def _organization_rows(request):
    """Every organization: the providers' and authorities' sorted by name, as (name, key) where
    key is ("provider", name, spellings) or ("authority", code, name); then the settings, read
    from the database page by page (a queryset). Providers and authorities are a few thousand
    at most, so they are listed whole."""
    search = _search(request).casefold()
    live_services = Service.objects.filter(live=True)
    codes = set(live_services.filter(provider="").values_list("authority__code", flat=True))
    authorities = LocalAuthority.objects.filter(code__in=codes).values_list("code", "name")
    others = [(name, ("provider", name, spellings)) for name, spellings in _providers().values()]
    others += [(name, ("authority", code, name)) for code, name in authorities]
    if search:
        others = [row for row in others if search in row[0].casefold()]
    others.sort(key=lambda row: (row[0].casefold(), row[1][:2]))
    settings = Listing.objects.filter(live=True, kind="setting")
    if search:
        settings = settings.filter(name__icontains=search)
    return others, settings


def _organization_objects(keys, exporter, full, full_service):
    """Organization objects for the keys of _organization_rows (and ("setting", pk)), with
    their services (ids and names, or in full with full_service)."""
    wanted = Q(pk__in=[])
    if full or full_service:
        for key in keys:
            if key[0] == "provider":
                wanted |= Q(provider__in=key[2])
            elif key[0] == "authority":
                wanted |= Q(provider="", authority__code=key[1])
    service_pks = list(
        Service.objects.filter(live=True).filter(wanted).values_list("pk", flat=True)
    )
    setting_pks = [key[1] for key in keys if key[0] == "setting"]
    found = export.load_listings(setting_pks + service_pks)
    services_of = {}
    services = sorted(
        (found[pk] for pk in service_pks if pk in found), key=lambda s: (s.name, s.pk)
    )
    for service in services:
        key = ("provider", " ".join(service.provider.split()).casefold())
        if not service.provider.strip():
            key = ("authority", service.authority.code)
        services_of.setdefault(key, []).append(service)
    objects = []
    for key in keys:
        if key[0] == "setting":
            if key[1] not in found:
                continue
            listing = found[key[1]]
            data = exporter.organization_json(listing, full=True)
            own = [listing]
        elif key[0] == "provider":
            data = export.provider_organization_json(key[1])
            own = services_of.get(("provider", key[1].casefold()), [])
        else:
            data = export.authority_organization_json(key[1], key[2])
            own = services_of.get(("authority", key[1]), [])
        if full or full_service:
            data["services"] = [exporter.service_json(s, full=full_service) for s in own]
        objects.append(data)
    return objects


@endpoint
def organizations(request):
    full = _bool_param(request, "full")
    full_service = _bool_param(request, "full_service")
    exporter = _exporter(request)
    others, settings = _organization_rows(request)
    settings = settings.order_by("name", "pk")
    if _format(request) == "ndjson":

        def lines():
            for start in range(0, len(others), STREAM_CHUNK):
                keys = [key for _, key in others[start : start + STREAM_CHUNK]]
                yield from _ndjson(_organization_objects(keys, exporter, full, full_service))
            chunk = []
            for pk in settings.values_list("pk", flat=True).iterator(chunk_size=2000):
                chunk.append(("setting", pk))
                if len(chunk) == STREAM_CHUNK:
                    yield from _ndjson(_organization_objects(chunk, exporter, full, full_service))
                    chunk = []
            yield from _ndjson(_organization_objects(chunk, exporter, full, full_service))

        return _stream(lines(), "application/x-ndjson")
    page, per_page = _page_params(request)
    total = len(others) + settings.count()
    start = (page - 1) * per_page
    keys = [key for _, key in others[start : start + per_page]]
    if len(keys) < per_page:
        offset = max(0, start - len(others))
        pks = settings.values_list("pk", flat=True)[offset : offset + per_page - len(keys)]
        keys += [("setting", pk) for pk in pks]
    contents = _organization_objects(keys, exporter, full, full_service)
    if not full:
        contents = [
            {k: v for k, v in item.items() if k not in ("organization_identifiers", "services")}
            for item in contents
        ]
    return _json(_page(total, page, per_page, contents))


@endpoint
def organization(request, id):
    try:
        organization_id = str(uuid.UUID(str(id)))
    except ValueError:
        raise NotFound(f"No organization has the id {str(id)[:60]!r}.") from None
    full_service = _bool_param(request, "full_service")
    setting_id = ids.derived_id(organization_id, ids.ORGANIZATION_MASK)
    matches = Listing.objects.filter(live=True, kind="setting", oruk_id=setting_id).order_by()
    pk = next(iter(matches.values_list("pk", flat=True)[:1]), None)
    key = ("setting", pk) if pk else None
    if key is None:
        provider = _provider_named(organization_id)
        key = ("provider", *provider) if provider is not None else None
    if key is None:
        codes = Service.objects.filter(live=True, provider="").values_list("authority__code")
        codes = {code for (code,) in codes}
        for code, name in LocalAuthority.objects.filter(code__in=codes).values_list("code", "name"):
            if ids.authority_organization_id(code) == organization_id:
                key = ("authority", code, name)
    if key is None:
        raise NotFound(f"No organization with published services has the id {organization_id}.")
    (data,) = _organization_objects([key], _exporter(request), True, full_service)
    return _json(data)


# --- Taxonomies --------------------------------------------------------------------------------


def _static_page(request, items):
    search = _search(request).casefold()
    if search:
        items = [
            item
            for item in items
            if search in item["name"].casefold() or search in item["description"].casefold()
        ]
    if _format(request) == "ndjson":
        return _stream(_ndjson(items), "application/x-ndjson")
    page, per_page = _page_params(request)
    start = (page - 1) * per_page
    return _json(_page(len(items), page, per_page, items[start : start + per_page]))


@endpoint
def taxonomies(request):
    return _static_page(request, [export.taxonomy_json(t) for t in TAXONOMIES])


@endpoint
def taxonomy(request, id):
    found = TAXONOMIES_BY_ID.get(str(id))
    if found is None:
        raise NotFound(f"No taxonomy has the id {str(id)[:60]!r}.")
    return _json(export.taxonomy_json(found, with_terms=True))


@endpoint
def taxonomy_terms(request):
    terms = TERMS
    taxonomy_id = _uuid_param(request, "taxonomy_id")
    if taxonomy_id:
        terms = [t for t in terms if t.taxonomy.id == taxonomy_id]
    parent_id = _uuid_param(request, "parent_id")
    if parent_id:
        terms = [t for t in terms if t.parent_id == parent_id]
    if _bool_param(request, "top_only"):
        terms = [t for t in terms if t.parent_id is None]
    return _static_page(request, [export.term_json(t) for t in terms])


@endpoint
def taxonomy_term(request, id):
    found = TERMS_BY_ID.get(str(id))
    if found is None:
        raise NotFound(f"No taxonomy term has the id {str(id)[:60]!r}.")
    return _json(export.term_json(found))
