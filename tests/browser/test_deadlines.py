"""The deadlines calculator in a real browser: every group of the form, the results and the
errors are accessible (axe-core) at 320 and 1280 px, and the form works without JavaScript."""

import pytest

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_guide(demo_directory):
    from home.models import HomePage
    from localoffer.demo import guide as guidance_demo

    guidance_demo.seed(HomePage.objects.get())


def fill_date(page, name, day, month, year):
    page.fill(f"#id_{name}_0", day)
    page.fill(f"#id_{name}_1", month)
    page.fill(f"#id_{name}_2", year)


def submit(page):
    page.click("form.deadlines-form button[type=submit]")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_deadline_is_accessible(
    live_server, demo_guide, browser_page, assert_accessible, width
):
    page = browser_page(width)
    page.goto(live_server.url + "/guide/ehc-deadlines/")
    assert_accessible(page)  # the empty form
    fill_date(page, "request_received", "2", "3", "2026")
    fill_date(page, "draft_plan_served", "4", "6", "2026")
    fill_date(page, "review_meeting", "10", "3", "2026")
    page.select_option("#id_move", "post-16-to-post-16")
    fill_date(page, "move_date", "31", "7", "2027")
    fill_date(page, "decision_sent", "15", "6", "2026")
    fill_date(page, "discrimination_on", "26", "6", "2026")
    submit(page)
    content = page.content()
    assert "By 5pm on Tuesday 1 September 2026" in content  # the appeal, out of August
    assert "By Sunday 28 February 2027" in content  # 5 months before 31 July 2027
    page.click("#deadline-final-plan summary")  # the reasons the council can take longer
    assert_accessible(page)


def test_a_move_error_links_to_the_school_year(live_server, demo_guide, chromium):
    context = chromium.new_context(java_script_enabled=False)
    context.set_default_timeout(10000)
    page = context.new_page()
    page.goto(live_server.url + "/guide/ehc-deadlines/")
    page.select_option("#id_move", "primary-secondary")
    page.select_option("#id_school_year", "7")
    submit(page)
    assert "has already made this move" in page.content()
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "id_school_year"
    # Year 6 instead: the plan must name the new school before 15 February.
    page.select_option("#id_school_year", "6")
    submit(page)
    assert "15 February" in page.locator("#deadline-phase-transfer").inner_text()
    context.close()
