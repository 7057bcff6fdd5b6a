"""A SENCo follows a "Missing: …" link from their dashboard to the field itself: Wagtail opens
the tab that holds the id the link names, and the cursor is in the field."""

import pytest

import roles
from directory.models import ListingEditor, Setting

from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_item_link_opens_its_tab_and_puts_the_cursor_in_the_field(
    live_server, demo_directory, chromium, make_user
):
    school = Setting.objects.filter(live=True, completeness_score__lt=100).first()
    senco = make_user("senco", roles.SETTING_EDITORS)
    ListingEditor.objects.create(user=senco, listing=school)
    # Playwright's wait_for_function evaluates a string, which the admin's CSP (no eval) forbids;
    # the policy itself is tested in test_admin_csp.py.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "senco")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    link = page.locator("section[aria-labelledby='your-listings-heading'] a[href*='#id_']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_function(
        f"document.activeElement && document.activeElement.id.startsWith('{anchor}')"
    )
    assert page.locator(f"#{anchor}").first.is_visible() or page.evaluate(
        "document.activeElement.offsetParent !== null"
    )
    context.close()
