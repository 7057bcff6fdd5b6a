"""The family's journey on a phone (320 px) and a wide screen: layout measured in Chromium."""

import pytest

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH = "/directory/?need=ASD&age=7&postcode=NB1&radius=5"


def top(page, selector):
    return page.locator(selector).first.evaluate(
        "element => element.getBoundingClientRect().top + window.scrollY"
    )


def test_on_a_phone_the_first_result_starts_within_two_screens(
    live_server, demo_directory, browser_page, assert_accessible
):
    page = browser_page(320)
    for path in ("/directory/", SEARCH):
        page.goto(live_server.url + path)
        assert top(page, ".result-card") < 1280, path
        assert top(page, ".results-summary") < top(page, ".result-card")
        # The filters are behind a closed "Filter results" disclosure.
        assert page.locator("details.filters").get_attribute("open") is None
        assert not page.locator("#need-ASD").is_visible()
        assert_accessible(page)
    # A compact header (it was 380 px tall at 320 px wide).
    assert page.locator(".site-header").bounding_box()["height"] < 260
    page.locator("summary.filters__summary").click()
    assert page.locator("#need-ASD").is_visible()
    assert page.locator("#need-ASD").is_checked()


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(
    live_server, demo_directory, browser_page
):
    page = browser_page(1280)
    page.goto(live_server.url + SEARCH)
    assert page.locator("#need-ASD").is_visible()
    assert not page.locator("summary.filters__summary").is_visible()
    filters = page.locator(".search-form").bounding_box()
    first = page.locator(".result-card").first.bounding_box()
    assert filters["x"] + filters["width"] <= first["x"]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_postcode_is_marked_on_the_field(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    page = browser_page(width)
    response = page.goto(live_server.url + "/directory/?postcode=NB5+5XX")
    assert response.status == 400
    assert page.locator("#id_postcode").get_attribute("aria-invalid") == "true"
    assert page.locator(".error-summary a[href='#id_postcode']").is_visible()
    assert page.locator(".result-card").count() == 0
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_fits_a_phone_and_shows_distance_and_differences(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    from directory.models import Setting

    ids = ",".join(str(pk) for pk in Setting.objects.values_list("pk", flat=True)[:3])
    page = browser_page(width)
    page.goto(f"{live_server.url}/directory/compare/?ids={ids}&postcode=NB1")
    assert_accessible(page)
    # Nothing scrolls sideways, not even inside the table's own region.
    region = page.locator(".table-scroll")
    assert region.evaluate("element => element.scrollWidth - element.clientWidth") <= 0
    assert page.locator("th", has_text="Distance from NB1").is_visible()
    cells = page.locator("tr", has_text="Distance from NB1").locator("td")
    assert cells.count() == 3
    if width == 320:
        # Stacked: each school's value is under the row's heading, full width, named.
        first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert second["y"] > first["y"] and second["width"] > 250
    page.get_by_role("link", name="Show only the differences").click()
    assert "differences=1" in page.url
    rows = page.locator("tbody tr:not(.compare-table__section)")
    marked = page.locator("tbody tr.compare-table__row--differs")
    # Only differing rows stay, beside the three "at a glance" rows.
    assert marked.count() >= 1 and rows.count() == marked.count() + 3
    assert_accessible(page)


WORDS_BROKEN = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}
"""


def site_name():
    from wagtail.models import Site

    from home.models import AuthoritySettings

    return AuthoritySettings.for_site(Site.objects.get(is_default_site=True)).authority_name


@pytest.mark.parametrize("width", WIDTHS)
def test_transparency_is_linked_and_its_headers_keep_words_whole(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    page = browser_page(width)
    page.goto(live_server.url + "/directory/")
    page.locator("footer").get_by_role("link", name="How complete is each Local Offer?").click()
    assert page.url.endswith("/directory/transparency/")
    assert_accessible(page)
    assert page.evaluate(WORDS_BROKEN) == []
    # The caption names this site's Local Offer (on a council's site, the council), not "England".
    caption = page.locator("caption").inner_text()
    assert caption.startswith(site_name())
