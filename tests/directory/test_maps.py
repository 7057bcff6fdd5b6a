"""Maps on the directory's results and on profiles (directory/maps.py): drawn on the server,
plain by default; over a base map from a tile server of the test's own, on loopback, when
one is configured. No test reaches the internet."""

import html
import io
import re
import time
from urllib.parse import urlparse

import pytest
from django.test import override_settings
from PIL import Image

from directory import maps

from .map_helpers import TileServer, tile_png

POSTCODE_SEARCH = {"postcode": "NB1 1AA", "radius": 5}


def figure(response):
    """The map on a page (its disclosure, open on wide screens), or None."""
    found = re.search(r'<details class="map">.*?</details>', response.content.decode(), re.S)
    return found and found.group(0)


def listed_numbers(response):
    return [
        int(n) for n in re.findall(r'result-card__number"[^>]*>(\d+)<', response.content.decode())
    ]


def marker_numbers(map_html):
    return sorted(int(n) for n in re.findall(r'data-number="(\d+)"', map_html))


@pytest.fixture(autouse=True)
def no_failure_remembered():
    maps._last_failure.update(at=0.0, url="")
    yield
    maps._last_failure.update(at=0.0, url="")


@pytest.fixture
def tiles(tmp_path):
    server = TileServer()
    with override_settings(
        MAP_TILES_URL=server.url,
        MAP_TILES_ATTRIBUTION="© Test Map contributors",
        MAP_TILES_MAX_ZOOM=18,
        MAP_TILE_CACHE_DIR=tmp_path / "tiles",
        MAP_TILE_CACHE_MB=50,
    ):
        yield server
    server.stop()


def base_map_path(response):
    found = re.search(r'<image class="map__base" href="([^"]+)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def tiles_of(path):
    """The tiles a base map view needs, as the tile server is asked for them."""
    query = dict(part.split("=") for part in urlparse(path).query.split("&"))
    zoom, left, top, width, height = (int(query[k]) for k in "zxywh")
    return {
        f"/tiles/{zoom}/{x}/{y}.png"
        for x in range(left // 256, (left + width - 1) // 256 + 1)
        for y in range(top // 256, (top + height - 1) // 256 + 1)
    }


# The plain drawing: the default ------------------------------------------------------------
@pytest.mark.django_db
def test_a_postcode_search_shows_a_plain_map_numbered_like_the_list(client, area):
    response = client.get("/directory/", POSTCODE_SEARCH)
    assert response.status_code == 200
    drawn = figure(response)
    assert drawn is not None
    # Numbered like the list (which starts at 1 and shows its numbers), the list's order.
    assert listed_numbers(response) == [1, 2, 3, 4]
    assert marker_numbers(drawn) == [1, 2, 3, 4]
    assert 'start="1"' in response.content.decode()
    # The postcode, the radius searched and a scale bar.
    assert 'class="map__postcode"' in drawn and ">NB1 1AA</text>" in drawn
    assert 'class="map__radius"' in drawn
    assert re.search(r'class="map__scale".*?>[\d.]+ miles?</text>', drawn, re.S)
    # Its text alternative says what it shows and where the same places are in words.
    assert 'role="img"' in drawn
    assert '<summary class="map__summary">Show on a map</summary>' in drawn
    assert (
        '<title id="map-alt">Map of the 4 results on this page around NB1 1AA, within 5 '
        "miles. The numbered list below gives the same places.</title>"
    ) in drawn
    # No tile server: no base map, no attribution, nothing the browser fetches elsewhere.
    assert "<image" not in drawn and "map__attribution" not in drawn
    assert "<script" not in drawn and "http" not in drawn.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.django_db
def test_every_marker_is_inside_the_map(client, area):
    response = client.get("/directory/", {"postcode": "NB1 1AA", "radius": 25})
    drawn = figure(response)
    width, height = (int(v) for v in re.search(r'viewBox="0 0 (\d+) (\d+)"', drawn).groups())
    for x, y in re.findall(
        r'class="map__marker" transform="translate\(([\d.-]+) ([\d.-]+)\)', drawn
    ):
        # Whole: a marker's radius (12) from every edge.
        assert 12 <= float(x) <= width - 12 and 12 <= float(y) <= height - 12
    assert marker_numbers(drawn) == listed_numbers(response) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_an_authority_search_shows_its_results_without_a_radius(client, area):
    response = client.get("/directory/", {"la": "990"})
    drawn = figure(response)
    assert "results on this page in Northbrook." in drawn
    assert "map__radius" not in drawn and "map__postcode" not in drawn
    assert marker_numbers(drawn) == listed_numbers(response) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_no_map_without_a_place_or_with_maps_switched_off(client, area):
    response = client.get("/directory/", {"need": "ASD"})
    assert figure(response) is None and listed_numbers(response) == []
    with override_settings(MAPS_SHOWN=False):
        response = client.get("/directory/", POSTCODE_SEARCH)
    assert figure(response) is None and listed_numbers(response) == []


@pytest.mark.django_db
def test_later_pages_number_on_from_the_first(client, make_setting, postcodes):
    for n in range(23):
        make_setting(f"School {n:02}", latitude=52.6 + n / 1000, longitude=-1.5)
    response = client.get("/directory/", {"postcode": "NB1 1AA", "radius": 5, "page": 2})
    drawn = figure(response)
    assert listed_numbers(response) == marker_numbers(drawn) == [21, 22, 23]
    assert 'start="21"' in response.content.decode()
    assert "Map of the 3 results on this page" in drawn


@pytest.mark.django_db
def test_results_with_no_location_are_counted_in_the_alt_text(client, area, make_service):
    make_service("Online Advice Line")  # no coordinates
    response = client.get("/directory/", {"la": "990"})
    drawn = figure(response)
    assert "Map of 5 of the 6 results on this page in Northbrook" in drawn
    assert "(1 of them with no location to show)" in drawn
    assert len(listed_numbers(response)) == 6 and len(marker_numbers(drawn)) == 5


@pytest.mark.django_db
def test_the_map_costs_no_query_and_is_kept_with_the_page(client, area, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(**switch):
        from django.core.cache import caches

        for cache in caches.all():
            cache.clear()
        with override_settings(**switch), CaptureQueriesContext(connection) as captured:
            client.get("/directory/", POSTCODE_SEARCH)
        return len(captured)

    queries(MAPS_SHOWN=False)  # the process's own indexes built: what follows is per page
    assert queries(MAPS_SHOWN=True) == queries(MAPS_SHOWN=False)
    first = client.get("/directory/", POSTCODE_SEARCH)
    again = client.get("/directory/", POSTCODE_SEARCH)
    assert again["X-Page-Served"] == "kept" and figure(again) == figure(first)


@pytest.mark.django_db
def test_a_profile_shows_where_the_listing_is_and_the_familys_postcode(client, area):
    listing = area["near_rp"]
    drawn = figure(client.get(listing.get_url()))
    assert f"Map showing where {listing.name} is.</title>" in drawn
    assert drawn.count('class="map__marker"') == 1 and "map__postcode" not in drawn
    assert 'class="map__name"' in drawn and f">{listing.name}</text>" in drawn
    drawn = figure(client.get(listing.get_url(), {"postcode": "NB1 2BB"}))
    assert "0.3 miles from NB1 2BB, which is also marked." in drawn
    assert ">NB1 2BB</text>" in drawn and "map__scale" in drawn


@pytest.mark.django_db
def test_a_listing_with_no_location_has_no_map(client, make_service):
    assert figure(client.get(make_service("Online Advice Line").get_url())) is None


# The tiled path ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_tiles_are_fetched_by_the_server_once_then_kept_on_disk(client, area, tiles):
    response = client.get("/directory/", POSTCODE_SEARCH)
    drawn = figure(response)
    path = base_map_path(response)
    # The family's browser asks this site, never the tile server.
    assert path.startswith("/directory/map/base.png?")
    assert "127.0.0.1" not in drawn
    # The attribution the tiles' licence asks for, on the map and in words beside it.
    assert 'class="map__attribution"' in drawn and "© Test Map contributors</text>" in drawn
    assert "Base map © Test Map contributors" in drawn
    assert marker_numbers(drawn) == [1, 2, 3, 4] and "map__radius" in drawn

    base = client.get(path)
    assert base.status_code == 200 and base["Content-Type"] == "image/png"
    assert base["X-Map-Base"] == "tiles" and "immutable" in base["Cache-Control"]
    image = Image.open(io.BytesIO(base.content))
    assert image.size == (640, 400) and image.getpixel((320, 200)) == (200, 200, 220)
    assert set(tiles.asked) == tiles_of(path) and len(tiles.asked) == len(tiles_of(path))

    # Again, and another view over many of the same tiles: only the new tiles are asked for.
    asked = len(tiles.asked)
    assert client.get(path).content == base.content
    query = dict(part.split("=") for part in urlparse(path).query.split("&"))
    zoom, left, top = (int(query[k]) for k in "zxy")
    other = maps.base_map_url(zoom, left + 300, top + 200, 640, 400)
    assert client.get(other)["X-Map-Base"] == "tiles"
    assert tiles_of(other) & tiles_of(path)
    assert sorted(tiles.asked[asked:]) == sorted(tiles_of(other) - tiles_of(path))


@pytest.mark.django_db
def test_the_tile_cache_stays_within_its_bound(client, area, tiles, settings):
    tiles.stop()
    noisy = TileServer(noise=True)
    tile_bytes = len(tile_png(noise=True))
    settings.MAP_TILES_URL = noisy.url
    settings.MAP_TILE_CACHE_MB = 6 * tile_bytes / (1024 * 1024)  # room for six tiles
    cache = maps.tile_cache()
    try:
        for radius in (1, 3, 5, 10, 25):
            path = base_map_path(
                client.get("/directory/", {"postcode": "NB1 1AA", "radius": radius})
            )
            assert client.get(path)["X-Map-Base"] == "tiles"
            assert 0 < cache.size() <= cache.max_bytes
        assert len(noisy.asked) > 6  # more than it could hold, so it has let some go
    finally:
        noisy.stop()


@pytest.mark.django_db
def test_a_dead_tile_server_falls_back_to_the_plain_drawing_quickly(client, area, tiles, settings):
    tiles.stop()  # nothing listens on its port any more
    response = client.get("/directory/", POSTCODE_SEARCH)
    assert response.status_code == 200 and "map__radius" in figure(response)
    started = time.monotonic()
    base = client.get(base_map_path(response))
    assert time.monotonic() - started < 2
    # A transparent image, briefly kept: the page's own plain drawing shows through.
    assert base.status_code == 200 and base["X-Map-Base"] == "plain"
    assert "max-age=60" in base["Cache-Control"]
    assert Image.open(io.BytesIO(base.content)).convert("RGBA").getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_a_slow_tile_server_falls_back_within_the_timeout_and_is_not_asked_again_at_once(
    client, area, tiles, settings
):
    tiles.delay = 3
    settings.MAP_TILES_TIMEOUT = 0.5
    path = base_map_path(client.get("/directory/", POSTCODE_SEARCH))
    started = time.monotonic()
    assert client.get(path)["X-Map-Base"] == "plain"
    assert time.monotonic() - started < 1.5
    time.sleep(0.2)  # requests sent just before the deadline reach the server
    asked = len(tiles.asked)
    started = time.monotonic()
    assert client.get(path)["X-Map-Base"] == "plain"  # the failure is remembered a minute
    assert time.monotonic() - started < 0.3 and len(tiles.asked) == asked


@pytest.mark.django_db
def test_a_tile_server_answering_something_else_than_images_falls_back_and_keeps_nothing(
    client, area, tiles, settings
):
    tiles.stop()
    broken = TileServer(content=b"<html>Over quota</html>")
    settings.MAP_TILES_URL = broken.url
    try:
        path = base_map_path(client.get("/directory/", POSTCODE_SEARCH))
        assert client.get(path)["X-Map-Base"] == "plain"
        assert broken.asked and maps.tile_cache().size() == 0
    finally:
        broken.stop()


# Bad input to the base map's address --------------------------------------------------------
@pytest.mark.django_db
def test_bad_base_map_addresses_are_refused_with_a_4xx(client, area, tiles):
    good = base_map_path(client.get("/directory/", POSTCODE_SEARCH))
    query = dict(part.split("=") for part in urlparse(good).query.split("&"))
    cases = [
        ("", 400),
        ("?z=x&x=1&y=1&w=640&h=400&s=abc", 400),
        ("?z=12&x=1&y=1&w=640", 400),
        ("?z=99999999999999999999&x=1&y=1&w=640&h=400&s=abc", 404),
        ({**query, "s": "0" * 20}, 404),  # not signed by this site
        ({**query, "x": str(int(query["x"]) + 1)}, 404),  # another view than the one signed
        ({**query, "w": "5000"}, 404),
        ({**query, "s": "%00<script>"}, 404),
    ]
    for case, status in cases:
        if isinstance(case, dict):
            case = "?" + "&".join(f"{k}={v}" for k, v in case.items())
        response = client.get("/directory/map/base.png" + case)
        assert response.status_code == status, case
    assert tiles.asked == []
    with override_settings(MAP_TILES_URL=""):  # no tile server: no base maps at all
        assert client.get(good).status_code == 404
    assert client.post(good).status_code == 405
