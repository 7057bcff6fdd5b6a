import pytest

from directory.models import Setting

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH = "/directory/?need=ASD&kind=resourced&age=7&postcode=NB1&radius=5"


@pytest.mark.parametrize("width", WIDTHS)
def test_search_pages_are_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    ids = ",".join(str(pk) for pk in Setting.objects.values_list("pk", flat=True)[:3])
    page = browser_page(width)
    for path in (
        "/directory/",
        SEARCH,
        "/directory/?q=zebra",  # no results
        "/directory/?age=200",  # errors
        "/directory/?postcode=NB5+5XX",  # unknown postcode
        f"/directory/compare/?ids={ids}",
        "/directory/shortlist/",
        "/search/?q=autism",
    ):
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_a_family_finds_shortlists_and_compares_without_javascript(
    live_server, demo_directory, chromium
):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.goto(live_server.url + "/directory/")
    page.fill("#id_postcode", "NB1")
    page.click("summary.filters__summary")  # "Filter results": a <details>, no script
    page.select_option("#id_radius", "5")
    page.select_option("#id_age", "7")
    page.check("#need-ASD")
    page.check("#kind-resourced")
    page.get_by_role("button", name="Apply filters").click()
    assert "need=ASD" in page.url and "postcode=NB1" in page.url
    cards = page.locator(".result-card")
    assert cards.count() >= 2
    names = [cards.nth(i).locator("h3").inner_text() for i in range(2)]
    for i in range(2):
        page.locator(".result-card").nth(i).get_by_role("button", name="Add to shortlist").click()
    page.goto(live_server.url + "/directory/shortlist/")
    page.get_by_role("link", name="Compare these side by side").click()
    assert "/directory/compare/?ids=" in page.url
    headers = page.locator("thead th").all_inner_texts()
    assert headers == names
    assert page.locator("text=SEND information report").count() >= 1
    context.close()
