"""Issue 25 (7): figures are for the viewer's authorities (or the site's), and say so."""

import re

import pytest

import roles

from ..conftest import PASSWORD
from .test_national_model import (  # noqa: F401 (fixtures)
    NORTHBROOK_HOST,
    local_offers,
    national_guide,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(make_setting, authority, other_authority):
    for n in range(3):
        make_setting(f"Northbrook School {n}", authority=authority)
    make_setting("Southmere School", authority=other_authority)


def glance(client, username):
    assert client.login(username=username, password=PASSWORD)
    html = client.get("/admin/").content.decode()
    client.logout()
    panel = html[html.index('id="overview-heading"') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", panel[: panel.index("</section>")]))


def test_the_dashboard_shows_each_officer_their_own_authoritys_figures(
    client,
    listings,
    make_user,
    authority,
    other_authority,  # noqa: F811
):
    make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    make_user("officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[other_authority])
    make_user("regulator", roles.REGULATORS)
    northbrook = glance(client, "officer")
    assert (
        "at a glance: Northbrook" in northbrook
        and "In Northbrook, 3 published listings" in northbrook
    )
    southmere = glance(client, "officer-southmere")
    assert (
        "at a glance: Southmere" in southmere and "In Southmere, 1 published listing:" in southmere
    )
    national = glance(client, "regulator")
    assert "Across every local authority, 4 published listings" in national


def test_a_councils_transparency_page_gives_its_own_figures_and_says_so(
    client,
    listings,
    local_offers,  # noqa: F811
):
    html = client.get("/directory/transparency/", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    caption = html[html.index("<caption") : html.index("</caption>")]
    assert "Northbrook Council's Local Offer: 3 listings" in caption
    assert "Southmere" not in html[html.index("<table") : html.index("</table>")]
    assert 'href="/directory/transparency/?all"' in html

    everyone = client.get("/directory/transparency/?all", HTTP_HOST=NORTHBROOK_HOST)
    html = everyone.content.decode()
    caption = html[html.index("<caption") : html.index("</caption>")]
    assert "Every local authority on this service: 4 listings in 2 local authorities" in caption
    national = client.get("/directory/transparency/").content.decode()
    # The national site speaks for itself, with every authority's figures.
    caption = national[national.index("<caption") : national.index("</caption>")]
    assert ": 4 listings in 2 local authorities" in caption
