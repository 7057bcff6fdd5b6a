"""`python manage.py import_oruk SOURCE`: files, a live ORUK API on a local port, and a round trip
through our own API."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

import roles
from directory.models import Listing, ListingLogEntry, LocalAuthority, Service, Setting

from .oruk_helpers import REFERENCE, build_directory

EXAMPLES = REFERENCE / "examples"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"
SERVICE_EXAMPLES = [
    "service_full.json",
    "service_list.json",
    "organization_full.json",
    "service_at_location_full.json",
]


def run(*args):
    out = StringIO()
    call_command("import_oruk", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    """Every listing's stored content and its latest revision, to compare runs."""
    rows = []
    for listing in Listing.objects.order_by("pk"):
        specific = listing.specific
        fields = {
            f.attname: getattr(specific, f.attname)
            for f in type(specific)._meta.concrete_fields
            if f.attname not in ("updated_at",)
        }
        revision = specific.latest_revision
        fields["revision"] = (revision.pk, revision.content) if revision else None
        fields["needs"] = sorted(n.code for n in specific.needs.all())
        rows.append(fields)
    return rows


@pytest.mark.django_db
@pytest.mark.parametrize("name", SERVICE_EXAMPLES)
def test_the_standards_examples_import_cleanly_twice(authority, name):
    first = run(EXAMPLES / name, "--authority", "990")
    assert "1 created" in first and "0 rejected" in first
    after_first = snapshot()
    second = run(EXAMPLES / name, "--authority", "990")
    assert "0 created, 0 updated, 1 unchanged, 0 rejected" in second
    assert snapshot() == after_first
    service = Service.objects.get(source_id=EXAMPLE_ID)
    assert str(service.oruk_id) == EXAMPLE_ID  # the source's UUID is kept as ours
    assert service.name == "Community Counselling"
    assert service.authority == authority
    assert service.provider == "Example Organization Inc."
    assert not service.live and service.has_unpublished_changes  # a draft for approval
    assert service.max_age == 25  # the example's 100 is beyond the Local Offer's ages
    assert "recorded as 25" in first


@pytest.mark.django_db
def test_the_full_example_keeps_every_field_we_hold(authority, officer):
    out = run(
        EXAMPLES / "service_full.json", "--authority", "990", "--publish", "--user", "officer"
    )
    service = Service.objects.get(source_id=EXAMPLE_ID)
    assert service.min_age == 12
    assert service.email == "email@example.com"
    assert service.website == "http://example.com/counselling"
    assert service.address_1 == "1-30 Main Street" and service.town == "MyCity"
    # The example's coordinates (100, 101) and US postcode are not in the UK: left out, said so.
    assert service.latitude is None and service.postcode == ""
    assert "not in the United Kingdom" in out and "not a UK postcode" in out
    assert service.cost == "fees_description"
    assert service.opening_hours.startswith("The service is available from 10 am")
    # No category matched its terms: it stays a draft even with --publish.
    assert service.category == "" and not service.live
    assert "an officer must choose" in out


@pytest.mark.django_db
def test_taxonomy_and_organization_examples_are_skipped_cleanly(authority):
    for name in ("taxonomy.json", "taxonomy_list.json", "taxonomy_term.json",
                 "taxonomy_term_list.json", "organization_list.json"):  # fmt: skip
        out = run(EXAMPLES / name, "--authority", "990")
        assert "0 created" in out and "0 rejected" in out and "1 skipped" in out
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_bad_json_is_a_clear_error(authority, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"contents": [ {"id": "1", ')
    with pytest.raises(CommandError, match="neither JSON nor ndjson"):
        run(bad, "--authority", "990")
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "missing.json", "--authority", "990")
    with pytest.raises(CommandError, match="No local authority has the LA code"):
        run(EXAMPLES / "service_full.json", "--authority", "123")
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_bad_records_are_rejected_and_the_rest_applied(authority, tmp_path):
    good = json.loads((EXAMPLES / "service_full.json").read_text())
    lines = [
        json.dumps({"name": "No id at all", "status": "active"}),
        json.dumps({"id": "abc-1", "status": "active"}),
        "{not json",
        json.dumps({"id": "abc-2", "name": "Bad email", "status": "active", "email": "nope"}),
        json.dumps({"id": "abc-3", "name": "Too young", "minimum_age": 9, "maximum_age": 4}),
        json.dumps(good),
        json.dumps(["a", "list"]),
    ]
    stream = tmp_path / "feed.ndjson"
    stream.write_text("\n".join(lines) + "\n")
    out = run(stream, "--authority", "990")
    assert "rejected (no id): the service has no id" in out
    assert "rejected abc-1: the service has no name" in out
    assert "rejected line 3: not JSON" in out
    assert "abc-2: email is not an email address; left out" in out
    assert "minimum_age is above maximum_age" in out
    assert "line 7: expected a JSON object, got str" in out  # each item of the array
    assert "3 created" in out and "5 rejected" in out
    assert set(Listing.objects.values_list("source_id", flat=True)) == {
        "abc-2",
        "abc-3",
        EXAMPLE_ID,
    }


@pytest.mark.django_db
def test_dry_run_changes_nothing(authority):
    out = run(EXAMPLES / "service_full.json", "--authority", "990", "--dry-run")
    assert out.startswith("Dry run") or "Dry run, nothing changed" in out
    assert "1 created" in out
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_source_facts_update_but_our_send_profile_is_never_overwritten(
    authority, officer, tmp_path
):
    record = json.loads((EXAMPLES / "service_full.json").read_text())
    record["send_profile"] = {"self_referral": False, "category": "camhs"}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record))
    run(path, "--authority", "990", "--publish", "--user", "officer")
    service = Service.objects.get(source_id=EXAMPLE_ID)
    assert service.live and service.category == "camhs" and service.self_referral is False
    # Our editor changes the SEND profile and fills a gap the source left.
    service.self_referral = True
    service.waiting_weeks = 6
    service.waiting_stated_on = service.last_reviewed_on
    service.save_revision().publish()
    # The source renames the service and changes its answer.
    record["name"] = "Community Counselling Service"
    record["send_profile"] = {"self_referral": False, "category": "camhs"}
    path.write_text(json.dumps(record))
    out = run(path, "--authority", "990")
    assert "1 updated" in out
    service.refresh_from_db()
    assert service.name == "Community Counselling"  # live until an officer approves the draft
    draft = service.get_latest_revision_as_object()
    assert draft.name == "Community Counselling Service"
    assert draft.self_referral is True and draft.waiting_weeks == 6
    assert "0 updated, 1 unchanged" in run(path, "--authority", "990")


@pytest.mark.django_db
def test_matches_a_school_we_already_list_by_urn(make_setting, authority, officer, tmp_path):
    school = make_setting("Oakfield Primary", urn=123456, senco_name="Ms Our Own")
    record = {
        "id": "their-42",
        "name": "Oakfield Primary School",
        "status": "active",
        "organization": {
            "id": "org-1",
            "name": "Oakfield Primary School",
            "description": "A school",
            "organization_identifiers": [
                {"id": "x", "identifier_scheme": "GB-EDU", "identifier_type": "URN",
                 "identifier": "123456"}
            ],
        },
        "contacts": [{"id": "c1", "name": "Mr Theirs", "title": "SENCo"}],
    }  # fmt: skip
    path = tmp_path / "school.json"
    path.write_text(json.dumps(record))
    out = run(path, "--publish", "--user", "officer")  # the only authority is used
    assert "0 updated, 1 unchanged" in out  # nothing blank that the feed could fill
    assert Setting.objects.count() == 1
    school.refresh_from_db()
    # Linked to the feed's record, but named as the register names it (issue 23, item 9).
    assert school.name == "Oakfield Primary" and school.source_id == "their-42"
    assert "conflict, not applied" in out and "Oakfield Primary School" in out
    assert school.senco_name == "Ms Our Own"


class _Server:
    """A real HTTP server on 127.0.0.1 that answers with recorded responses of our own API
    (recorded before the test empties the database), or with 503s where a test asks for them."""

    def __init__(self, responses=None, failures=None):
        self.responses = responses or {}
        self.failures = dict(failures or {})
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.requests.append(self.path)
                path = urlsplit(self.path).path
                if outer.failures.get(path):
                    outer.failures[path] -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                status, body = outer.responses.get(self.path, (404, b'{"message": "none"}'))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/oruk/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _exported(client):
    response = client.get("/api/oruk/services", {"format": "ndjson", "full": "true"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    items = [json.loads(line) for line in lines]
    for item in items:
        item.pop("last_modified")  # when it was published: the import publishes anew
    return sorted(items, key=lambda item: item["id"])


def _record_api(client, ids):
    """Our API's answers to the requests the importer will make, as (status, body) by path."""
    responses = {}
    for page in (1, 2, 3):
        path = f"/services?page={page}&per_page=5"
        response = client.get("/api/oruk" + path)
        responses["/oruk" + path] = (response.status_code, response.content)
    for item_id in ids:
        response = client.get(f"/api/oruk/services/{item_id}")
        responses[f"/oruk/services/{item_id}"] = (response.status_code, response.content)
    return responses


@pytest.mark.django_db
def test_round_trip_through_a_live_api(make_setting, make_service, other_authority, officer):
    """Export the directory through our API, served on a local port; import it into an empty
    database by walking that API; export again: the same ORUK, field for field."""
    build_directory(make_setting, make_service, other_authority)
    client = Client()
    before = _exported(client)
    assert len(before) == Listing.objects.filter(live=True).count() == 13
    responses = _record_api(client, [item["id"] for item in before])
    Listing.objects.all().delete()
    LocalAuthority.objects.all().delete()
    with _Server(responses, failures={"/oruk/services": 1}) as server:
        out = run(server.url, "--publish", "--user", "officer", "--delay", "0", "--per-page", "5")
        assert "13 created" in out and "0 rejected" in out, out
        # the first list request failed with a 503 and was retried
        assert server.requests[0] == server.requests[1] == "/oruk/services?page=1&per_page=5"
        assert len(server.requests) == 1 + 3 + 13
        again = run(server.url, "--publish", "--user", "officer", "--delay", "0", "--per-page", "5")
        assert "0 created, 0 updated, 13 unchanged, 0 rejected" in again
    after = _exported(client)
    assert [i["name"] for i in after] == [i["name"] for i in before]
    for old, new in zip(before, after, strict=True):
        assert new == old, old["name"]
    assert set(Listing.objects.values_list("source_url", flat=True)) == {server.url}


@pytest.mark.django_db
def test_an_unreachable_api_is_a_clear_error(db):
    failing = _Server(failures={"/oruk/services": 10})
    with failing as server, pytest.raises(CommandError, match="page 1 of services.*HTTP 503"):
        run(server.url, "--delay", "0", "--retries", "1", "--timeout", "2")
    assert len(server.requests) == 2


def _oruk1_service(number):
    """A service as ORUK 1.0 APIs published them."""
    return {
        "id": f"legacy-{number}",
        "name": f"Legacy Short Breaks {number}",
        "description": "Saturday clubs for disabled children.",
        "status": "active",
        "fees": "£5 a session",
        "organization": {"id": "legacy-org", "name": "Old Council Play Service"},
        "eligibilitys": [{"id": "e1", "eligibility": "disabled", "minimum_age": 5,
                          "maximum_age": 18}],
        "service_at_locations": [{"id": "sal1", "location": {
            "id": "loc1", "name": "Youth Centre", "latitude": 52.2, "longitude": -1.5,
            "physical_addresses": [{"id": "a1", "address_1": "2 Park Road", "city": "Northbrook",
                                    "postal_code": "nb1 1aa", "country": "GB"}]}}],
        "service_taxonomys": [{"id": "t1", "taxonomy": {"id": "x", "name": "Short breaks"}}],
        "regular_schedules": [{"id": "r1", "opens_at": "10:00:00", "closes_at": "15:00:00",
                               "byday": "SA"}],
    }  # fmt: skip


@pytest.mark.django_db
def test_oruk_1_pages_and_services(authority, officer, tmp_path):
    page = {
        "totalElements": 1,
        "totalPages": 1,
        "number": 1,
        "size": 1,
        "first": True,
        "last": True,
        "content": [_oruk1_service(1)],
    }
    path = tmp_path / "legacy.json"
    path.write_text(json.dumps(page))
    out = run(path, "--authority", "990", "--publish", "--user", "officer")
    assert "1 created" in out and "0 rejected" in out
    service = Service.objects.get(source_id="legacy-1")
    assert service.live and service.category == "short-breaks"  # matched by the term's name
    assert (service.min_age, service.max_age) == (5, 18)
    assert service.postcode == "NB1 1AA" and service.address_1 == "2 Park Road"
    assert service.provider == "Old Council Play Service" and service.cost == "£5 a session"
    assert service.opening_hours == "SA 10:00-15:00"


@pytest.mark.django_db
def test_walks_an_oruk_1_api(authority):
    responses = {}
    for number in (1, 2):
        page = {"totalElements": 2, "totalPages": 2, "number": number, "size": 1,
                "first": number == 1, "last": number == 2,
                "content": [{"id": f"legacy-{number}", "name": "listed"}]}  # fmt: skip
        body = json.dumps(page).encode()
        responses[f"/oruk/services?page={number}&per_page=1"] = (200, body)
        responses[f"/oruk/services/legacy-{number}"] = (200, json.dumps(_oruk1_service(number)))
    responses = {
        k: (s, b if isinstance(b, bytes) else b.encode()) for k, (s, b) in responses.items()
    }
    with _Server(responses) as server:
        out = run(server.url, "--authority", "990", "--delay", "0", "--per-page", "1")
    assert "2 created" in out and "0 rejected" in out
    assert len(server.requests) == 4
    assert Service.objects.filter(source_url=server.url, live=False).count() == 2


@pytest.mark.django_db
def test_only_an_officer_publishes_and_only_for_their_authorities(
    make_user, authority, other_authority, tmp_path
):
    path = tmp_path / "one.json"
    path.write_text(json.dumps([_oruk1_service(1)]))
    with pytest.raises(CommandError, match="--publish needs --user"):
        run(path, "--authority", "990", "--publish")
    make_user("editor", roles.SETTING_EDITORS)
    with pytest.raises(CommandError, match="--publish needs --user"):
        run(path, "--authority", "990", "--publish", "--user", "editor")
    with pytest.raises(CommandError, match="No active user"):
        run(path, "--authority", "990", "--publish", "--user", "nobody")
    assert not Service.objects.exists()  # nothing was read, nothing changed

    # An officer for the other authority: the listing arrives, as a draft, with the reason.
    make_user("elsewhere", roles.LOCAL_OFFER_OFFICERS, authorities=[other_authority])
    out = run(path, "--authority", "990", "--publish", "--user", "elsewhere")
    service = Service.objects.get(source_id="legacy-1")
    assert not service.live and "kept as a draft: elsewhere does not act for" in out
    assert service.latest_revision.user.username == "elsewhere"

    # This authority's officer publishes the source's next change, named in the revision and
    # the audit log.
    officer = make_user("here", roles.LOCAL_OFFER_OFFICERS, authorities=[authority])
    changed = _oruk1_service(1)
    changed["description"] = "Saturday and holiday clubs for disabled children."
    path.write_text(json.dumps([changed]))
    run(path, "--authority", "990", "--publish", "--user", "here")
    service.refresh_from_db()
    assert service.live
    entry = ListingLogEntry.objects.filter(
        object_id=str(service.pk), action="wagtail.publish"
    ).latest("pk")
    assert entry.user == officer
