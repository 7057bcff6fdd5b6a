"""The description of this API that it serves (`/api/oruk/openapi.json`) and that its page for
developers (`/api/oruk/docs/`) is generated from: the standard's openapi.json, vendored beside
this file, with this deployment's address and what this implementation adds or limits (the
`local_authority` filter, page sizes, formats, distances)."""

import copy
import functools
import json
from pathlib import Path

from django.urls import reverse

from .feeds import PARAMETER as AUTHORITY_PARAMETER
from .listings import MAX_PROXIMITY_METRES
from .parameters import DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_SEARCH

OPENAPI_FILE = Path(__file__).with_name("openapi.json")

# The lists that hold listings, and so can be narrowed to one authority's.
AUTHORITY_LISTS = ("/services", "/service_at_locations", "/organizations")

LOCAL_AUTHORITY = {
    "name": AUTHORITY_PARAMETER,
    "in": "query",
    "required": False,
    "description": (
        "Only this local authority's listings, by its three-digit LA code (as in Get "
        "Information about Schools), for example 990. Every authority's own site has its own "
        "feed, which holds only its listings (there this parameter may only name that "
        "authority); the national site's feed holds every authority's. A code that is not "
        "three digits, or that no authority here has, is a 400 with a message."
    ),
    "schema": {"type": "string", "pattern": "^[0-9]{3}$"},
    "example": "990",
}

# What this implementation adds to the standard's words, by parameter.
PARAMETER_NOTES = {
    "search": f"Matches names, summaries and descriptions; at most {MAX_SEARCH} characters.",
    "page": "Pages count from 1.",
    "per_page": (
        f"{DEFAULT_PER_PAGE} unless given; at most {MAX_PER_PAGE} (a larger number is read as "
        f"{MAX_PER_PAGE})."
    ),
    "modified_after": "A date (2026-01-31) or a date and time (2026-01-31T09:00:00Z).",
    "proximity": f"In metres, at most {MAX_PROXIMITY_METRES:,}; needs `postcode`.",
    "postcode": "A full postcode, or its first half (NB1) for the middle of that area.",
    "taxonomy_term_id": "The id of a term from /taxonomy_terms.",
    "taxonomy_id": "The id of a taxonomy from /taxonomies.",
    "organization_id": "The id of an organization from /organizations.",
}
# What each endpoint gives here, after the standard's own description of it.
OPERATION_NOTES = {
    "/services": (
        "Each school, setting or service in the directory is one service. With `full=true` "
        "each comes in full, as from /services/{id}; with `minimal=true` every id and name "
        "comes on one streamed page."
    ),
    "/services/{id}": (
        "With its organization, location, contacts, taxonomy terms and the `send_profile` "
        "extension (the national standard's items that ORUK has no field for)."
    ),
    "/service_at_locations": (
        "Only listings with an address or a map position. With `postcode`, nearest first."
    ),
    "/organizations": (
        "A school or setting is its own organization, identified by its URN; a service belongs "
        "to its provider's organization, or to its local authority's when no provider is named."
    ),
    "/taxonomies": (
        "SEND needs, types of school and setting, SEND service categories, and the LGA's ESD "
        "service types that match them."
    ),
}
SCHEMAS = {
    "page": {"type": "integer", "minimum": 1, "default": 1},
    "per_page": {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PER_PAGE,
        "default": DEFAULT_PER_PAGE,
    },
    "format": {"type": "string", "enum": ["json", "ndjson"], "default": "json"},
    "proximity": {"type": "integer", "minimum": 1, "maximum": MAX_PROXIMITY_METRES},
}


@functools.cache
def _standard():
    return json.loads(OPENAPI_FILE.read_text())


def described(request):
    """The standard's description of the API, for this deployment (a fresh copy each time)."""
    spec = copy.deepcopy(_standard())
    spec["info"].update(
        {
            "title": "Local Offer directory: Open Referral UK 3.0",
            "summary": "Every published school, setting and service in this Local Offer.",
            "description": (
                "Read-only and open to all: no key, any origin (CORS). Each local authority's "
                "own site has its own feed; the national site's holds every authority's, and "
                f"`{AUTHORITY_PARAMETER}` narrows it to one. Lists are ordered by name and paged; "
                "`format=ndjson` streams every result. Responses carry ETag and Last-Modified "
                "for conditional requests. Bad parameters are a 400 and unknown ids a 404, "
                "each with a JSON message."
            ),
            "contact": {"name": "Local Offer team", "url": request.build_absolute_uri("/")},
        }
    )
    spec["servers"] = [{"url": request.build_absolute_uri(reverse("oruk:api_details"))}]
    parameters = spec["components"]["parameters"]
    parameters[AUTHORITY_PARAMETER] = LOCAL_AUTHORITY
    for name, note in PARAMETER_NOTES.items():
        if name in parameters:
            parameters[name]["description"] = f"{parameters[name]['description']} {note}"
    for name, schema in SCHEMAS.items():
        if name in parameters:
            parameters[name]["schema"] = schema
    for path, note in OPERATION_NOTES.items():
        operation = spec["paths"][path]["get"]
        operation["description"] = f"{operation.get('description', '')} {note}".strip()
    reference = {"$ref": f"#/components/parameters/{AUTHORITY_PARAMETER}"}
    for path in AUTHORITY_LISTS:
        spec["paths"][path]["get"].setdefault("parameters", []).append(reference)
    return spec


def resolved_parameters(spec, path):
    """The parameters of GET `path` (its path's and its operation's), each a dict with its
    reference resolved and the operation's own words kept over the shared ones."""
    item = spec["paths"][path]
    found = []
    for parameter in item.get("parameters", []) + item["get"].get("parameters", []):
        if "$ref" in parameter:
            name = parameter["$ref"].rsplit("/", 1)[-1]
            shared = spec["components"]["parameters"][name]
            own = {key: value for key, value in parameter.items() if key != "$ref"}
            parameter = {**shared, **own}
        found.append(parameter)
    return found
