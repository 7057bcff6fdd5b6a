"""Each authority's own Open Referral UK feed, the national one and its filter by authority, and
the API's page for developers: as another council's developer or a national aggregator meets
them, over HTTP on each site's host."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from directory.taxonomy import ServiceCategory
from localoffer.local_offers import add_local_offer

from .oruk_helpers import assert_valid

API = "/api/oruk"
NATIONAL = "testserver"  # the default site: the national one
NORTHBROOK = "northbrook.localhost"
SOUTHMERE = "southmere.localhost"
SHARED_PROVIDER = "Brook Valley Health Trust"

NORTHBROOK_NAMES = {
    "Oakfield Primary School",
    "Northbrook SENDIAS",
    "Northbrook Speech Therapy",
}
SOUTHMERE_NAMES = {"Southmere Academy", "Southmere Short Breaks"}


@pytest.fixture
def feeds(demo_site, make_setting, make_service, authority, other_authority):
    """Northbrook and Southmere, each with its own site and listings; one provider serves
    both."""
    address = {"address_1": "1 High Street", "town": "Town", "postcode": "NB1 1AA"}
    made = {
        "oakfield": make_setting("Oakfield Primary School", **address),
        "sendias": make_service("Northbrook SENDIAS", category=ServiceCategory.SENDIAS),
        "therapy": make_service("Northbrook Speech Therapy", provider=SHARED_PROVIDER, **address),
        "academy": make_setting("Southmere Academy", authority=other_authority, **address),
        "breaks": make_service(
            "Southmere Short Breaks",
            authority=other_authority,
            category=ServiceCategory.SHORT_BREAKS,
            provider=SHARED_PROVIDER,
            **address,
        ),
    }
    add_local_offer(authority, NORTHBROOK, settings_values={"authority_name": "Northbrook"})
    add_local_offer(other_authority, SOUTHMERE, settings_values={"authority_name": "Southmere"})
    return made


def get(client, host, path, status=200, **params):
    response = client.get(API + path, params, HTTP_HOST=host)
    assert response.status_code == status, (host, path, response.content[:300])
    return response


def names(client, host, path="/services", **params):
    body = get(client, host, path, per_page=200, **params).json()
    assert body["total_items"] == len(body["contents"])
    if path == "/service_at_locations":
        return {item["service"]["name"] for item in body["contents"]}
    return {item["name"] for item in body["contents"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host,expected",
    [
        (NORTHBROOK, NORTHBROOK_NAMES),
        (SOUTHMERE, SOUTHMERE_NAMES),
        (NATIONAL, NORTHBROOK_NAMES | SOUTHMERE_NAMES),
    ],
)
def test_each_site_serves_its_own_listings(client, feeds, host, expected):
    assert names(client, host) == expected
    body = get(client, host, "/services", per_page=200, full="true").json()
    assert_valid("service_list", body)
    # Only listings with an address have a service_at_location.
    assert names(client, host, "/service_at_locations") == expected - {"Northbrook SENDIAS"}
    streamed = get(client, host, "/services", format="ndjson")
    lines = b"".join(streamed.streaming_content).decode().splitlines()
    assert len(lines) == len(expected)
    minimal = get(client, host, "/services", minimal="true")
    assert b"".join(minimal.streaming_content).decode().count('"id"') == len(expected)


@pytest.mark.django_db
def test_organizations_hold_only_the_feeds_services(client, feeds):
    northbrook = names(client, NORTHBROOK, "/organizations")
    assert northbrook == {"Oakfield Primary School", "Northbrook", SHARED_PROVIDER}
    southmere = names(client, SOUTHMERE, "/organizations")
    assert southmere == {"Southmere Academy", SHARED_PROVIDER}
    assert names(client, NATIONAL, "/organizations") == northbrook | southmere
    # The provider that serves both authorities lists, on each site, that site's services.
    therapy = get(client, NATIONAL, f"/services/{feeds['therapy'].oruk_id}").json()
    provider_id = therapy["organization"]["id"]
    for host, services in (
        (NORTHBROOK, {"Northbrook Speech Therapy"}),
        (SOUTHMERE, {"Southmere Short Breaks"}),
        (NATIONAL, {"Northbrook Speech Therapy", "Southmere Short Breaks"}),
    ):
        organization = get(client, host, f"/organizations/{provider_id}").json()
        assert {service["name"] for service in organization["services"]} == services
        listed = names(client, host, organization_id=provider_id)
        assert listed == services


@pytest.mark.django_db
def test_another_authoritys_objects_are_not_found_on_an_authority_site(client, feeds):
    academy = get(client, NATIONAL, f"/services/{feeds['academy'].oruk_id}").json()
    sal_id = academy["service_at_locations"][0]["id"]
    organization_id = academy["organization"]["id"]
    for path in (
        f"/services/{feeds['academy'].oruk_id}",
        f"/service_at_locations/{sal_id}",
        f"/organizations/{organization_id}",
    ):
        missing = get(client, NORTHBROOK, path, status=404).json()
        assert missing["status"] == 404 and "message" in missing
        assert get(client, SOUTHMERE, path).json()["id"] in (
            str(feeds["academy"].oruk_id),
            sal_id,
            organization_id,
        )
    message = get(client, NORTHBROOK, f"/services/{feeds['academy'].oruk_id}", 404).json()
    assert "of Northbrook" in message["message"]


@pytest.mark.django_db
def test_the_national_feed_filters_by_authority(client, feeds):
    assert names(client, NATIONAL, local_authority="990") == NORTHBROOK_NAMES
    assert names(client, NATIONAL, local_authority="991") == SOUTHMERE_NAMES
    assert names(client, NATIONAL, "/service_at_locations", local_authority="991") == (
        SOUTHMERE_NAMES
    )
    assert names(client, NATIONAL, "/organizations", local_authority="991") == {
        "Southmere Academy",
        SHARED_PROVIDER,
    }
    # Combined with the other filters, and on an authority's own site with its own code.
    assert names(client, NATIONAL, local_authority="990", search="speech") == {
        "Northbrook Speech Therapy"
    }
    assert names(client, NORTHBROOK, local_authority="990") == NORTHBROOK_NAMES


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host,value,message",
    [
        (NATIONAL, "99", "local_authority must be a local authority's three-digit code"),
        (NATIONAL, "Northbrook", "local_authority must be a local authority's three-digit code"),
        (NATIONAL, "9900", "local_authority must be a local authority's three-digit code"),
        (NATIONAL, "999", "No local authority in this directory has the code 999"),
        (NORTHBROOK, "991", "This is Northbrook's own feed"),
        (NORTHBROOK, "abc", "local_authority must be a local authority's three-digit code"),
    ],
)
def test_a_bad_authority_is_a_400_that_says_why(client, feeds, host, value, message):
    for path in ("/services", "/service_at_locations", "/organizations"):
        body = get(client, host, path, status=400, local_authority=value).json()
        assert body["status"] == 400 and message in body["message"]


@pytest.mark.django_db
def test_each_feed_has_its_own_validators(client, feeds):
    tags = {host: get(client, host, "/services")["ETag"] for host in (NORTHBROOK, SOUTHMERE)}
    assert tags[NORTHBROOK] != tags[SOUTHMERE]
    again = client.get(API + "/services", HTTP_HOST=NORTHBROOK, HTTP_IF_NONE_MATCH=tags[NORTHBROOK])
    assert again.status_code == 304
    there = client.get(API + "/services", HTTP_HOST=SOUTHMERE, HTTP_IF_NONE_MATCH=tags[NORTHBROOK])
    assert there.status_code == 200


@pytest.mark.django_db
def test_openapi_documents_the_filter_for_each_site(client, feeds):
    spec = get(client, NORTHBROOK, "/openapi.json").json()
    assert spec["servers"] == [{"url": f"http://{NORTHBROOK}/api/oruk/"}]
    assert spec["components"]["parameters"]["local_authority"]["in"] == "query"
    for path in ("/services", "/service_at_locations", "/organizations"):
        references = [p.get("$ref", "") for p in spec["paths"][path]["get"]["parameters"]]
        assert "#/components/parameters/local_authority" in references
    assert spec["components"]["parameters"]["per_page"]["schema"]["maximum"] == 200


@pytest.mark.django_db
def test_a_page_of_an_authoritys_full_services_in_a_fixed_number_of_queries(
    client, feeds, make_setting, make_service, other_authority, django_assert_max_num_queries
):
    for index in range(30):
        make_setting(f"School {index:02}", address_1="1 Road", town="Town", postcode="NB1 1AA")
        make_service(f"Service {index:02}", provider=f"Provider {index % 4}", cost="Free")
        make_setting(f"Southmere School {index:02}", authority=other_authority)
    for host, params in ((NORTHBROOK, {}), (NATIONAL, {"local_authority": "990"})):
        for path in ("/services", "/service_at_locations", "/organizations"):
            # The feed (the site, the directory version and its authority: 3) beside what
            # test_oruk_api.py counts.
            with django_assert_max_num_queries(15):
                body = get(client, host, path, per_page=50, full="true", **params).json()
            # 30 schools with an address and Oakfield's therapy, beside the feed's others.
            assert body["total_items"] >= 32 and body["size"] == min(50, body["total_items"])
            assert all("Southmere" not in item.get("name", "") for item in body["contents"])


# The page for developers -------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.headings, self._heading = [], 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        if tag == "script":
            self.scripts += 1
        if tag == "h3":
            self._heading = ""

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data

    def handle_endtag(self, tag):
        if tag == "h3" and self._heading is not None:
            self.headings.append(" ".join(self._heading.split()))
            self._heading = None


def docs_page(client, host):
    response = client.get(API + "/docs/", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = Links()
    page.feed(response.content.decode())
    return response.content.decode(), page


@pytest.mark.django_db
@pytest.mark.parametrize("host", [NATIONAL, NORTHBROOK])
def test_the_docs_page_shows_every_endpoint_with_examples_that_work(client, feeds, host):
    html, page = docs_page(client, host)
    spec = get(client, host, "/openapi.json").json()
    assert page.scripts == 0
    assert sorted(page.headings) == sorted(f"GET {path}" for path in spec["paths"])
    assert page.headings[:3] == ["GET /", "GET /services", "GET /services/{id}"]
    for path, item in spec["paths"].items():
        for parameter in item["get"].get("parameters", []) + item.get("parameters", []):
            name = parameter.get("name") or parameter["$ref"].rsplit("/", 1)[-1]
            assert f"<code>{name}</code>" in html, (path, name)
    # Every example is a real request to this site's feed, and answers. (Links to other
    # sites' feeds, national or an authority's, are checked by the next test.)
    examples = [link for link in page.links if urlsplit(link).netloc == host]
    examples = [link for link in examples if urlsplit(link).path.startswith(API + "/")]
    tried = set()
    for link in examples:
        parts = urlsplit(link)
        response = client.get(f"{parts.path}?{parts.query}", HTTP_HOST=parts.netloc)
        assert response.status_code == 200, link
        tried.add(re.sub(r"/[0-9a-f-]{36}$", "/{id}", parts.path.removeprefix(API)) or "/")
    assert tried >= set(spec["paths"]) | {"/openapi.json"}


@pytest.mark.django_db
def test_the_docs_page_says_whose_feed_it_is(client, feeds):
    html, _ = docs_page(client, NORTHBROOK)
    assert "only Northbrook's schools, settings and services" in html
    assert f"http://{NORTHBROOK}/api/oruk/" in html
    html, page = docs_page(client, NATIONAL)
    assert "every local authority's" in html
    # Each authority's code, its filtered national feed and its own site's feed.
    for code, host in (("990", NORTHBROOK), ("991", SOUTHMERE)):
        assert f"http://testserver/api/oruk/services?local_authority={code}" in page.links
        assert f"http://{host}/api/oruk/" in page.links


@pytest.mark.django_db
def test_the_docs_page_takes_the_same_queries_however_big_the_directory(
    client, feeds, make_setting, django_assert_max_num_queries
):
    from directory.models import LocalAuthority

    # Both measured after a change naming no listing (an authority added): each process then
    # checks the change log and reads its site-wide values again (directory/change_log.py).
    docs_page(client, NATIONAL)
    LocalAuthority.objects.create(code="799", name="Authority before")
    with django_assert_max_num_queries(13) as few:
        docs_page(client, NATIONAL)
    for index in range(20):
        LocalAuthority.objects.create(code=f"{800 + index}", name=f"Authority {index}")
        make_setting(f"More School {index}", address_1="2 Road", town="Town", postcode="NB1 1AA")
    with django_assert_max_num_queries(len(few.captured_queries)):
        docs_page(client, NATIONAL)


@pytest.mark.django_db
@pytest.mark.parametrize("host", [NATIONAL, NORTHBROOK])
def test_every_public_page_links_to_the_api_page(client, feeds, host):
    for path in ("/", "/directory/", feeds["oakfield"].get_url(), "/directory/transparency/"):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        assert 'href="/api/oruk/docs/"' in response.content.decode(), path
    transparency = client.get("/directory/transparency/", HTTP_HOST=host).content.decode()
    main = transparency.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert 'href="/api/oruk/docs/"' in main
