import pytest

from directory.models import Service, Setting

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_profiles_are_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    # A complete school, one with gaps, a stale one, a college, and a service.
    listings = [
        Setting.objects.order_by("-completeness_score").first(),
        Setting.objects.filter(completeness_score__lt=100).order_by("completeness_score").first(),
        Setting.objects.order_by("last_reviewed_on").first(),
        Setting.objects.filter(setting_type="college").first(),
        Service.objects.order_by("completeness_score").first(),
    ]
    page = browser_page(width)
    for listing in listings:
        response = page.goto(live_server.url + listing.get_url())
        assert response.status == 200
        assert page.locator("h1").inner_text() == listing.name
        assert_accessible(page)
    # Opened from a search: "Back to results" in place of the breadcrumbs (in a landmark too).
    page.goto(live_server.url + listings[0].get_url() + "?back=%2Fdirectory%2F%3Fage%3D7")
    assert page.locator("a.back-link").inner_text() == "Back to results"
    assert_accessible(page)


def test_profile_prints_without_navigation(live_server, demo_directory, browser_page):
    page = browser_page(1280)
    page.goto(live_server.url + Setting.objects.first().get_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator("h1").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_transparency_page_is_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    page = browser_page(width)
    assert page.goto(live_server.url + "/directory/transparency/").status == 200
    assert page.locator("table tbody tr").count() == 2
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_api_page_is_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    page = browser_page(width)
    assert page.goto(live_server.url + "/api/oruk/docs/").status == 200
    assert page.locator("h3").count() >= 11  # every endpoint
    assert_accessible(page)
