import pytest

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_guide(demo_directory):
    from home.models import HomePage
    from localoffer.demo import guide as guidance_demo

    guidance_demo.seed(HomePage.objects.get())


@pytest.mark.parametrize("width", WIDTHS)
def test_every_demo_guide_page_is_accessible(
    live_server, demo_guide, browser_page, assert_accessible, width
):
    from guidance.models import GuidePage

    page = browser_page(width)
    paths = ["/guide/", "/guide/words-we-use/", "/guide/ehc-deadlines/"]
    paths += [guide_page.url for guide_page in GuidePage.objects.live().order_by("path")]
    assert len(paths) >= 19
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_questions_open_without_javascript(live_server, demo_guide, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/guide/appeals/")
    answer = page.locator("details.details").first
    assert not answer.evaluate("el => el.open")
    answer.locator("summary").click()
    assert answer.evaluate("el => el.open")
    context.close()


def fill_request_date(page, day, month, year):
    page.fill("#id_request_received_0", day)
    page.fill("#id_request_received_1", month)
    page.fill("#id_request_received_2", year)
    page.click("form.deadlines-form button[type=submit]")


def test_the_deadlines_calculator_works_without_javascript(live_server, demo_guide, chromium):
    context = chromium.new_context(java_script_enabled=False)
    context.set_default_timeout(10000)
    page = context.new_page()
    page.goto(live_server.url + "/guide/ehc-deadlines/")
    fill_request_date(page, "2", "3", "2026")
    assert "Monday 20 July 2026" in page.content()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_deadlines_calculator_results_and_errors_are_accessible(
    live_server, demo_guide, browser_page, assert_accessible, width
):
    # axe-core runs as JavaScript, so this test has it on; the form itself does not need it.
    page = browser_page(width)
    page.goto(live_server.url + "/guide/ehc-deadlines/")
    fill_request_date(page, "2", "3", "2026")
    assert "Monday 20 July 2026" in page.content()
    assert_accessible(page)
    # A date that does not exist: the error summary links to the field.
    fill_request_date(page, "31", "2", "2026")
    assert "There is a problem" in page.content()
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "id_request_received_0"
    assert_accessible(page)
