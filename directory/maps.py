"""Maps on families' pages: the directory's results and each listing's profile.

A map is an SVG drawn inside the page by the server (templates/components/results_map.html):
public pages run no JavaScript, and an inline SVG needs none, costs no second request and is
kept in the page cache with the page it belongs to. It shows numbered markers matching the
numbered results list (the list is the map's text alternative), the searched postcode, the
radius searched, a scale bar and, over a base map, the attribution its licence asks for.

The base map is optional: an XYZ tile server set by configuration (MAP_TILES_URL,
MAP_TILES_ATTRIBUTION, MAP_TILES_MAX_ZOOM; docs/maps.md). Its tiles are fetched by this
server, never by the family's browser, kept on disk within MAP_TILE_CACHE_MB, and stitched
into one PNG per map view, served from this site (`base_map_png`, at a signed URL so the site
is not an open tile proxy). Without a tile server (the embedded default, CI, an offline
machine), or when it fails or is slow, the same map is drawn plain: the SVG's own background
shows through, with every point, the postcode, the radius and the scale.

Positions use Web Mercator (EPSG:3857), the projection of XYZ tiles, at whole zoom levels so
the plain drawing and the tiles agree to the pixel.
"""

import contextlib
import hashlib
import io
import math
import os
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import format_html, format_html_join

from .geo import EARTH_RADIUS_KM

TILE_SIZE = 256
METRES_PER_MILE = 1609.344
# A map's drawing size in SVG units (CSS scales it to the column: 320 px phones included).
RESULTS_SIZE = (640, 400)
PROFILE_SIZE = (640, 320)
MARKER_RADIUS = 12
# Room kept round the edge so no marker or label is cut off.
PADDING = 28
MIN_ZOOM = 5  # all of England fits in a map at zoom 5
# A lone point is shown at street level, not zoomed in to one building.
SINGLE_POINT_ZOOM = 15
PLAIN_MAX_ZOOM = 17
# The nice lengths a scale bar may show, in miles.
SCALE_MILES = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100)
SCALE_MAX_WIDTH = 160
EQUATOR_METRES = 2 * math.pi * EARTH_RADIUS_KM * 1000


# Configuration ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TileSource:
    url: str  # an XYZ template: {z}, {x} and {y}
    attribution: str
    max_zoom: int


def tile_source():
    """The configured tile server, or None (then maps are drawn plain)."""
    url = getattr(settings, "MAP_TILES_URL", "") or ""
    if not url.startswith(("https://", "http://")) or not all(
        part in url for part in ("{z}", "{x}", "{y}")
    ):
        return None
    return TileSource(
        url=url,
        attribution=getattr(settings, "MAP_TILES_ATTRIBUTION", "") or "",
        max_zoom=int(getattr(settings, "MAP_TILES_MAX_ZOOM", 18)),
    )


def maps_shown():
    return bool(getattr(settings, "MAPS_SHOWN", True))


# Projection ------------------------------------------------------------------------------
def world_pixel(latitude, longitude, zoom):
    """Web Mercator pixel coordinates of a point at a zoom level (origin top left)."""
    scale = TILE_SIZE * 2**zoom
    latitude = max(min(latitude, 85.0511), -85.0511)
    x = (longitude + 180.0) / 360.0 * scale
    sin = math.sin(math.radians(latitude))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y


def metres_per_pixel(latitude, zoom):
    return EQUATOR_METRES * math.cos(math.radians(latitude)) / (TILE_SIZE * 2**zoom)


# What a map shows ------------------------------------------------------------------------
@dataclass
class Marker:
    x: float
    y: float
    number: int | None  # the result's number in the list; None on a profile's one listing
    label: str


@dataclass
class MapDrawing:
    """Everything the template draws, in the SVG's own units."""

    width: int
    height: int
    zoom: int
    left: int  # the view's top left corner in world pixels at `zoom`
    top: int
    alt: str
    markers: list = field(default_factory=list)
    home: dict | None = None  # the searched postcode: x, y, label, label_x, anchor
    circle: dict | None = None  # the radius searched: x, y, r, label
    scale: dict | None = None
    base_url: str = ""  # the stitched base map, when a tile server is configured
    attribution: str = ""
    caption: str = ""

    # The words that open the map where it starts closed (on a phone): one short line.
    summary = "Show on a map"

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def markers_svg(self):
        """The markers' SVG, the first drawn last so that it is on top where two overlap.
        Written here rather than in a template loop: a tenth of the time for 20 markers."""
        return format_html_join(
            "\n",
            '<g class="map__marker" transform="translate({} {})"{}>'
            '<circle r="12" fill="#1d70b8" stroke="#ffffff" stroke-width="2"/>{}</g>',
            (
                (
                    marker.x,
                    marker.y,
                    format_html(' data-number="{}"', marker.number) if marker.number else "",
                    _marker_inside(marker.number) if marker.number else self._named(marker),
                )
                for marker in reversed(self.markers)
            ),
        )

    def _named(self, marker):
        """A profile's one listing: a dot, and its name on whichever side has room."""
        right = marker.x < self.width / 2
        return format_html(
            '<circle r="4" fill="#ffffff"/><text class="map__name" x="{}" dy="0.35em" '
            'text-anchor="{}" font-size="14" font-weight="700" fill="#0b0c0c" '
            'stroke="#ffffff" stroke-width="4" paint-order="stroke">{}</text>',
            16 if right else -16,
            "start" if right else "end",
            marker.label,
        )


def _marker_inside(number):
    """A result's number, sized to fit."""
    size = 9 if number > 99 else 11 if number > 9 else 13
    return format_html(
        '<text dy="0.35em" text-anchor="middle" font-size="{}" font-weight="700" '
        'fill="#ffffff">{}</text>',
        size,
        number,
    )


def _zoom_to_fit(xs, ys, size, max_zoom):
    """The closest whole zoom at which a box (world pixels at zoom 0) fits inside the map."""
    width, height = size
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    if span_x == 0 and span_y == 0:
        return min(SINGLE_POINT_ZOOM, max_zoom)
    room_x, room_y = width - 2 * PADDING, height - 2 * PADDING
    for zoom in range(max_zoom, MIN_ZOOM - 1, -1):
        if span_x * 2**zoom <= room_x and span_y * 2**zoom <= room_y:
            return zoom
    return MIN_ZOOM


def _fit_zoom(points, circle, size, max_zoom):
    """The zoom and centre (world pixels at zoom 0) of a map showing every point. With a
    radius, the map is at most one step closer than the whole circle: results crowd near
    the postcode, so fitting the whole circle would pile their markers on one another, and
    one step closer still shows the circle's edge on either side."""
    xs, ys = [], []
    for latitude, longitude in points:
        x, y = world_pixel(latitude, longitude, 0)
        xs.append(x)
        ys.append(y)
    zoom = _zoom_to_fit(xs, ys, size, max_zoom)
    centre = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    if circle is not None:
        (latitude, longitude), metres = circle
        x, y = world_pixel(latitude, longitude, 0)
        r = metres / metres_per_pixel(latitude, 0)
        whole = _zoom_to_fit([x - r, x + r], [y - r, y + r], size, max_zoom)
        # Centred on the points, not the postcode, so that every point stays in view.
        zoom = min(zoom, whole + 1)
    return zoom, centre


def _scale_bar(latitude, zoom, height):
    metres_each = metres_per_pixel(latitude, zoom)
    miles = SCALE_MILES[0]
    for candidate in SCALE_MILES:
        if candidate * METRES_PER_MILE / metres_each <= SCALE_MAX_WIDTH:
            miles = candidate
    length = miles * METRES_PER_MILE / metres_each
    label = f"{_miles_text(miles)} mile{'' if miles == 1 else 's'}"
    box = max(round(length), 11 * len(label)) + 12  # room for the label drawn larger on phones
    return {"x": 12, "y": height - 12, "length": round(length, 1), "label": label, "box_width": box}


def _miles_text(miles):
    return f"{miles:g}"


def draw(size, points, numbers, labels, home=None, radius_miles=None, alt="", caption=""):
    """A MapDrawing of `points` ((latitude, longitude), numbered `numbers`), the family's
    postcode `home` ((latitude, longitude, label)) and, around it, `radius_miles`."""
    source = tile_source()
    max_zoom = min(source.max_zoom, PLAIN_MAX_ZOOM) if source else PLAIN_MAX_ZOOM
    everything = list(points) + ([home[:2]] if home else [])
    circle = None
    if home and radius_miles:
        circle = (home[:2], radius_miles * METRES_PER_MILE)
    zoom, (centre_x, centre_y) = _fit_zoom(everything, circle, size, max_zoom)
    width, height = size
    left = round(centre_x * 2**zoom - width / 2)
    top = round(centre_y * 2**zoom - height / 2)

    def place(latitude, longitude):
        x, y = world_pixel(latitude, longitude, zoom)
        return round(x - left, 1), round(y - top, 1)

    drawing = MapDrawing(width, height, zoom, left, top, alt=alt, caption=caption)
    for (latitude, longitude), number, label in zip(points, numbers, labels, strict=True):
        drawing.markers.append(Marker(*place(latitude, longitude), number, label))
    if home:
        x, y = place(home[0], home[1])
        # The label goes on whichever side has room.
        right = x < width - 110
        drawing.home = {
            "x": x,
            "y": y,
            "label": home[2],
            "label_dx": 14 if right else -14,
            "anchor": "start" if right else "end",
        }
        if circle is not None:
            r = radius_miles * METRES_PER_MILE / metres_per_pixel(home[0], zoom)
            drawing.circle = {"x": x, "y": y, "r": round(r, 1)}
    centre_latitude = home[0] if home else (points[0][0] if points else 52.5)
    drawing.scale = _scale_bar(centre_latitude, zoom, height)
    if source is not None:
        drawing.base_url = base_map_url(zoom, left, top, width, height)
        drawing.attribution = source.attribution
    return drawing


def results_map(cards, first_number, location=None, radius=None, area=""):
    """The map of a results page: `cards` as the search view builds them (each with its
    listing), numbered from `first_number` like the list. None if none has a location."""
    points, numbers, labels = [], [], []
    for offset, card in enumerate(cards):
        listing = card["listing"]
        card["map_number"] = first_number + offset
        if listing.latitude is not None and listing.longitude is not None:
            points.append((listing.latitude, listing.longitude))
            numbers.append(first_number + offset)
            labels.append(listing.name)
    if not points and location is None:
        return None
    shown = len(points)
    what = f"the {shown} result{'s' if shown != 1 else ''} on this page"
    if shown < len(cards):
        what = f"{shown} of the {len(cards)} results on this page"
    if location is not None:
        where = f" around {location.label}, within {_miles_text(radius)} miles"
    else:
        where = f" in {area}" if area else ""
    missing = len(cards) - shown
    alt = f"Map of {what}{where}. The numbered list below gives the same places" + (
        f" ({missing} of them with no location to show)." if missing else "."
    )
    home = (location.latitude, location.longitude, location.label) if location else None
    return draw(
        RESULTS_SIZE,
        points,
        numbers,
        labels,
        home=home,
        radius_miles=radius if location is not None else None,
        alt=alt,
        caption="The numbers on the map are the numbers of the results listed below.",
    )


def profile_map(listing, postcode=None, location=None, miles=None):
    """The map on a listing's profile: where it is, and the family's postcode if they gave
    one. None for a listing with no location (many services)."""
    if listing.latitude is None or listing.longitude is None:
        return None
    home = (location[0], location[1], postcode) if location else None
    alt = f"Map showing where {listing.name} is"
    if home and miles is not None:
        alt += f", {miles:.1f} miles from {postcode}, which is also marked"
    alt += "."
    return draw(
        PROFILE_SIZE,
        [(listing.latitude, listing.longitude)],
        [None],
        [listing.name],
        home=home,
        alt=alt,
    )


# The base map: tiles fetched here, kept on disk, stitched into one image per view ----------
def _signature(params):
    source = tile_source()
    message = "|".join([source.url if source else "", *(str(p) for p in params)])
    return salted_hmac("directory.maps.base", message).hexdigest()[:20]


def base_map_url(zoom, left, top, width, height):
    params = (zoom, left, top, width, height)
    query = urlencode(
        {"z": zoom, "x": left, "y": top, "w": width, "h": height, "s": _signature(params)}
    )
    return f"/directory/map/base.png?{query}"


def valid_view(zoom, left, top, width, height, signature):
    """Whether these are a view this site drew (its URLs are signed: not an open tile proxy)."""
    if (width, height) not in (RESULTS_SIZE, PROFILE_SIZE):
        return False
    return constant_time_compare(signature, _signature((zoom, left, top, width, height)))


_SWEEPING = threading.Lock()


class TileCache:
    """Tiles (and stitched base maps) in files under `root`, at most `max_bytes` in all: past
    that the least recently used go first (each read touches its file)."""

    def __init__(self, root, max_bytes):
        self.root = Path(root)
        self.max_bytes = max_bytes

    def path(self, name):
        digest = hashlib.sha256(name.encode()).hexdigest()
        return self.root / digest[:2] / f"{digest}.png"

    def get(self, name):
        path = self.path(name)
        try:
            content = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # removed by a sweep meanwhile: still read
            os.utime(path)
        return content

    def put(self, name, content):
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(content)
        os.replace(partial, path)  # readers never see half a file

    def files(self):
        found = []
        for directory in self.root.glob("??"):
            for entry in os.scandir(directory):
                if entry.name.endswith(".png"):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    found.append((stat.st_mtime, stat.st_size, entry.path))
        return found

    def size(self):
        return sum(size for _, size, _ in self.files())

    def keep_within_bound(self):
        """Remove the least recently used files until the cache is within 90% of its bound
        (some room, so that not every new tile makes a sweep)."""
        with _SWEEPING:  # one sweep at a time in a process (another's removals are tolerated)
            files = self.files()
            total = sum(size for _, size, _ in files)
            if total <= self.max_bytes:
                return
            for _, size, path in sorted(files):
                try:
                    os.remove(path)
                except OSError:
                    continue
                total -= size
                if total <= self.max_bytes * 0.9:
                    break


def tile_cache():
    root = getattr(settings, "MAP_TILE_CACHE_DIR", None) or (
        Path(settings.BASE_DIR) / "var" / "map-tiles"
    )
    megabytes = float(getattr(settings, "MAP_TILE_CACHE_MB", 200))
    return TileCache(root, int(megabytes * 1024 * 1024))


# After a failure, tiles are not asked for again for this long: a dead server costs one
# timeout, not one per map.
RETRY_AFTER_FAILURE = 60
_last_failure = {"at": 0.0, "url": ""}


class TilesUnavailable(Exception):
    pass


def _fetch(url, timeout):
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked in tile_source
        url,
        headers={
            "User-Agent": f"LocalOffer/1.0 (+{getattr(settings, 'WAGTAILADMIN_BASE_URL', '')})"
        },
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        if response.status != 200:
            raise TilesUnavailable(f"{response.status} from {url}")
        return response.read(2 * 1024 * 1024)


def _check_image(content):
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
    except Exception as error:  # Pillow raises many kinds for a file that is not an image
        raise TilesUnavailable("a tile is not an image") from error


def _tiles(source, cache, wanted, deadline):
    """{(x, y): PNG bytes} of the tiles `wanted` at one zoom, from the cache or fetched (all
    at once) within `deadline` seconds; TilesUnavailable if any cannot be had in time."""
    found, missing = {}, []
    for zoom, x, y in wanted:
        name = f"{source.url}|{zoom}/{x}/{y}"
        content = cache.get(name)
        if content is None:
            missing.append((zoom, x, y, name))
        else:
            found[(x, y)] = content
    if not missing:
        return found
    if (
        _last_failure["url"] == source.url
        and time.monotonic() - _last_failure["at"] < RETRY_AFTER_FAILURE
    ):
        raise TilesUnavailable("the tile server failed a moment ago")
    started = time.monotonic()

    def fetch(item):
        zoom, x, y, _ = item
        remaining = deadline - (time.monotonic() - started)
        if remaining <= 0.05:  # the map has been drawn plain already: ask for nothing more
            raise TilesUnavailable("out of time")
        url = source.url.format(z=zoom, x=x, y=y, s="a")
        return _fetch(url, remaining)

    pool = ThreadPoolExecutor(max_workers=min(4, len(missing)))
    futures = {pool.submit(fetch, item): item for item in missing}
    done, pending = wait(futures, timeout=deadline)
    pool.shutdown(wait=False, cancel_futures=True)
    try:
        if pending:
            raise TilesUnavailable("the tile server was too slow")
        for future in done:
            zoom, x, y, name = futures[future]
            try:
                content = future.result()
                _check_image(content)  # never keep an error page as a tile
            except (OSError, urllib.error.URLError, TilesUnavailable, ValueError) as error:
                raise TilesUnavailable(str(error)) from error
            cache.put(name, content)
            found[(x, y)] = content
    except TilesUnavailable:
        _last_failure.update(at=time.monotonic(), url=source.url)
        raise
    cache.keep_within_bound()
    return found


def stitch(zoom, left, top, width, height):
    """The base map of a view as PNG bytes (from the cache when stitched before);
    TilesUnavailable when there is no tile server or it cannot give the tiles in time."""
    from PIL import Image

    source = tile_source()
    if source is None:
        raise TilesUnavailable("no tile server is configured")
    cache = tile_cache()
    name = f"{source.url}|view {zoom}/{left}/{top}/{width}x{height}"
    kept = cache.get(name)
    if kept is not None:
        return kept
    tiles_across = 2**zoom
    first_x, first_y = left // TILE_SIZE, top // TILE_SIZE
    last_x, last_y = (left + width - 1) // TILE_SIZE, (top + height - 1) // TILE_SIZE
    wanted = [
        (zoom, x % tiles_across, y)
        for x in range(first_x, last_x + 1)
        for y in range(first_y, last_y + 1)
        if 0 <= y < tiles_across
    ]
    timeout = float(getattr(settings, "MAP_TILES_TIMEOUT", 2.0))
    tiles = _tiles(source, cache, wanted, timeout)
    image = Image.new("RGB", (width, height), (238, 242, 238))
    for x in range(first_x, last_x + 1):
        for y in range(first_y, last_y + 1):
            content = tiles.get((x % tiles_across, y))
            if content is None:
                continue
            try:
                tile = Image.open(io.BytesIO(content)).convert("RGB")
            except (OSError, ValueError) as error:
                raise TilesUnavailable(f"tile {zoom}/{x}/{y} is not an image") from error
            image.paste(tile, (x * TILE_SIZE - left, y * TILE_SIZE - top))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    content = out.getvalue()
    cache.put(name, content)
    cache.keep_within_bound()
    return content
