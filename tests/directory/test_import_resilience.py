"""Imports cannot hide or damage listings (issue 23, items 8 and 9): each batch is searchable
as it commits and a re-run repairs one killed between a commit and its indexing; a feed never
overwrites a register school's identity or its editors' text, and says where it differs."""

import pytest
from django.core.cache import caches
from wagtail.search.models import IndexEntry

from directory.importers import oruk as oruk_importer

from .test_import_oruk import run


class Killed(BaseException):
    """What stops a run part way (a SIGKILL in real life: nothing after it runs)."""


def bulk_service(number):
    return {
        "id": f"bulk-{number}",
        "name": f"Bulk Play Scheme {number}",
        "status": "active",
        "description": "Holiday play for disabled children.",
        "send_profile": {"category": "short-breaks"},
    }


def found(client, word="Bulk"):
    """Which of the imported services a family finds (never a page kept from before)."""
    for cache in caches.all():
        cache.clear()
    html = client.get(f"/directory/?q={word}&la=").content.decode()
    return {n for n in range(12) if f"Bulk Play Scheme {n}<" in html}


@pytest.mark.django_db
def test_each_batch_is_searchable_as_it_commits_and_a_rerun_repairs(
    client, demo_site, authority, officer, monkeypatch
):
    monkeypatch.setattr(oruk_importer, "BATCH_SIZE", 5)
    monkeypatch.setattr(oruk_importer, "BATCH_SECONDS", 600)  # batches by count alone
    seen_when_killed = {}

    def records_then_killed():
        for number in range(12):
            if number == 10:
                # Two batches are committed; the run is killed before the third.
                seen_when_killed["found"] = found(client)
                seen_when_killed["html"] = client.get("/directory/?q=Bulk&la=").content.decode()
                raise Killed
            yield bulk_service(number)

    importer = oruk_importer.Importer(authority=authority, publish=True, user=officer)
    with pytest.raises(Killed):
        importer.run(records_then_killed())
    assert seen_when_killed["found"] == set(range(10)), seen_when_killed["html"]

    # A kill between a commit and its indexing leaves live listings out of the index ...
    hidden = [str(pk) for pk in importer_listings(range(5, 10)).values_list("pk", flat=True)]
    IndexEntry.objects.filter(object_id__in=hidden).delete()
    as_a_new_web_process()
    assert found(client) == set(range(5))
    # ... and running the import again brings every one of them back.
    oruk_importer.Importer(authority=authority, publish=True, user=officer).run(
        bulk_service(number) for number in range(12)
    )
    assert found(client) == set(range(12))


def as_a_new_web_process():
    """Forget what this process derived from the search index, as a web process started
    after the kill would never have known it."""
    from directory import change_log

    change_log.forget_everything_kept()


def importer_listings(numbers):
    from directory.models import Service

    return Service.objects.filter(source_id__in=[f"bulk-{n}" for n in numbers])


@pytest.mark.django_db
def test_a_feed_never_overwrites_a_register_schools_identity_or_text(
    client, demo_site, make_setting, authority, officer, tmp_path
):
    import json

    school = make_setting(
        "Oakfield Primary School",
        urn=123456,
        summary="A friendly village school.",
        description="We teach 200 children aged 4 to 11.",
        website="https://oakfield.example.sch.uk/",
        email="office@oakfield.example.sch.uk",
    )
    record = {
        "id": "their-42",
        "name": "Totally Different Academy",
        "status": "active",
        "url": "https://evil.example/",
        "email": "phish@evil.example",
        "send_profile": {"urn": 123456, "kind": "setting"},
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record))
    out = run(path, "--publish", "--user", "officer")
    school.refresh_from_db()
    latest = school.get_latest_revision_as_object()
    for version in (school, latest):
        assert version.name == "Oakfield Primary School"
        assert version.summary == "A friendly village school."
        assert version.description == "We teach 200 children aged 4 to 11."
        assert version.website == "https://oakfield.example.sch.uk/"
        assert version.email == "office@oakfield.example.sch.uk"
    assert "Totally Different Academy" in out and "conflict" in out
    html = client.get(f"/directory/{school.slug}/").content.decode()
    assert "Oakfield Primary School" in html and "evil.example" not in html
