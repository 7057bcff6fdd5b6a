"""The inclusion profile on a phone and a wide screen: accessible (axe-core), no sideways
scroll, no script; the compare view's inclusion rows likewise."""

import pytest

from directory.models import Setting
from inclusion.models import SchoolFigures, SchoolReply

from .conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_inclusion_section_is_accessible(
    live_server, demo_directory, browser_page, assert_accessible, width
):
    from localoffer.demo import inclusion_demo

    inclusion_demo.seed()
    urns = SchoolFigures.objects.values_list("urn", flat=True)
    schools = list(Setting.objects.filter(urn__in=urns).order_by("urn")[:2])
    SchoolReply.objects.create(setting=schools[0], text="Our SENCo is on the leadership team.")
    page = browser_page(width)
    for school in schools:
        assert page.goto(live_server.url + school.get_url()).status == 200
        assert page.locator("#inclusion-profile").is_visible()
        assert page.locator(".inclusion-criteria__item").count() == 5
        assert_accessible(page)
    ids = ",".join(str(school.pk) for school in schools)
    assert page.goto(f"{live_server.url}/directory/compare/?ids={ids}").status == 200
    assert page.get_by_text("Inclusion: published figures").is_visible()
    assert_accessible(page)
