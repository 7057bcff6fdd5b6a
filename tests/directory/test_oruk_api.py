"""The Open Referral UK 3.0 API at /api/oruk/, walked as the ORUK validator walks it, every body
checked against the standard's own JSON Schemas."""

import json
import random
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Listing
from directory.models.listings import ORUK_NAMESPACE
from directory.oruk.ids import authority_organization_id
from directory.oruk.taxonomies import NEEDS, SERVICE_CATEGORIES, SETTING_TYPES, TERMS_BY_CODE
from directory.taxonomy import ServiceCategory

from .oruk_helpers import assert_no_empty_values, assert_valid, build_directory

API = "/api/oruk"
ENDPOINTS = [
    # (list path, list schema, detail path, detail schema)
    ("/services", "service_list", "/services/{}", "service"),
    (
        "/service_at_locations",
        "service_at_location_list",
        "/service_at_locations/{}",
        "service_at_location",
    ),
    ("/organizations", "organization_list", "/organizations/{}", "organization"),
    ("/taxonomies", "taxonomy_list", "/taxonomies/{}", "taxonomy"),
    ("/taxonomy_terms", "taxonomy_term_list", "/taxonomy_terms/{}", "taxonomy_term"),
]


@pytest.fixture
def directory(make_setting, make_service, other_authority):
    return build_directory(make_setting, make_service, other_authority)


def get(client, path, status=200, headers=None, **params):
    response = client.get(API + path, params, headers=headers)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def get_json(client, path, status=200, **params):
    response = get(client, path, status, **params)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_api_details(client, db):
    body = get_json(client, "/")
    assert_valid("api_details", body)
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    spec = get_json(client, "/openapi.json")
    assert spec["info"]["version"] == "HSDS-UK-3.0"
    assert spec["servers"] == [{"url": "http://testserver/api/oruk/"}]
    assert set(spec["paths"]) >= {path for path, *_ in ENDPOINTS}


@pytest.mark.django_db
@pytest.mark.parametrize("list_path,list_schema,detail_path,detail_schema", ENDPOINTS)
def test_validator_walk(client, directory, list_path, list_schema, detail_path, detail_schema):
    """First, middle and last page of each list, then up to 10 random ids of it in full."""
    first = get_json(client, list_path, per_page=3)
    assert_valid(list_schema, first)
    assert first["first_page"] and first["page_number"] == 1
    total_pages = first["total_pages"]
    assert first["total_items"] > 3 and total_pages > 1
    ids = [item["id"] for item in first["contents"]]
    for page in sorted({max(1, total_pages // 2), total_pages}):
        body = get_json(client, list_path, per_page=3, page=page)
        assert_valid(list_schema, body)
        assert body["page_number"] == page
        assert body["last_page"] == (page == total_pages)
        ids += [item["id"] for item in body["contents"]]
    everything = get_json(client, list_path, per_page=200)
    assert len(everything["contents"]) == everything["total_items"] == first["total_items"]
    assert len({item["id"] for item in everything["contents"]}) == first["total_items"]
    ids = [item["id"] for item in everything["contents"]]
    for item_id in random.Random(13).sample(ids, min(10, len(ids))):
        body = get_json(client, detail_path.format(item_id))
        assert_valid(detail_schema, body)
        assert body["id"] == item_id


@pytest.mark.django_db
def test_only_published_listings(client, directory):
    services = get_json(client, "/services", per_page=200)
    names = {item["name"] for item in services["contents"]}
    assert "Unpublished Draft School" not in names
    assert services["total_items"] == Listing.objects.filter(live=True).count() == len(directory)
    draft = Listing.objects.get(name="Unpublished Draft School")
    get_json(client, f"/services/{draft.oruk_id}", status=404)


@pytest.mark.django_db
def test_full_service_maps_every_part(client, directory):
    school = Listing.objects.get(name="Oakfield Primary School").specific
    body = get_json(client, f"/services/{school.oruk_id}")
    assert_valid("service", body)
    assert body["status"] == "active"
    assert body["minimum_age"] == 4 and body["maximum_age"] == 11
    organization = body["organization"]
    assert organization["name"] == "Oakfield Primary School"
    assert {
        (i["identifier_scheme"], i["identifier"]) for i in organization["organization_identifiers"]
    } == {("GB-EDU", str(school.urn)), ("GB-UKPRN", "10012345")}
    (sal,) = body["service_at_locations"]
    location = sal["location"]
    assert location["latitude"] == 52.2001 and location["external_identifier_type"] == "URN"
    (address,) = location["addresses"]
    assert address["postal_code"] == "NB1 1AA" and address["country"] == "GB"
    (contact,) = body["contacts"]
    assert contact["name"] == "Ms Jane Patel" and "SENCo" in contact["title"]
    terms = {a["taxonomy_term"]["term"] for a in body["attributes"]}
    assert terms >= {"mainstream", "ASD", "SLCN", "SpLD"}
    profile = body["send_profile"]
    assert profile["kind"] == "setting"
    assert profile["needs"] == ["ASD", "SLCN", "SpLD"]
    assert profile["senco"]["hours_per_week"] == 12.5
    assert profile["senco"]["qualification"] == "in-progress"
    assert profile["inclusion"] == {
        "sen_support_percent": 14.2,
        "ehc_plan_percent": 3,
        "suspensions": 2,
        "permanent_exclusions": 0,
        "part_time_timetables": 1,
    }
    assert profile["resourced_provision"]["needs"] == ["ASD"]
    assert profile["send_information_report"]["url"] == "https://oakfield.example.org/send"
    assert profile["send_information_report"]["answers"]["sen_teaching"].startswith("Small")
    assert profile["completeness"]["score"] == school.completeness_score
    assert profile["profile_url"] == f"http://testserver/directory/{school.slug}/"
    assert profile["local_authority"] == {"code": "990", "name": "Northbrook"}

    therapy = Listing.objects.get(name="Children's Speech and Language Therapy")
    body = get_json(client, f"/services/{therapy.oruk_id}")
    assert body["organization"]["name"] == "Northbrook Community Health NHS Trust"
    assert body["fees"] == "Free" and body["cost_options"][0]["amount_description"] == "Free"
    assert body["schedules"][0]["description"] == "Monday to Friday, 9am to 5pm"
    assert body["phones"][0]["number"] == "01632 960100"
    assert body["service_areas"][0]["name"] == "Northbrook"
    assert body["application_process"].startswith("Families can refer")
    assert body["send_profile"]["waiting_time"] == {
        "weeks": 14,
        "stated_on": therapy.specific.waiting_stated_on.isoformat(),
        "current": True,
    }
    assert body["send_profile"]["self_referral"] is True
    categories = [a["taxonomy_term"] for a in body["attributes"]]
    # Therapies have no checked match in the ESD Services List: our own terms only.
    assert {t["taxonomy"] for t in categories} <= {"SEND service categories", "SEND needs"}


@pytest.mark.django_db
def test_esd_service_types_carry_their_term_uri(client, make_service):
    transport = make_service("Home to School Transport", category=ServiceCategory.TRANSPORT)
    make_service("Supported Employment Service", category=ServiceCategory.EMPLOYMENT)
    body = get_json(client, f"/services/{transport.oruk_id}")
    esd = [
        a["taxonomy_term"]
        for a in body["attributes"]
        if a["taxonomy_term"]["taxonomy"] == "LGA ESD service types"
    ]
    assert [(t["name"], t["term_uri"]) for t in esd] == [
        ("Special educational needs transport", "http://id.esd.org.uk/service/40")
    ]
    # The taxonomy's term list selects the services filed under it, and nothing else.
    terms = get_json(client, "/taxonomy_terms?per_page=200")["contents"]
    employment = next(t for t in terms if t.get("term_uri") == "http://id.esd.org.uk/service/239")
    found = get_json(client, f"/services?taxonomy_term_id={employment['id']}&per_page=50")
    names = {s["name"] for s in found["contents"]}
    assert "Supported Employment Service" in names and "Home to School Transport" not in names


@pytest.mark.django_db
def test_organizations(client, directory):
    therapy = Listing.objects.get(name="Children's Speech and Language Therapy")
    trust = get_json(client, f"/services/{therapy.oruk_id}")["organization"]
    body = get_json(client, f"/organizations/{trust['id']}")
    assert_valid("organization", body)
    # The same provider, however its name was spaced, is one organization with both services.
    assert {s["name"] for s in body["services"]} == {
        "Children's Speech and Language Therapy",
        "Occupational Therapy",
    }
    full = get_json(client, f"/organizations/{trust['id']}", full_service="true")
    assert all("attributes" in s for s in full["services"])
    # A service with no provider belongs to its local authority.
    sendias = Listing.objects.get(name="Northbrook SENDIAS")
    council = get_json(client, f"/services/{sendias.oruk_id}")["organization"]
    assert council["id"] == authority_organization_id("990")
    listed = get_json(client, "/services", organization_id=council["id"])
    assert [s["name"] for s in listed["contents"]] == ["Northbrook SENDIAS"]
    listed = get_json(client, "/services", organization_id=trust["id"])
    assert listed["total_items"] == 2
    organizations = get_json(client, "/organizations", per_page=200, full="true")
    assert_valid("organization_list", organizations)
    names = [o["name"] for o in organizations["contents"]]
    assert names.count("Northbrook Community Health NHS Trust") == 1
    assert "Unpublished Draft School" not in names
    get_json(client, f"/organizations/{uuid.uuid4()}", status=404)


@pytest.mark.django_db
def test_filters(client, directory):
    asd = TERMS_BY_CODE[(NEEDS.key, "ASD")]
    body = get_json(client, "/services", taxonomy_term_id=asd.id)
    assert {s["name"] for s in body["contents"]} == {
        "Oakfield Primary School",
        "Children's Speech and Language Therapy",
    }
    health = TERMS_BY_CODE[(SERVICE_CATEGORIES.key, "group-health")]
    body = get_json(client, "/services", taxonomy_term_id=health.id)
    assert {s["name"] for s in body["contents"]} == {
        "Children's Speech and Language Therapy",
        "Occupational Therapy",
    }
    body = get_json(client, "/services", taxonomy_id=SETTING_TYPES.id, per_page=200)
    assert body["total_items"] == 9
    body = get_json(client, "/services", search="speech")
    assert [s["name"] for s in body["contents"]] == ["Children's Speech and Language Therapy"]
    unknown = get_json(client, "/services", taxonomy_term_id=str(uuid.uuid4()))
    assert unknown["empty"] and unknown["total_items"] == 0
    body = get_json(client, "/services", modified_after="2999-01-01T00:00:00Z")
    assert body["total_items"] == 0 and body["empty"]
    body = get_json(client, "/services", modified_after="2000-01-01")
    assert body["total_items"] == len(directory)
    terms = get_json(client, "/taxonomy_terms", taxonomy_id=NEEDS.id, top_only="true")
    assert {t["term"] for t in terms["contents"]} == {
        "communication",
        "cognition",
        "semh",
        "sensory-physical",
        "OTH",
    }
    children = get_json(
        client, "/taxonomy_terms", parent_id=TERMS_BY_CODE[(NEEDS.key, "cognition")].id
    )
    assert {t["term"] for t in children["contents"]} == {"SpLD", "MLD", "SLD", "PMLD"}
    taxonomy = get_json(client, f"/taxonomies/{NEEDS.id}")
    assert len(taxonomy["taxonomy_terms"]) == 16


@pytest.mark.django_db
def test_postcode_and_proximity(client, directory):
    near = get_json(client, "/service_at_locations", postcode="nb11aa", proximity=2000)
    assert_valid("service_at_location_list", near)
    names = [sal["service"]["name"] for sal in near["contents"]]
    # Nearest first; the Occupational Therapy clinic 80 km away is not within 2 km.
    assert names[:2] == ["Oakfield Primary School", "Children's Speech and Language Therapy"]
    assert "Occupational Therapy" not in names
    assert "Brook Special School" in names
    everywhere = get_json(client, "/service_at_locations", postcode="NB1 1AA")
    assert "Occupational Therapy" in [s["service"]["name"] for s in everywhere["contents"]]
    # Listings with neither an address nor coordinates have no service_at_location.
    assert "Northbrook SENDIAS" not in [s["service"]["name"] for s in everywhere["contents"]]
    by_outward = get_json(client, "/service_at_locations", postcode="NB1", proximity=5000)
    assert by_outward["total_items"] == near["total_items"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,params,message",
    [
        ("/services", {"page": "x"}, "page must be a whole number"),
        ("/services", {"page": "0"}, "page must be at least 1"),
        ("/services", {"per_page": "-5"}, "per_page must be at least 1"),
        ("/services", {"full": "maybe"}, "full must be true or false"),
        ("/services", {"format": "xml"}, "format must be json or ndjson"),
        ("/services", {"taxonomy_term_id": "not-a-uuid"}, "taxonomy_term_id must be a UUID"),
        ("/services", {"organization_id": "1 OR 1=1"}, "organization_id must be a UUID"),
        ("/services", {"modified_after": "yesterday"}, "modified_after must be a date"),
        ("/services", {"search": "x" * 201}, "search must be at most 200"),
        ("/service_at_locations", {"postcode": "NOT A CODE"}, "is not a UK postcode"),
        ("/service_at_locations", {"postcode": "ZZ1 1ZZ"}, "not in this directory's postcode"),
        ("/service_at_locations", {"postcode": "NB1 1AA", "proximity": "far"}, "proximity must"),
        ("/service_at_locations", {"proximity": "100"}, "proximity needs a postcode"),
        ("/taxonomy_terms", {"top_only": "2"}, "top_only must be true or false"),
        ("/organizations", {"full_service": "nope"}, "full_service must be true or false"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, path, params, message):
    body = get_json(client, path, status=400, **params)
    assert message in body["message"] and body["status"] == 400


@pytest.mark.django_db
def test_unknown_ids_are_404(client):
    for path in (
        "/services/",
        "/service_at_locations/",
        "/organizations/",
        "/taxonomies/",
        "/taxonomy_terms/",
    ):
        assert "message" in get_json(client, path + str(uuid.uuid4()), status=404)
        assert "message" in get_json(client, path + "not-a-uuid", status=404)


@pytest.mark.django_db
def test_read_only_and_cors_preflight(client):
    assert client.post(API + "/services").status_code == 405
    response = client.options(API + "/services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_per_page_is_capped(client, make_setting):
    for index in range(3):
        make_setting(f"School {index}")
    body = get_json(client, "/services", per_page=100000)
    assert body["total_items"] == 3 and body["total_pages"] == 1
    assert get_json(client, "/services", page=5)["empty"] is True


@pytest.mark.django_db
def test_etag_and_last_modified(client, make_setting):
    school = make_setting("Cache School")
    first = get(client, "/services")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert get(client, "/services", status=304, headers={"If-None-Match": etag}).content == b""
    since = {"If-Modified-Since": modified}
    assert get(client, "/services", status=304, headers=since).content == b""
    other = get(client, "/services", per_page=5)["ETag"]
    assert other != etag  # each query has its own tag
    school.name = "Renamed School"
    school.save_revision().publish()
    changed = get(client, "/services", headers={"If-None-Match": etag})
    assert changed["ETag"] != etag
    assert changed.json()["contents"][0]["name"] == "Renamed School"


@pytest.mark.django_db
def test_minimal_and_ndjson_stream(client, directory):
    response = get(client, "/services", minimal="true")
    assert response.streaming
    body = json.loads(b"".join(response.streaming_content))
    assert_valid("service_list", body)
    assert body["total_items"] == len(body["contents"]) == len(directory)
    assert set(body["contents"][0]) == {"id", "name", "status", "last_modified"}
    response = get(client, "/services", format="ndjson", full="true")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == len(directory)
    for line in lines:
        assert_valid("service", json.loads(line))
    for path, schema in (
        ("/service_at_locations", "service_at_location"),
        ("/organizations", "organization"),
        ("/taxonomy_terms", "taxonomy_term"),
        ("/taxonomies", "taxonomy"),
    ):
        response = get(client, path, format="ndjson")
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert lines
        for line in lines:
            assert_valid(schema, json.loads(line))


@pytest.mark.django_db
def test_empty_directory_pages_are_valid(client, db):
    body = get_json(client, "/services")
    assert_valid("service_list", body)
    assert body["empty"] and body["total_items"] == 0 and body["contents"] == []
    assert_no_empty_values({k: v for k, v in body.items() if k != "contents"})


@pytest.mark.django_db
def test_a_page_of_50_full_services_in_a_fixed_number_of_queries(
    client, make_setting, make_service, django_assert_max_num_queries
):
    for index in range(30):
        make_setting(f"School {index:02}", address_1="1 Road", town="Town", postcode="NB1 1AA")
        make_service(f"Service {index:02}", provider=f"Provider {index % 4}", cost="Free")
    # 13: the feed's state, its listings and their relations, and the directory version, which
    # says which authority's site answers (directory/sites.py, kept by each process).
    with django_assert_max_num_queries(13):
        body = get_json(client, "/services", per_page=50, full="true")
    assert body["size"] == 50
    with django_assert_max_num_queries(13):
        get_json(client, "/service_at_locations", per_page=50, full="true")
    with django_assert_max_num_queries(13):
        get_json(client, "/organizations", per_page=50, full="true")


@pytest.mark.django_db
def test_streams_read_in_chunks(client, make_setting, monkeypatch):
    """ndjson holds one chunk of listings at a time: queries grow with chunks, not rows."""
    from directory.api import paging

    monkeypatch.setattr(paging, "STREAM_CHUNK", 5)
    for index in range(20):
        make_setting(f"School {index:02}")
    with CaptureQueriesContext(connection) as queries:
        response = get(client, "/services", format="ndjson")
        lines = b"".join(response.streaming_content).splitlines()
    assert len(lines) == 20
    # 3 for the validators, at most 4 for whose feed it is (the site, the directory version,
    # and on a process's first request the newest change and which authority each site is), 1
    # for the ids cursor, then 3 per chunk of 5 (settings, their resourced needs, services)
    assert len(queries) <= 8 + 3 * 4


@pytest.mark.django_db
def test_ids_never_change(client, make_setting):
    """A listing keeps its ORUK id when renamed, and when an old revision (from before the id
    existed) is published."""
    school = make_setting("Stable School", urn=654321)
    assert school.oruk_id == uuid.uuid5(ORUK_NAMESPACE, "urn:654321")
    first = get_json(client, f"/services/{school.oruk_id}")
    revision = school.save_revision()
    for key in ("oruk_id", "source_id", "source_url"):
        revision.content.pop(key)
    revision.content["name"] = "Stable School (renamed)"
    revision.save()
    revision.publish()
    school.refresh_from_db()
    assert school.name == "Stable School (renamed)"
    again = get_json(client, f"/services/{school.oruk_id}")
    assert again["id"] == first["id"] == str(school.oruk_id)
    assert again["organization"]["id"] == first["organization"]["id"]
