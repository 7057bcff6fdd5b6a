"""The dashboards' own panels on a phone: their headings wrap instead of running off the
screen (Wagtail's panel heading does not wrap; walked at 320 px, "The Local Offer at a glance:
Northbrook" and "For the parent carer forum" were cut off)."""

import pytest

import roles

from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS_CUT_OFF = """() => [...document.querySelectorAll("main section h2")]
  .filter(heading => heading.scrollWidth > heading.parentElement.clientWidth + 1)
  .map(heading => heading.textContent.trim())"""


@pytest.mark.parametrize(
    "username, role, heading",
    [
        ("officer", roles.LOCAL_OFFER_OFFICERS, "The Local Offer at a glance: Northbrook"),
        ("forum", roles.FORUM_EDITORS, "For the parent carer forum"),
    ],
)
def test_the_dashboards_headings_are_whole_at_320_px(
    live_server, browser_page, make_user, make_setting, authority, username, role, heading
):
    make_setting("Oakfield Primary School")
    make_user(username, role, authorities=[authority])
    page = browser_page(320)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.evaluate(HEADINGS_CUT_OFF) == []
