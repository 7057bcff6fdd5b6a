import pytest
from django.test import RequestFactory

from localoffer.demo import sites as demo_sites
from localoffer.views import server_error


@pytest.mark.django_db
def test_home_page_offers_the_four_ways_in_and_sendias(
    client, demo_site, authority, other_authority
):
    demo_sites.seed_authority_sites()
    response = client.get("/", HTTP_HOST="northbrook.localhost")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in (
        "My child may have SEND",
        "Find a school or service",
        "Know your rights",
        "Get help now",
    ):
        assert heading in html
    # The SENDIAS contact comes from the authority's settings, not the template.
    assert "Northbrook SENDIAS" in html
    assert 'href="tel:01632960200"' in html
    # The layout: skip link first, the authority's name, the main navigation, the phase banner.
    assert html.index('class="skip-link"') < html.index('class="site-header"')
    assert "Northbrook Council" in html
    assert 'aria-label="Main"' in html
    for link in ('href="/guide/"', 'href="/directory/"', 'href="/feedback/"'):
        assert link in html
    assert "This is a new service" in html
    # Works without JavaScript: the public layout ships none.
    assert "<script" not in html


@pytest.mark.django_db
def test_changing_the_authority_setting_changes_every_page(client, demo_site):
    from home.models import AuthoritySettings

    authority = AuthoritySettings.for_site(demo_site)
    authority.authority_name = "Southmere Borough Council"
    authority.phase = ""
    authority.save()
    html = client.get("/").content.decode()
    assert "Southmere Borough Council" in html
    assert "This is a new service" not in html


@pytest.mark.django_db
def test_unknown_address_gets_the_404_page_in_the_site_layout(client, demo_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Local Offers in England" in html
    assert 'id="main-content"' in html


@pytest.mark.django_db
def test_server_error_page_uses_the_site_layout(demo_site):
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert 'class="skip-link"' in html


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_each_process_keeps_which_site_answers_a_host_but_never_a_page(client, demo_site):
    """localoffer.site_lookup: after the first request a host's site costs no query of its
    own; a change to the home page shows at once, and a change of a site's hostname routes
    the next request by it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    home = demo_site.root_page.specific
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("wagtailcore_site" in q["sql"] for q in queries.captured_queries)

    home.title = "Welcome to the Local Offer (changed)"
    home.seo_title = ""
    home.save_revision().publish()
    assert "Welcome to the Local Offer (changed)" in client.get("/").content.decode()

    other_root = home.add_sibling(instance=type(home)(title="Southmere home", slug="southmere"))
    Site.objects.create(hostname="southmere.localhost", root_page=other_root, site_name="S")
    assert "Southmere home" in client.get("/", HTTP_HOST="southmere.localhost").content.decode()
    site = Site.objects.get(hostname="southmere.localhost")
    site.hostname = "southmere2.localhost"
    site.save()
    assert "Southmere home" not in client.get("/", HTTP_HOST="southmere.localhost").content.decode()
    assert "Southmere home" in client.get("/", HTTP_HOST="southmere2.localhost").content.decode()
