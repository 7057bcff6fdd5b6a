"""Maps on families' pages in a real browser, at 320 and 1280 px, with axe-core: drawn
plain by default, over a base map served by this site from a loopback tile server."""

import re

import pytest
from django.core.cache import caches
from django.test import override_settings

from directory.models import Setting
from tests.directory.map_helpers import TileServer

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH = "/directory/?postcode=NB1&radius=5"


def check_map(page):
    """The map is shown (on a phone, once opened: it starts closed so that the first result
    stays near the top; on a wide screen it stands open), fits the page, and its markers are
    the numbered cards'."""
    svg = page.locator(".map svg[role=img]")
    summary = page.locator(".map > summary")
    if page.viewport_size["width"] < 768:
        assert not svg.is_visible() and summary.is_visible()
        summary.click()
    else:
        assert not summary.is_visible()
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    # Its accessible name is its alt text (the <title>).
    named = page.get_by_role("img", name=re.compile(r"^Map of .* The numbered list below"))
    assert named.count() == 1
    markers = svg.locator("g.map__marker").evaluate_all(
        "gs => gs.map(g => Number(g.dataset.number)).sort((a, b) => a - b)"
    )
    numbers = page.locator(".result-card__number").all_inner_texts()
    assert markers and markers == [int(n) for n in numbers][: len(markers)]
    assert svg.locator(".map__postcode").is_visible()
    assert svg.locator(".map__scale").is_visible()
    return svg


@pytest.mark.parametrize("width", WIDTHS)
def test_maps_on_results_and_profiles_plain_and_tiled_are_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width, tmp_path
):
    # Plain: the default.
    page = browser_page(width)
    assert page.goto(live_server.url + SEARCH).status == 200
    check_map(page)
    assert page.locator(".map image").count() == 0
    assert_accessible(page)
    listing = Setting.objects.filter(latitude__isnull=False).first()
    assert page.goto(live_server.url + listing.get_url() + "?postcode=NB1").status == 200
    assert page.locator(".map svg .map__marker").count() == 1
    assert_accessible(page)

    # Over a base map: served by this site, from tiles this server fetched.
    tiles = TileServer()
    seen = []
    caches["pages"].clear()  # the plain page was kept
    try:
        with override_settings(
            MAP_TILES_URL=tiles.url,
            MAP_TILES_ATTRIBUTION="© Test Map contributors",
            MAP_TILE_CACHE_DIR=tmp_path,
        ):
            page = browser_page(width)
            page.on("response", lambda response: seen.append(response))
            assert page.goto(live_server.url + SEARCH).status == 200
            page.wait_for_load_state("networkidle")
            svg = check_map(page)
            assert svg.locator(".map__attribution").text_content() == "© Test Map contributors"
            assert_accessible(page)
        base = [r for r in seen if "/directory/map/base.png" in r.url]
        assert len(base) == 1 and base[0].status == 200
        assert base[0].headers["x-map-base"] == "tiles"
        # The browser asked this site only; the tiles were fetched by the server.
        assert all(r.url.startswith(live_server.url) for r in seen)
        assert tiles.asked
    finally:
        tiles.stop()
