"""The Content-Security-Policy headers with a real browser: the admin still works (log in,
open the page editor, save a draft) and the browser reports no violation anywhere."""

import pytest
from django.urls import reverse

from directory.models import Setting
from home.models import HomePage

from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watch(page):
    problems = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_the_admin_works_under_its_policy(live_server, demo_site, make_user, browser_page):
    make_user("boss")
    home = HomePage.objects.get()
    page = browser_page(1280)
    problems = watch(page)

    response = page.goto(live_server.url + "/admin/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    assert violations(page) == []

    response = page.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    # Wagtail's scripts ran: the sidebar and the StreamField editor are built by JavaScript.
    assert page.evaluate("typeof window.wagtail") == "object"
    page.locator("[data-side-panel-toggle], .sidebar").first.wait_for()
    assert page.locator("[data-streamfield-stream-container]").count() >= 1
    # The date pickers whose inline scripts the policy forbids were started by admin-init.js.
    started = "[data-lo-init=initDateTimeChooser][data-lo-started]"
    assert page.locator(started).count() == 2  # go-live and expiry dates
    page.fill("#id_title", "Home (draft)")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    assert HomePage.objects.get().get_latest_revision().content["title"] == "Home (draft)"
    assert violations(page) == []
    assert problems == []


def test_public_pages_run_no_script_and_break_no_rule(live_server, demo_site, browser_page):
    page = browser_page(1280)
    problems = watch(page)
    for path in ("/", "/directory/", "/search/?q=school", "/feedback/"):
        response = page.goto(live_server.url + path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'none'" in policy
        assert "default-src 'none'" in policy
        assert violations(page) == [], path
    # The policy is really enforced: a script slipped into the page does not run.
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in violations(page))
    # Only the injected script was refused.
    refused = [p for p in problems if "Content Security Policy" in p]
    assert len(refused) == 1 and "script-src 'none'" in refused[0]


def test_other_admin_screens_break_no_rule(
    live_server, demo_site, make_user, make_setting, browser_page
):
    make_user("boss")
    school = make_setting("Oakfield Primary School")
    page = browser_page(1280)
    problems = watch(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in (
        reverse(Setting.snippet_viewset.get_url_name("edit"), args=[school.pk]),
        "/admin/reports/local-offer/authorities/",
        "/admin/two-factor/setup/",
        "/admin/lockouts/",
        "/admin/users/",
        "/",  # a public page with Wagtail's user bar, for someone who can use the admin
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    assert problems == []
