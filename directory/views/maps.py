"""The base map under a map on families' pages (directory/maps.py): one PNG per view,
stitched from the configured tile server's tiles, fetched and kept by this server."""

import base64

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from .. import maps

# Shown where the tiles cannot be had: a transparent pixel, so the map's own plain drawing
# shows through (its points, postcode, radius and scale are drawn over it in the page).
TRANSPARENT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=="
)
KEPT_FOR = 7 * 24 * 3600  # a view's URL names its tiles and is signed: it never changes
RETRY_AFTER = 60


@require_GET
def base_map(request):
    try:
        zoom, left, top, width, height = (
            int(request.GET[name]) for name in ("z", "x", "y", "w", "h")
        )
    except (KeyError, ValueError):
        return HttpResponseBadRequest(
            "This address needs z, x, y, w and h as whole numbers.", content_type="text/plain"
        )
    signature = request.GET.get("s", "")
    if maps.tile_source() is None or not maps.valid_view(zoom, left, top, width, height, signature):
        raise Http404("No such map.")
    try:
        content = maps.stitch(zoom, left, top, width, height)
    except maps.TilesUnavailable:
        response = HttpResponse(TRANSPARENT_PNG, content_type="image/png")
        response["Cache-Control"] = f"public, max-age={RETRY_AFTER}"
        response["X-Map-Base"] = "plain"
        return response
    response = HttpResponse(content, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={KEPT_FOR}, immutable"
    response["X-Map-Base"] = "tiles"
    return response
