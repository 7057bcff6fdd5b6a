"""Real headless Chromium (Debian's package) driven by Playwright, with axe-core.

Playwright cannot download its own browser here, so the tests launch /usr/bin/chromium.
Where it is missing they are skipped with a reason, except in CI, where they must run.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WIDTHS = (320, 1280)

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are
# still synchronous, so Django's guard against ORM use inside an event loop does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh page; call `browser_page(width)` to get one at that viewport width."""
    contexts = []

    def open_page(width=1280):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (WCAG 2.0-2.2 A and AA rules and best practice) and fail on any violation."""

    def check(page):
        results = axe.run(page)
        violations = results.response["violations"]
        assert violations == [], results.generate_report()
        # Works at 320 px: nothing forces the page to scroll sideways.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"page scrolls sideways by {overflow}px"

    return check


@pytest.fixture
def demo_directory(demo_site):
    """The demo authority's listings, as seed_demo makes them."""
    from localoffer.demo import listings as directory_demo

    directory_demo.seed()
