import datetime
import json
import re

import pytest
from django.utils import timezone

from directory import standard
from directory.models import Setting
from directory.taxonomy import ServiceCategory, SettingType


def ld_json(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_every_standard_section_and_item_appears_in_order_with_gaps_stated(
    client, make_setting, needs
):
    school = make_setting(
        "Oakfield Primary School",
        summary="A friendly school.",
        senco_name="Priya Shah",
        sen_teaching="Small steps and visual timetables.",
    )
    school.needs.set([needs["ASD"]])
    school.save()
    html = client.get(school.get_url()).content.decode()

    positions = []
    for section in standard.PROFILES["school"]:
        assert f'id="{section.key}"' in html
        positions.append(html.index(f'id="{section.key}"'))
        for item in section.items:
            assert item.label.replace("'", "&#x27;") in html, item.label
    assert positions == sorted(positions)  # the standard's order, everywhere

    assert "Priya Shah" in html and "Small steps and visual timetables." in html
    assert "Autistic spectrum disorder" in html
    missing = len(standard.evaluate(school).missing)
    assert html.count("Not published by this setting") == missing > 0
    assert f"{school.completeness_score}%" in html


@pytest.mark.django_db
def test_a_stale_listing_warns_families(client, make_setting):
    old = timezone.localdate() - datetime.timedelta(days=400)
    school = make_setting("Elmhurst Primary School", last_reviewed_on=old)
    html = client.get(school.get_url()).content.decode()
    assert "more than a year ago" in html and "may be out of date" in html
    fresh = make_setting("Foxley Primary School")
    assert "may be out of date" not in client.get(fresh.get_url()).content.decode()


@pytest.mark.django_db
def test_college_and_early_years_profiles_use_their_own_standard(client, make_setting):
    college = make_setting("Northbrook College", setting_type=SettingType.COLLEGE)
    html = client.get(college.get_url()).content.decode()
    assert "SEND information report" not in html
    assert "Support for children and young people with SEND" in html


@pytest.mark.django_db
def test_service_profile_shows_waiting_time_and_json_ld(client, make_service):
    today = timezone.localdate()
    service = make_service(
        "Children's Physiotherapy",
        category=ServiceCategory.PHYSIOTHERAPY,
        waiting_weeks=14,
        waiting_stated_on=today,
        provider="Northbrook NHS Trust",
        postcode="NB1 1AA",
        address_1="1 High Street",
    )
    response = client.get(service.get_url())
    html = response.content.decode()
    assert "14 weeks (stated on" in html
    assert "Not published by this service" in html
    data = ld_json(html)
    assert data["@type"] == "Service" and data["name"] == "Children's Physiotherapy"
    assert data["provider"]["name"] == "Northbrook NHS Trust"
    assert data["address"]["postalCode"] == "NB1 1AA"


@pytest.mark.django_db
def test_json_ld_cannot_break_out_of_its_script_tag(client, make_setting):
    school = make_setting("Evil </script><script>alert(1)</script> School")
    html = client.get(school.get_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert ld_json(html)["name"] == "Evil </script><script>alert(1)</script> School"


@pytest.mark.django_db
def test_drafts_and_unknown_listings_are_not_found(client, make_setting):
    draft = make_setting("Secret Draft School", publish_it=False)
    draft.live = False
    draft.save()
    assert client.get(f"/directory/{draft.slug}/").status_code == 404
    assert client.get("/directory/no-such-school/").status_code == 404
    assert client.post(f"/directory/{draft.slug}/").status_code == 405


@pytest.mark.django_db
def test_profile_query_count_does_not_grow_with_content(
    client, make_setting, needs, django_assert_max_num_queries
):
    school = make_setting("Oakfield Primary School", resourced_provision="resourced")
    school.needs.set(list(needs.values()))
    school.resourced_provision_needs.set(list(needs.values()))
    school.save()
    client.get(school.get_url())  # warm the process-wide caches (content types, site root)
    with django_assert_max_num_queries(8):
        assert client.get(school.get_url()).status_code == 200


@pytest.mark.django_db
def test_slugs_are_unique_and_readable(make_setting):
    first = make_setting("St Mary's Primary School", town="Northbrook")
    second = make_setting("St Mary's Primary School", town="Northbrook")
    assert first.slug == "st-marys-primary-school-northbrook"
    assert second.slug == "st-marys-primary-school-northbrook-2"
    assert Setting.objects.count() == 2


@pytest.mark.django_db
def test_every_demo_profile_shows_every_section_with_gaps_stated(client, demo_site):
    from directory.models import Listing
    from localoffer.demo import listings as directory_demo

    directory_demo.seed()
    listings = Listing.objects.filter(live=True)
    assert listings.filter(kind="setting").count() >= 40
    assert listings.filter(kind="service").count() >= 25
    assert listings.filter(completeness_score=100).exists()
    assert listings.filter(completeness_score__lt=60).exists()
    assert listings.filter(last_reviewed_on__lt=standard.stale_before()).exists()
    for listing in listings:
        specific = listing.specific
        html = client.get(listing.get_url()).content.decode()
        for section in standard.profile_for(specific):
            assert f'id="{section.key}"' in html, (listing.slug, section.key)
        gaps = html.count("Not published by this")
        assert gaps == len(standard.evaluate(specific).missing), listing.slug


@pytest.mark.django_db
def test_a_listing_never_takes_a_directory_page_address(make_setting):
    assert make_setting("Compare", town="").slug == "compare-2"
