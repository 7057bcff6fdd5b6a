"""A SENCo follows a "Missing: …" link, from their dashboard or inside the edit form, to the
field itself: Wagtail opens the tab that holds the id the link names, the cursor is in the
field, and the field is on the screen (the tab's text areas growing to fit their text had
scrolled it out of sight: directory/static/directory/admin/field-in-view.js)."""

import time

import pytest

import roles
from directory.models import ListingEditor, Setting

from ..conftest import PASSWORD
from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_FIELD = """() => {
  const field = document.activeElement;
  const box = field.getBoundingClientRect();
  return {id: field.id, top: box.top, bottom: box.bottom, height: window.innerHeight};
}"""


def log_in_as_senco(live_server, chromium, make_user, width):
    school = Setting.objects.filter(live=True, completeness_score__lt=100).first()
    senco = make_user("senco", roles.SETTING_EDITORS)
    ListingEditor.objects.create(user=senco, listing=school)
    # Playwright's wait_for_function evaluates a string, which the admin's CSP (no eval) forbids;
    # the policy itself is tested in test_admin_csp.py.
    context = chromium.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "senco")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return context, page, school


def field_comes_into_view(page, anchor, seconds=4):
    """Where the focused field settles: it must be `anchor`, whole on the screen."""
    deadline = time.monotonic() + seconds
    while True:
        field = page.evaluate(FOCUSED_FIELD)
        on_screen = field["top"] >= 0 and field["bottom"] <= field["height"]
        if (field["id"].startswith(anchor) and on_screen) or time.monotonic() > deadline:
            return field
        page.wait_for_timeout(100)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_missing_item_link_on_the_dashboard_opens_the_field_on_screen(
    live_server, demo_directory, chromium, make_user, width
):
    context, page, _ = log_in_as_senco(live_server, chromium, make_user, width)
    link = page.locator("section[aria-labelledby='your-listings-heading'] a[href*='#id_']").first
    anchor = link.get_attribute("href").split("#")[1]
    link.click()
    field = field_comes_into_view(page, anchor)
    assert field["id"].startswith(anchor)
    assert field["top"] >= 0 and field["bottom"] <= field["height"], field
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_missing_item_link_in_the_form_brings_its_field_on_screen(
    live_server, demo_directory, chromium, make_user, width
):
    context, page, school = log_in_as_senco(live_server, chromium, make_user, width)
    edit = f"{live_server.url}/admin/directory/settings/edit/{school.pk}/"
    page.goto(edit)
    count = page.locator(".listing-completeness a[href*='#id_']").count()
    assert count
    for number in range(count):
        page.goto(edit)
        link = page.locator(".listing-completeness a[href*='#id_']").nth(number)
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        field = field_comes_into_view(page, anchor)
        assert field["id"].startswith(anchor), (anchor, field)
        assert field["top"] >= 0 and field["bottom"] <= field["height"], (anchor, field)
    context.close()
