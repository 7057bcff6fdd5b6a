"""The demo guide that seed_demo creates: enough pages, each citing the law, mostly plain."""

import pytest
from django.core.management import call_command

from guidance.models import EHCDeadlinesPage, GuidePage
from guidance.readability import MAX_GRADE, TARGET_GRADE, TARGET_SHARE

pytestmark = pytest.mark.django_db

TOPICS = [
    "what-send-means",
    "sen-support",
    "what-schools-must-publish",
    "ask-for-an-ehc-needs-assessment",
    "the-20-week-process",
    "what-an-ehc-plan-contains",
    "naming-a-school",
    "annual-reviews",
    "personal-budgets",
    "mediation",
    "appeals",
    "disability-discrimination",
    "exclusions-and-part-time-timetables",
    "school-transport",
    "early-years",
    "preparing-for-adulthood",
    "health-and-social-care",
    "complaints",
]


# What a "What the law says" citation may rest on: statute, regulations, rules, statutory
# guidance (the Code of Practice and the DfE's), a pre-action protocol or a reported case.
SOURCES = (
    "Act",
    "Regulations",
    "Code of Practice",
    "Rules",
    "statutory guidance",
    "Protocol",
    "EWHC",
)


@pytest.fixture
def demo(db):
    call_command("seed_demo")


def national_pages():
    """The national guide's own pages (each authority's site shows aliases of them)."""
    return GuidePage.objects.live().filter(
        alias_of__isnull=True, url_path__startswith="/home/", locale__language_code="en-gb"
    )


def test_the_demo_guide_covers_the_topics_families_need(demo, client):
    pages = {page.slug: page for page in national_pages()}
    assert len(pages) >= 16
    assert set(TOPICS) <= set(pages)
    # The English calculator (the demo adds sample translations: docs/languages.md).
    english = EHCDeadlinesPage.objects.live().filter(locale__language_code="en-gb")
    assert english.filter(alias_of__isnull=True).count() == 1
    for page in pages.values():
        assert client.get(page.url).status_code == 200, page.slug


def test_every_demo_page_cites_its_sources(demo):
    for page in GuidePage.objects.live().filter(locale__language_code="en-gb"):
        laws = [child.value for child in page.body if child.block_type == "law"]
        assert laws, f"{page.slug} has no 'What the law says'"
        for law in laws:
            assert any(source in law["citation"] for source in SOURCES), law["citation"]


def test_most_demo_pages_are_at_grade_six_or_below(demo):
    english = GuidePage.objects.live().filter(locale__language_code="en-gb")
    grades = {page.slug: page.reading_grade for page in english}
    assert all(grade is not None for grade in grades.values())
    plain = [slug for slug, grade in grades.items() if grade <= TARGET_GRADE]
    assert len(plain) >= len(grades) * TARGET_SHARE, grades
    assert max(grades.values()) <= MAX_GRADE, grades


def test_demo_pages_are_signed_off_with_the_forum_and_one_is_overdue(demo):
    pages = list(national_pages())
    assert all(page.coproduced_with.exists() for page in pages)
    assert [page.slug for page in pages if page.check_overdue] == ["school-transport"]


def test_who_can_help_links_real_services_in_the_directory(demo, client):
    from directory.models import Service

    transport = Service.objects.get(name="Northbrook Home to School Transport")
    page = GuidePage.objects.get(slug="school-transport", url_path__startswith="/northbrook/")
    html = client.get("/guide/school-transport/", HTTP_HOST="northbrook.localhost").content.decode()
    assert page.alias_of_id is not None
    section = html[html.index('class="who-can-help"') :]
    section = section[: section.index("</ul>")]
    assert f'href="{transport.get_url()}"' in section
    assert section.count("Northbrook SENDIAS") == 1  # from the authority's settings, once
