import pytest

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_is_accessible(live_server, demo_site, browser_page, assert_accessible, width):
    page = browser_page(width)
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "SEND support for families"
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_not_found_page_is_accessible(
    live_server, demo_site, browser_page, assert_accessible, width
):
    page = browser_page(width)
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)


def test_keyboard_user_can_skip_to_the_content(live_server, demo_site, browser_page):
    page = browser_page(320)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("width", WIDTHS)
def test_feedback_pages_are_accessible(
    live_server, demo_site, browser_page, assert_accessible, width
):
    page = browser_page(width)
    for path in ("/feedback/", "/feedback/thanks/"):
        assert page.goto(live_server.url + path).status == 200
        assert_accessible(page)
    # A submission with nothing in it shows the error summary, which must be accessible too.
    page.goto(live_server.url + "/feedback/")
    page.click("form.feedback-form button[type=submit]")
    assert "There is a problem" in page.content()
    assert_accessible(page)
