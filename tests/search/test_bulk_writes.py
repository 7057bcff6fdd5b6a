"""Writes that send no model signal - a queryset's update, bulk_create and bulk_update, a
postcode import - still change what families see: each is recorded in the change log, so kept
pages and what each process keeps follow at once (issue: after 20 schools were renamed by an
import, searches for the new name found none of them on every worker and kept page)."""

import io

import pytest
from django.core.management import call_command

from directory import change_log
from directory.models import Listing, Postcode, Setting


def found(client, **params):
    return client.get("/directory/", params).content.decode()


@pytest.mark.django_db
def test_a_queryset_update_of_listings_moves_the_version_and_the_search_follows(
    client, make_setting
):
    school = make_setting("Oak Primary", min_age=4, max_age=11)
    assert "Oak Primary" in found(client, age=9)  # kept, and the process keeps its index
    version = change_log.current_version()
    Listing.objects.filter(pk=school.pk).update(min_age=12, max_age=16)
    assert change_log.current_version() != version
    assert "Oak Primary" not in found(client, age=9)
    assert "Oak Primary" in found(client, age=14)


@pytest.mark.django_db
def test_many_listings_updated_at_once_are_recorded_as_every_listing(client, make_setting):
    from directory.models.listings import NAMED_IN_BULK

    for i in range(NAMED_IN_BULK + 1):
        make_setting(f"Birch School {i}", min_age=4, max_age=11)
    assert "Birch School 0" in found(client, age=9)  # the first of them A to Z
    before = change_log.latest_change()
    Setting.objects.filter(name__startswith="Birch").update(min_age=16, max_age=18)
    assert change_log.changes_since(*before)[-1][2] is None  # names none: rebuild
    assert "Birch School 0" not in found(client, age=9)


@pytest.mark.django_db
def test_bulk_update_of_listings_is_recorded_and_bookkeeping_is_not(client, make_setting):
    schools = [make_setting(f"Elm School {i}", min_age=4, max_age=11) for i in range(3)]
    assert "Elm School 1" in found(client, age=9)
    for school in schools:
        school.min_age, school.max_age = 12, 14
    version = change_log.current_version()
    Listing.objects.bulk_update(schools, ["has_unpublished_changes"])  # bookkeeping only
    assert change_log.current_version() == version
    Setting.objects.bulk_update(schools, ["min_age", "max_age"])
    assert change_log.current_version() != version
    assert "Elm School 1" not in found(client, age=9)


@pytest.mark.django_db
def test_a_postcode_import_that_moves_a_postcode_moves_the_version(client, area, tmp_path):
    near = {"postcode": "NB1 1AA", "radius": 1}
    assert "Near Primary Autism Base" in found(client, **near)
    version = change_log.current_version()
    path = tmp_path / "moved.csv"
    path.write_text("postcode,latitude,longitude\nNB1 1AA,53.5,-1.5\n")  # far from everything
    call_command("import_postcodes", str(path), stdout=io.StringIO())
    assert Postcode.objects.get(postcode="NB1 1AA").latitude == 53.5
    assert change_log.current_version() != version
    assert "Near Primary Autism Base" not in found(client, **near)
    version = change_log.current_version()
    call_command("import_postcodes", str(path), stdout=io.StringIO())
    assert change_log.current_version() == version  # nothing changed: nothing recorded
