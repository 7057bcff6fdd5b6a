"""The ORUK API's page for developers, `/api/oruk/docs/`: generated from the description the
API serves (openapi.py), so the page and openapi.json cannot disagree. Server-rendered, no
scripts, on every site: an authority's site documents its own feed, the national site every
authority's."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_safe
from wagtail.models import Site

from ..models import Listing, LocalAuthority
from ..oruk import export
from ..oruk.ids import ORGANIZATION_MASK, SERVICE_AT_LOCATION_MASK, derived_id
from ..oruk.taxonomies import NEEDS, TERMS_BY_CODE
from .feeds import PARAMETER as AUTHORITY_PARAMETER
from .feeds import site_feed
from .listings import HAS_LOCATION
from .openapi import described, resolved_parameters

# Example queries for each list (beside the one with no parameters).
LIST_EXAMPLES = {
    "/services": [{"per_page": 5}, {"per_page": 5, "full": "true"}, {"search": "speech"}],
    "/service_at_locations": [{"per_page": 5}],
    "/organizations": [{"per_page": 5}],
    "/taxonomy_terms": [{"taxonomy_id": NEEDS.id, "top_only": "true"}],
}


@dataclass
class Parameter:
    name: str
    where: str  # "path" or "query"
    kind: str  # its type, and the values it takes
    required: bool
    description: str


@dataclass
class Endpoint:
    path: str
    anchor: str
    description: str
    returns: str
    schema: str
    parameters: list
    examples: list = field(default_factory=list)  # absolute URLs
    example_response: str = ""


def _kind(schema):
    schema = schema or {}
    words = [schema.get("type", "string")]
    if "enum" in schema:
        words = [" or ".join(str(value) for value in schema["enum"])]
    if "minimum" in schema and "maximum" in schema:
        words.append(f"{schema['minimum']} to {schema['maximum']:,}")
    elif "minimum" in schema:
        words.append(f"from {schema['minimum']}")
    if "default" in schema:
        words.append(f"default {schema['default']}")
    if schema.get("format"):
        words.append(schema["format"])
    return ", ".join(words)


def _returns(operation):
    response = operation.get("responses", {}).get("200", {})
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    reference = schema.get("$ref", "")
    return response.get("description", ""), reference.rsplit("/", 1)[-1].removesuffix(".json")


# The order a developer meets them in: the API itself, what it is for, then its vocabularies.
READING_ORDER = ["/", "/services", "/service_at_locations", "/organizations", "/taxonomies"]
INLINE_CODE = re.compile(r"`([^`]+)`")


def _order(path):
    """By READING_ORDER (anything else after), each list before one of its objects."""
    base = path.split("/{", 1)[0]
    rank = READING_ORDER.index(base) if base in READING_ORDER else len(READING_ORDER)
    return (rank, base, "{" in path)


def text(words):
    """The description's words as HTML, `code` in backticks as code (as OpenAPI's Markdown
    writes it); everything else escaped."""
    pieces = INLINE_CODE.split(words or "")  # every other piece is code
    pieces = [format_html("<code>{}</code>", p) if i % 2 else p for i, p in enumerate(pieces)]
    return format_html("{}" * len(pieces), *pieces)


def _example_ids(feed):
    """Real ids to try the detail endpoints with, from this site's feed (at most three
    queries): {path: id}, without the paths this feed has nothing for."""
    live = feed.listings(Listing.objects.filter(live=True)).order_by("name", "pk")
    ids = {
        "/taxonomies/{id}": NEEDS.id,
        "/taxonomy_terms/{id}": TERMS_BY_CODE[(NEEDS.key, "ASD")].id,
    }
    located = live.filter(HAS_LOCATION).values_list("oruk_id", flat=True).first()
    listing = located or live.values_list("oruk_id", flat=True).first()
    if listing:
        ids["/services/{id}"] = str(listing)
    if located:
        ids["/service_at_locations/{id}"] = str(derived_id(located, SERVICE_AT_LOCATION_MASK))
    setting = live.filter(kind="setting").values_list("oruk_id", flat=True).first()
    if setting:
        ids["/organizations/{id}"] = str(derived_id(setting, ORGANIZATION_MASK))
    return ids


def _url(server, path, params=None):
    url = server.rstrip("/") + path
    return f"{url}?{urlencode(params)}" if params else url


def endpoints(spec, server, example_ids, authority_code=None):
    """Every GET endpoint of the description, in reading order, with its parameters and
    example requests."""
    found = []
    for path in sorted(spec["paths"], key=_order):
        operation = spec["paths"][path].get("get")
        if operation is None:
            continue
        description, schema = _returns(operation)
        parameters = [
            Parameter(
                name=p["name"],
                where=p.get("in", "query"),
                kind=_kind(p.get("schema")),
                required=bool(p.get("required")),
                description=text(p.get("description", "")),
            )
            for p in resolved_parameters(spec, path)
        ]
        examples = []
        if "{id}" in path:
            if path in example_ids:
                examples.append(_url(server, path.replace("{id}", example_ids[path])))
        else:
            examples.append(_url(server, path))
            examples += [_url(server, path, params) for params in LIST_EXAMPLES.get(path, [])]
            names = {parameter.name for parameter in parameters}
            if authority_code and AUTHORITY_PARAMETER in names:
                examples.append(_url(server, path, {AUTHORITY_PARAMETER: authority_code}))
        found.append(
            Endpoint(
                path=path,
                anchor="endpoint-" + (path.strip("/").replace("/{id}", "-id") or "root"),
                # The standard's summaries are its validator's questions ("Does the ... endpoint
                # return ..."); its descriptions say what each endpoint gives.
                description=text(operation.get("description") or operation.get("summary", "")),
                returns=description,
                schema=schema,
                parameters=parameters,
                examples=examples,
            )
        )
    return found


def _feeds_by_authority(request):
    """(authority, published listings, its own site's feed or "") for every authority, by name
    (two queries)."""
    counts = dict(
        Listing.objects.filter(live=True)
        .values_list("authority_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    api = reverse("oruk:api_details")
    rows = []
    for authority in LocalAuthority.objects.select_related("site").order_by("name"):
        own = ""
        if authority.site is not None:
            own = authority.site.root_url.replace("http://", f"{request.scheme}://", 1) + api
        rows.append((authority, counts.get(authority.pk, 0), own))
    return rows


@require_safe
def docs(request):
    feed = site_feed(request)
    spec = described(request)
    server = spec["servers"][0]["url"]
    context = {
        "spec": spec,
        "about": text(spec["info"].get("description", "")),
        "server": server,
        "feed": feed,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        "parameter": AUTHORITY_PARAMETER,
        "profile_url": export.PROFILE_URL,
        "breadcrumbs": [{"title": "Find schools and services", "url": "/directory/"}],
    }
    if feed.authority is None:
        context["authorities"] = _feeds_by_authority(request)
        with_listings = [row[0].code for row in context["authorities"] if row[1]]
        example_code = with_listings[0] if with_listings else None
    else:
        national = Site.objects.filter(is_default_site=True).first()
        if national is not None:
            root = national.root_url.replace("http://", f"{request.scheme}://", 1)
            context["national_feed"] = root + reverse("oruk:api_details")
        example_code = None
    context["endpoints"] = endpoints(spec, server, _example_ids(feed), example_code)
    details = {
        "version": export.VERSION,
        "profile": export.PROFILE_URL,
        "openapi_url": context["openapi_url"],
    }
    context["root_example"] = json.dumps(details, indent=2)
    return render(request, "directory/api_docs.html", context)
