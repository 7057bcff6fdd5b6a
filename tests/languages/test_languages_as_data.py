"""Which languages a site offers is its authority's setting; each language has its own
addresses (/pl/, /ur/), so pages kept by the page cache are kept per language; the page says
its language and direction, and links to itself in the others."""

import pytest

from home.models import AuthoritySettings

pytestmark = pytest.mark.django_db


def test_english_keeps_its_addresses_and_links_to_the_other_languages(client, offers_languages):
    response = client.get("/directory/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-gb" dir="ltr">' in html
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/directory/">' in html
    assert '<link rel="alternate" hreflang="ur" href="http://testserver/ur/directory/">' in html
    assert 'href="/ur/directory/" lang="ur" dir="rtl" hreflang="ur">اردو</a>' in html


def test_urdu_reads_right_to_left(client, offers_languages):
    html = client.get("/ur/directory/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "اسکول اور سروسز تلاش کریں" in html
    assert 'action="/ur/directory/"' in html


def test_a_language_the_site_does_not_offer_is_not_found(client, offers_languages):
    settings_ = AuthoritySettings.for_site(offers_languages)
    settings_.languages = ["pl"]
    settings_.save()
    assert client.get("/pl/directory/").status_code == 200
    assert client.get("/ur/directory/").status_code == 404
    html = client.get("/directory/").content.decode()
    assert 'hreflang="ur"' not in html and 'hreflang="pl"' in html


def test_a_site_in_english_only_has_no_switcher(client, demo_site):
    assert client.get("/pl/directory/").status_code == 404
    html = client.get("/directory/").content.decode()
    assert "hreflang" not in html and "language-switcher" not in html


def test_the_page_cache_keeps_each_language_apart(client, offers_languages):
    first = client.get("/pl/directory/?q=school")
    again = client.get("/pl/directory/?q=school")
    assert first["X-Page-Served"] == "rendered" and again["X-Page-Served"] == "kept"
    assert "Znajdź szkoły i usługi" in again.content.decode()
    english = client.get("/directory/?q=school")
    assert english["X-Page-Served"] == "rendered"
    assert "Find schools and services" in english.content.decode()
    assert "Znajdź" not in english.content.decode()


def test_the_setting_is_chosen_from_the_instances_languages(offers_languages):
    from django.core.exceptions import ValidationError

    settings_ = AuthoritySettings.for_site(offers_languages)
    settings_.languages = ["pl", "xx"]
    with pytest.raises(ValidationError):
        settings_.full_clean()
