"""The site search box: a family's question never ends on an empty page."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from guidance.models import GuidePage
from home.models import AuthoritySettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo")


def test_the_words_families_use_find_the_page_written_for_them(demo, client):
    html = client.get("/search/", {"q": "school not meeting my child's needs"}).content.decode()
    guide = html[html.index('id="guide-results"') : html.index('id="directory-results"')]
    assert "school is not meeting" in guide.lower() or "school isn" in guide.lower()


def test_a_question_with_no_page_having_every_word_is_offered_pages_that_may_help(demo, client):
    response = client.get("/search/", {"q": "graduated response tribunal hydrotherapy"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No guide pages have all the words" in html
    assert "Pages that may help" in html
    help_section = html[html.index('id="suggestions"') :]
    assert "SEN support and the graduated response" in help_section
    assert 'href="/guide/"' in help_section


def test_a_question_is_found_by_its_answers_words(demo, client):
    page = GuidePage.objects.live().get(slug="sen-support", url_path__startswith="/home/")
    text = page.questions_and_answers()
    assert "What if the help is not working?" in text
    assert "Ask for a meeting with the SENCo" in text
    html = client.get("/search/", {"q": "meeting SENCo change"}).content.decode()
    guide = html[html.index('id="guide-results"') : html.index('id="directory-results"')]
    assert page.title in guide


def test_every_search_page_shows_how_to_reach_sendias(demo, client):
    # On an authority's own site, its SENDIAS (the national site names no one service).
    authority = AuthoritySettings.for_site(Site.objects.get(hostname="northbrook.localhost"))
    assert authority.sendias_name and authority.sendias_phone
    for q in ("", "zebra crossing", "autism"):
        html = client.get("/search/", {"q": q}, HTTP_HOST="northbrook.localhost").content.decode()
        section = html[html.index('id="sendias-help"') :]
        assert authority.sendias_name in section
        assert authority.sendias_phone in section
    html = client.get("/search/", {"q": "zebra crossing"}).content.decode()
    assert 'href="/directory/"' in html and 'href="/guide/"' in html
    # Many results: no "may help" suggestions.
    assert "Pages that may help" not in client.get("/search/", {"q": "school"}).content.decode()
