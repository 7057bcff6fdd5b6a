"""Polish and Urdu (right to left) in a real browser: a guide page, the directory search with
results and with an error, and the calculator are accessible (axe-core, 0 violations) at 320
and 1280 px, and Urdu lays out right to left."""

import pytest

from ..languages import conftest as languages
from .conftest import WIDTHS

# The languages tests' site, guide and translations (fixtures shared by name).
offers_languages = languages.offers_languages
english_guide = languages.english_guide
translated_guide = languages.translated_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = (
    "/guide/asking-for-help/",
    "/directory/?q=school",
    "/directory/?age=200",
    "/guide/ehc-deadlines/?request_received_day=31&request_received_month=2"
    "&request_received_year=2026",
)


@pytest.mark.usefixtures("translated_guide")
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("code", ["pl", "ur"])
def test_translated_pages_are_accessible(
    live_server, make_setting, browser_page, assert_accessible, code, width
):
    make_setting()
    page = browser_page(width)
    for path in PAGES:
        page.goto(f"{live_server.url}/{code}{path}")
        assert page.locator("html").get_attribute("lang") == code
        assert_accessible(page)
        if code == "ur":
            # Right to left: the main heading starts at the right-hand edge of its box.
            direction = page.evaluate("getComputedStyle(document.querySelector('h1')).direction")
            assert direction == "rtl"
