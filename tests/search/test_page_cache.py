"""Whole search pages kept rendered for visitors who are not signed in and have no shortlist:
never older than the data or the site's settings, and never sharing a visitor's CSRF token."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import AuthoritySettings

PARAMS = {"age": 7, "la": ""}


def token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.django_db
def test_a_repeated_search_is_served_whole_with_each_visitors_own_token(area):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = first.get("/directory/", PARAMS).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = second.get("/directory/", PARAMS)
    html = again.content.decode()
    # Only the directory version is read: no listing, authority or site query.
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
    assert re.sub(r'value="[^"]+"', "", html) == re.sub(r'value="[^"]+"', "", page)
    assert "csrf-token-for-this-request" not in html
    # Every form on the page carries the second visitor's token, which their cookie accepts.
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    listing = area["near_rp"]
    response = second.post(
        "/directory/shortlist/change/",
        {
            "id": listing.pk,
            "action": "add",
            "next": "/directory/",
            "csrfmiddlewaretoken": tokens.pop(),
        },
    )
    assert response.status_code == 302
    # With a shortlist the page is that visitor's own: the card offers to remove it.
    own = second.get("/directory/", PARAMS).content.decode()
    assert f'Remove from shortlist<span class="visually-hidden">: {listing.name}' in own
    assert "Remove from shortlist" not in first.get("/directory/", PARAMS).content.decode()


@pytest.mark.django_db
def test_a_cached_page_follows_every_change_to_what_it_shows(client, area, demo_site):
    school = area["near_rp"]
    assert school.name in client.get("/directory/", PARAMS).content.decode()
    school.name = "Near Primary Autism Base (renamed)"
    school.save_revision().publish()
    assert (
        "Near Primary Autism Base (renamed)" in client.get("/directory/", PARAMS).content.decode()
    )

    settings = AuthoritySettings.for_site(demo_site)
    settings.contact_phone = "01632 960999"
    settings.save()
    assert "01632 960999" in client.get("/directory/", PARAMS).content.decode()

    authority = area["elsewhere"].authority  # in the authority filter's options
    authority.name = "Renamed Borough Council"
    authority.save()
    assert "Renamed Borough Council" in client.get("/directory/", PARAMS).content.decode()


@pytest.mark.django_db
def test_signed_in_users_and_bad_searches_are_never_served_from_the_cache(client, area, officer):
    client.get("/directory/", PARAMS)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/directory/", PARAMS).status_code == 200
    assert len(queries.captured_queries) > 2  # rendered for them
    client.logout()
    assert client.get("/directory/", {"age": "abc"}).status_code == 400
    assert client.get("/directory/", {"age": "abc"}).status_code == 400


@pytest.mark.django_db
def test_listing_profiles_are_kept_too_and_follow_publishing(client, area):
    school = area["near_rp"]
    url = f"/directory/{school.slug}/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        page = Client().get(url).content.decode()
    assert len(queries.captured_queries) == 1 and school.name in page
    assert "csrf-token-for-this-request" not in page

    school.summary = "Now with a sensory room."
    school.save_revision().publish()
    assert "Now with a sensory room." in client.get(url).content.decode()
    school.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_each_site_gets_its_own_page(client, area, demo_site):
    """One URL, two hosts: each site's page carries its own name and contacts."""
    from wagtail.models import Site

    other = Site.objects.create(
        hostname="southmere.localhost", root_page=demo_site.root_page, site_name="Southmere"
    )
    settings = AuthoritySettings.for_site(other)
    settings.authority_name = "Southmere Borough Council"
    settings.save()
    national = client.get("/directory/", PARAMS).content.decode()
    there = client.get("/directory/", PARAMS, HTTP_HOST="southmere.localhost").content.decode()
    assert "Southmere Borough Council" in there and "Southmere Borough Council" not in national
    again = client.get("/directory/", PARAMS, HTTP_HOST="southmere.localhost").content.decode()
    assert "Southmere Borough Council" in again


def card_reads(queries):
    """Queries reading what result cards show (search.query.CARD_COLUMNS): a page rendered."""
    return [q["sql"] for q in queries.captured_queries if "completeness_score" in q["sql"]]


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def need_count(html, code):
    return int(re.search(rf'<label for="need-{code}">[^<]*<span class="count">\((\d+)\)', html)[1])


@pytest.mark.django_db
def test_a_publish_re_renders_only_the_pages_it_changes(client, area, needs):
    """After an editor's publish each page works out its answers again (totals, facet counts,
    the listings on it); a page whose answers and listings are unchanged is served as kept."""
    only_pmld, asd_age_5 = {"need": "PMLD"}, {"need": "ASD", "age": 5}
    pmld_page = client.get("/directory/", only_pmld).content.decode()
    asd_page = client.get("/directory/", asd_age_5).content.decode()
    assert "Near Primary Autism Base" in asd_page and "Near Primary Autism Base" not in pmld_page

    school = area["near_rp"]  # shown on the ASD page only
    school.name = "Near Primary Autism Base (renamed)"
    school.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/directory/", only_pmld).content.decode()
    assert card_reads(queries) == [] and without_tokens(again) == without_tokens(pmld_page)
    with CaptureQueriesContext(connection) as queries:
        changed = client.get("/directory/", asd_age_5).content.decode()
    assert card_reads(queries) and "Near Primary Autism Base (renamed)" in changed

    # A change to a listing on neither page that alters a count one of them shows.
    before = need_count(pmld_page, "SLCN")
    secondary = area["near_secondary"]
    secondary.needs.add(needs["SLCN"])
    secondary.save_revision().publish()
    counted = client.get("/directory/", only_pmld).content.decode()
    assert need_count(counted, "SLCN") == before + 1
    assert "Near Secondary" not in counted


@pytest.mark.django_db
def test_a_profile_is_kept_while_other_listings_change(client, area):
    school, other = area["near_rp"], area["near_secondary"]
    url = f"/directory/{school.slug}/"
    page = client.get(url).content.decode()
    other.summary = "A different school's news."
    other.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    assert without_tokens(again) == without_tokens(page)
    assert not any("directory_localauthority" in q["sql"] for q in queries.captured_queries)
    school.summary = "Our own news."
    school.save_revision().publish()
    assert "Our own news." in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_page_kept_while_a_publish_finishes_shows_its_last_checked_date(client, area):
    """Approving a version whose editor confirmed it is all current sets "Last checked" to
    today after the publish's save: a page kept in between must not keep the old date."""
    import datetime

    from django.db.models.signals import post_save
    from django.utils import timezone

    from directory.models import Setting

    school = area["near_rp"]
    old = timezone.localdate() - datetime.timedelta(days=400)
    Setting.objects.filter(pk=school.pk).update(last_reviewed_on=old)
    school.refresh_from_db()
    params = {"q": "Near Primary Autism Base"}
    today = timezone.localdate().strftime("%-d %B %Y")

    def family_looks(sender, instance, **kwargs):  # between the save and the new date
        assert old.strftime("%-d %B %Y") in client.get("/directory/", params).content.decode()

    school.confirmed_current = True
    revision = school.save_revision()
    post_save.connect(family_looks, sender=Setting, dispatch_uid="family-looks")
    try:
        revision.publish()
    finally:
        post_save.disconnect(sender=Setting, dispatch_uid="family-looks")
    html = client.get("/directory/", params).content.decode()
    assert f"<dd>{today}</dd>" in html and "May be out of date" not in html


@pytest.mark.django_db
def test_no_page_is_kept_past_the_day_it_was_rendered(client, area, monkeypatch):
    """Pages say a listing "may be out of date" by today's date: the day after, the same
    search and profile are rendered again, though nothing changed."""
    import datetime

    from django.utils import timezone

    from directory import standard
    from directory.models import Setting

    school = area["near_rp"]
    today = timezone.localdate()
    # Checked exactly as long ago as the standard allows: current today, stale tomorrow.
    Setting.objects.filter(pk=school.pk).update(last_reviewed_on=standard.stale_before(today))
    Setting.objects.get(pk=school.pk).save()  # as an edit would: the version moves
    search, profile = "/directory/?q=Near+Primary+Autism+Base", f"/directory/{school.slug}/"
    assert "May be out of date" not in client.get(search).content.decode()
    assert "more than a year ago" not in client.get(profile).content.decode()

    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "May be out of date" in client.get(search).content.decode()
    assert "more than a year ago" in client.get(profile).content.decode()


@pytest.mark.django_db
def test_a_release_reuses_no_page_kept_by_the_last_one(client, area):
    """Every release runs migrate; its templates and code may render any page differently,
    so after it every page is rendered again (the page cache outlives the web processes)."""
    from django.core.management import call_command

    client.get("/directory/", PARAMS)
    with CaptureQueriesContext(connection) as queries:
        client.get("/directory/", PARAMS)
    assert len(queries.captured_queries) == 1
    call_command("migrate", verbosity=0)
    with CaptureQueriesContext(connection) as queries:
        client.get("/directory/", PARAMS)
    assert card_reads(queries)


@pytest.mark.django_db
def test_a_search_with_neighbouring_authorities_follows_a_change_of_neighbours(
    client, area, authority, other_authority
):
    near = {"la": authority.code, "near": "on"}
    assert "Southmere Special School" not in client.get("/directory/", near).content.decode()
    authority.neighbours.add(other_authority)
    assert "Southmere Special School" in client.get("/directory/", near).content.decode()
    authority.neighbours.remove(other_authority)
    assert "Southmere Special School" not in client.get("/directory/", near).content.decode()


@pytest.mark.django_db
def test_each_family_page_says_how_it_was_served(client, area, officer, demo_site):
    """X-Page-Served lets a stale page be diagnosed from outside (search/page_cache.py)."""
    local = {**PARAMS, "la": area["near_rp"].authority.code}
    assert client.get("/directory/", local)["X-Page-Served"] == "rendered"
    assert client.get("/directory/", local)["X-Page-Served"] == "kept"
    profile = area["near_rp"].get_url()
    assert client.get(profile)["X-Page-Served"] == "rendered"
    # A listing neither page shows is published: their answers are the same, so the pages
    # kept earlier are served after checking.
    other = area["elsewhere"]
    other.name = "Southmere Special School (renamed)"
    other.save_revision().publish()
    assert client.get("/directory/", local)["X-Page-Served"] == "re-checked"
    assert client.get(profile)["X-Page-Served"] == "re-checked"
    assert client.get(profile)["X-Page-Served"] == "kept"
    # A listing the profile shows changes: rendered again.
    shown = area["near_rp"]
    shown.name = "Near Primary Autism Base (renamed)"
    shown.save_revision().publish()
    assert client.get(profile)["X-Page-Served"] == "rendered"
    # Signed in: rendered for them alone; so is a page that is never kept.
    client.force_login(officer)
    assert client.get("/directory/", local)["X-Page-Served"] == "not-cacheable"
    client.logout()
    home = client.get("/")
    assert home.status_code == 200 and home["X-Page-Served"] == "not-cacheable"


@pytest.mark.django_db
def test_a_page_re_checked_again_and_again_is_rendered_afresh_within_ten_minutes(
    client, area, monkeypatch
):
    """A profile viewed regularly is re-checked after each change and kept again; it keeps
    the time it was rendered, so whatever it shows wrongly (if anything could) lasts at most
    RECHECKED_FOR_AT_MOST, not until midnight."""
    import time
    import types

    from search import page_cache

    school, other = area["near_rp"], area["near_secondary"]
    url = f"/directory/{school.slug}/"
    started = time.time()

    def at(seconds):
        monkeypatch.setattr(
            page_cache, "time", types.SimpleNamespace(time=lambda: started + seconds)
        )

    def after_a_change_elsewhere(seconds):
        at(seconds)
        other.summary = f"News at {seconds} seconds."
        other.save_revision().publish()
        return client.get(url)["X-Page-Served"]

    at(0)
    assert client.get(url)["X-Page-Served"] == "rendered"
    assert after_a_change_elsewhere(300) == "re-checked"
    assert after_a_change_elsewhere(500) == "re-checked"
    assert after_a_change_elsewhere(page_cache.RECHECKED_FOR_AT_MOST + 1) == "rendered"
    assert after_a_change_elsewhere(page_cache.RECHECKED_FOR_AT_MOST + 100) == "re-checked"
