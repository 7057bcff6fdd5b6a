"""Demo guide for the fictional Northbrook: the forum, the glossary and the pages in content.py.

Get-or-create throughout, so `seed_demo` can run any number of times. Pages are published as
if signed off by the demo forum; one is left overdue for its check so the report has a row.
"""

import datetime

from django.utils import timezone

from directory.models import Service
from guidance import content
from guidance.models import (
    EHCDeadlinesPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    ParentCarerForum,
)
from guidance.models.coproduction import next_check_after

# The national guide is signed off by a national group of forums (fictional); each authority's
# local pages by its own forum.
FORUM = {
    "name": "National Network of Parent Carer Forums (demo)",
    "website": "https://national-pcf-network.example.org/",
    "contact_name": "Network co-ordinator",
    "contact_email": "guide@national-pcf-network.example.org",
}
LOCAL_FORUMS = {
    "990": {
        "name": "Northbrook Parent Carer Forum",
        "website": "https://northbrook-pcf.example.org/",
        "contact_name": "Forum co-chair",
        "contact_email": "hello@northbrook-pcf.example.org",
    },
    "991": {
        "name": "Southmere Parent Carer Forum",
        "website": "https://southmere-pcf.example.org/",
        "contact_name": "Forum chair",
        "contact_email": "chair@southmere-pcf.example.org",
    },
}
# A page whose yearly check has lapsed, so the overdue report and the page's notice show.
OVERDUE_SLUG = "school-transport"


def ensure_glossary():
    for term, spellings, short, longer in content.GLOSSARY:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={
                "other_spellings": spellings,
                "short_explanation": short,
                "explanation": longer,
            },
        )


def ensure_forum():
    forum, _ = ParentCarerForum.objects.get_or_create(name=FORUM["name"], defaults=FORUM)
    return forum


def ensure_guide_index(home):
    index = GuideIndexPage.objects.first()
    if index is None:
        index = GuideIndexPage(
            title="Guide to SEND for families",
            slug="guide",
            intro=content.GUIDE_INTRO,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def with_service_ids(body, authority_name="Northbrook"):
    """Who-can-help blocks name services; the stream stores their ids."""
    resolved = []
    for block_type, value in body:
        if block_type == "who_can_help":
            names = [f"{authority_name} {name}" for name in value["services"]]
            found = dict(Service.objects.filter(name__in=names).values_list("name", "pk"))
            value = {**value, "services": [found[n] for n in names if n in found]}
        resolved.append({"type": block_type, "value": value})
    return resolved


def publish(index, page, forum, checked_on):
    page.last_checked_on = checked_on
    page.next_check_due = next_check_after(checked_on)
    index.add_child(instance=page)
    page.coproduced_with.set([forum])
    page.full_clean()
    page.save_revision().publish()
    return page


def seed(home):
    ensure_glossary()
    forum = ensure_forum()
    index = ensure_guide_index(home)
    existing = set(index.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    added = []
    for number, spec in enumerate(content.PAGES):
        if spec["slug"] in existing:
            continue
        checked_on = today - datetime.timedelta(days=20 + 9 * number)
        if spec["slug"] == OVERDUE_SLUG:
            checked_on = today - datetime.timedelta(days=400)
        page = GuidePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            section=spec["section"],
            local_offer_category=spec["category"],
            body=with_service_ids(spec["body"]),
        )
        added.append(publish(index, page, forum, checked_on))
    spec = content.CALCULATOR
    if spec["slug"] not in existing:
        page = EHCDeadlinesPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            section=spec["section"],
            local_offer_category=spec["category"],
            intro=spec["intro"],
        )
        added.append(publish(index, page, forum, today - datetime.timedelta(days=10)))
    return index, added


def seed_local_pages(local_sites):
    """Each authority's own page in its guide, written and signed off by its own forum."""
    added = []
    today = timezone.localdate()
    for authority, _site, home in local_sites:
        spec = LOCAL_FORUMS.get(authority.code)
        if spec is None:
            continue
        forum, _ = ParentCarerForum.objects.get_or_create(
            name=spec["name"], defaults={**spec, "authority": authority}
        )
        index = GuideIndexPage.objects.child_of(home).first()
        slug = f"send-in-{authority.slug}"
        if index is None or GuidePage.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = GuidePage(
            title=f"SEND support in {authority.name}: who to contact",
            slug=slug,
            summary=f"The {authority.name} SEND team, its local SEND plan, and how we check "
            "this Local Offer with families.",
            section="starting",
            local_offer_category="advice",
            body=[
                (
                    "text",
                    f"<p>This page is about {authority.name} only. The rest of this guide is "
                    "the same in every council, because the law is the same.</p>"
                    f"<h2>The {authority.name} SEND team</h2>"
                    "<p>The team runs EHC needs assessments and plans. You can phone or email "
                    "them. Their details are at the bottom of every page.</p>"
                    "<h2>Our local SEND plan</h2>"
                    "<p>The council and the NHS write a plan for SEND in the area. The forum "
                    "helps write it. Ask the SEND team for a copy.</p>",
                ),
                (
                    "law",
                    {
                        "summary": "Every council must publish a Local Offer. It says what help "
                        "there is for children and young people with SEND in the area.",
                        "citation": "Children and Families Act 2014, section 30",
                        "source_url": "https://www.legislation.gov.uk/ukpga/2014/6/section/30",
                    },
                ),
                (
                    "who_can_help",
                    {
                        "heading": "Who can help",
                        "text": "Free, private advice near you.",
                        "include_sendias": True,
                        "services": [],
                        "other_contacts": [],
                    },
                ),
            ],
        )
        added.append(publish(index, page, forum, today - datetime.timedelta(days=30)))
    return added
