"""The HTTP of the ORUK API, the same for every endpoint: GET only, open to any origin (CORS),
errors as JSON with a clear message, and conditional requests on the state of the feed
(feeds.py: whose listings it holds).

`ETag` and `Last-Modified` come from the published listings (how many, and when one last
changed), so aggregators can poll with `If-None-Match` / `If-Modified-Since` cheaply; Django's
`condition()` answers those with 304 (and `If-Match` / `If-Unmodified-Since` with 412).
"""

import functools
import hashlib

from django.http import HttpResponse, JsonResponse
from django.utils.http import quote_etag
from django.views.decorators.http import condition

from ..models import Listing
from .errors import BadParameter, NotFound
from .feeds import feed_for

CACHE_CONTROL = "public, max-age=60"


def cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def error(status, message):
    return JsonResponse({"status": status, "message": message}, status=status)


def json_response(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def feed_state(request):
    """What the responses depend on: the count of the feed's published listings and the last
    time one changed (three indexed queries, once a request). The ETag adds the feed (whose
    listings) and the request's path and parameters."""
    state = getattr(request, "_oruk_feed_state", None)
    if state is not None:
        return state
    feed = feed_for(request)
    live = feed.listings(Listing.objects.filter(live=True))
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
    seed = f"{count}|{last and last.isoformat()}|{feed.key}|{request.get_full_path()}"
    etag = quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])
    request._oruk_feed_state = state = {"etag": etag, "last_modified": last}
    return state


def _etag(request, *args, **kwargs):
    return feed_state(request)["etag"]


def _last_modified(request, *args, **kwargs):
    return feed_state(request)["last_modified"]


def endpoint(view):
    """GET only, JSON errors, CORS, and conditional requests on the feed's state."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            response = error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return cors(response)
        try:
            response = conditional(request, *args, **kwargs)
        except BadParameter as problem:
            return cors(error(400, str(problem)))
        except NotFound as problem:
            return cors(error(404, str(problem)))
        response["Cache-Control"] = CACHE_CONTROL
        return cors(response)

    return wrapper
