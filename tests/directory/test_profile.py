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
    sections = html[html.index('id="contents-heading"') :]
    assert sections.count("Not published by this setting") == missing > 0
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
        gaps = html[html.index('id="contents-heading"') :].count("Not published by this")
        assert gaps == len(standard.evaluate(specific).missing), listing.slug


@pytest.mark.django_db
def test_a_listing_never_takes_a_directory_page_address(make_setting):
    assert make_setting("Compare", town="").slug == "compare-2"


@pytest.mark.django_db
def test_a_profile_leads_with_the_facts_families_choose_by(client, make_setting, needs, postcodes):
    school = make_setting(
        "Oakfield Primary School",
        resourced_provision="resourced",
        resourced_provision_capacity=12,
        resourced_provision_on_roll=10,
        senco_name="Priya Shah",
        senco_email="senco@oakfield.example",
        senco_phone="01234 567890",
        senco_hours="22.5",
        senco_qualification="in-progress",
        senco_qualification_started_on=datetime.date(2025, 9, 1),
        sen_support_percent="14.5",
        ehc_plan_percent="3.0",
        accessibility_plan_url="https://oakfield.example/access",
        phone="01234 000000",
        address_1="1 Oak Lane",
        postcode="NB1 2BB",
        latitude=52.6050,
        longitude=-1.5050,
    )
    school.needs.set([needs["ASD"]])
    school.resourced_provision_needs.set([needs["ASD"]])
    school.save()
    html = client.get(school.get_url(), {"postcode": "NB1 1AA"}).content.decode()
    facts = html[html.index('class="summary-list key-facts"') : html.index("</dl>")]
    for label in (
        "Needs met",
        "Resourced provision or SEN unit",
        "Ages",
        "Distance",
        "SENCo",
        "Accessibility",
        "Getting there",
        "Visiting",
    ):
        assert f"<dt>{label}" in facts, label
    assert "12 places, 10 taken" in facts
    assert "through an education, health and care (EHC) plan" in facts
    assert re.search(r"<dt>Distance</dt><dd>0\.\d miles from NB1 1AA</dd>", facts)
    assert 'href="mailto:senco@oakfield.example"' in facts
    assert "URN" not in facts and "Information published" not in html
    assert "Add to shortlist" in html
    # The legal source is there, but quiet: once, in a details element, not on every item.
    assert "Required by" not in html
    sources = html[html.index('class="details legal-sources"') :]
    assert "SEND Regulations 2014, Schedule 1, paragraph 3(d)" in sources
    assert html.count("Schedule 1, paragraph 3(d)") == 1
    # Casing and units.
    assert "22.5 hours a week" in html
    assert "Pupils on SEN support (%)" in html
    assert "Working towards one of these qualifications" in html
    assert "Started on 1 September 2025" in html


@pytest.mark.django_db
def test_adding_to_the_shortlist_from_a_profile(client, make_setting):
    school = make_setting("Oakfield Primary School")
    client.post(
        "/directory/shortlist/change/",
        {"id": school.pk, "action": "add", "next": school.get_url()},
    )
    html = client.get(school.get_url()).content.decode()
    assert "Remove from shortlist" in html and "your shortlist" in html


@pytest.mark.django_db
def test_an_old_waiting_time_is_marked_out_of_date_everywhere(client, make_service):
    today = timezone.localdate()
    limit = standard.WAITING_TIME_CURRENT_FOR
    old = make_service(
        "Old Wait Team", waiting_weeks=6, waiting_stated_on=today - limit - datetime.timedelta(1)
    )
    new = make_service("New Wait Team", waiting_weeks=1, waiting_stated_on=today - limit)
    assert not standard.waiting_time_is_current(old.waiting_stated_on)
    assert standard.waiting_time_is_current(new.waiting_stated_on)

    html = client.get(old.get_url()).content.decode()
    assert "6 weeks (stated on" in html and "Out of date" in html
    html = client.get(new.get_url()).content.decode()
    assert "1 week (stated on" in html and "Out of date" not in html

    # Result cards show services' waiting times, with the same warning.
    html = client.get("/directory/", {"kind": "service"}).content.decode()
    cards = dict(
        re.findall(r'<h3 class="result-card__heading"><a [^>]+>([^<]+)</a>(.*?)</li>', html, re.S)
    )
    assert (
        "<dt>Waiting time</dt>" in cards["Old Wait Team"]
        and "Out of date" in cards["Old Wait Team"]
    )
    assert (
        "<dt>Waiting time</dt>" in cards["New Wait Team"]
        and "Out of date" not in cards["New Wait Team"]
    )

    # And compare.
    html = client.get("/directory/compare/", {"ids": f"{old.pk},{new.pk}"}).content.decode()
    assert html.count("Out of date") == 1


@pytest.mark.django_db
def test_a_profile_opened_from_a_search_goes_back_to_that_search(client, area):
    """Issue 25 (5): "Back to results" keeps the family's search (words, filters, postcode and
    page), returning to the card they opened, instead of a bare /directory/."""
    import html as html_module
    import re

    search = "/directory/?need=ASD&postcode=NB1+1AA&radius=5&la="
    page = client.get(search).content.decode()
    listing = area["near_rp"]
    link = re.search(
        rf'class="result-card__heading"><a href="({re.escape(listing.get_url())}[^"]*)"', page
    ).group(1)
    link = html_module.unescape(link)
    assert "postcode=NB1+1AA" in link
    profile = client.get(link).content.decode()
    back = re.search(r'<a class="back-link" href="([^"]+)">Back to results</a>', profile)
    assert html_module.unescape(back.group(1)) == f"{search}#listing-{listing.pk}"
    assert " miles" in profile  # the postcode kept: its distance shown

    # Without a search, or with a `back` that is not the directory's search: the breadcrumbs.
    for back_value in ("", "https://evil.example/", "//evil.example/", "/admin/", "/directory/x"):
        plain = client.get(listing.get_url(), {"back": back_value}).content.decode()
        assert "Back to results" not in plain
        assert 'class="breadcrumbs"' in plain


@pytest.mark.django_db
def test_the_shared_shortlist_link_keeps_the_postcode(client, area):
    for listing in (area["near_rp"], area["near_secondary"]):
        client.post("/directory/shortlist/change/", {"id": listing.pk, "action": "add"})
    page = client.get("/directory/shortlist/", {"postcode": "NB1 1AA"}).content.decode()
    ids = f"{area['near_rp'].pk},{area['near_secondary'].pk}"
    assert f"/directory/shortlist/?ids={ids}&amp;postcode=NB1+1AA" in page
