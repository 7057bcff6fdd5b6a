"""Demo guide for the fictional Northbrook: the forum, the glossary and the pages in content.py.

Get-or-create throughout, so `seed_demo` can run any number of times. Pages are published as
if signed off by the demo forum; one is left overdue for its check so the report has a row.
"""

import datetime

from django.utils import timezone

from directory.models import LocalAuthority, Service
from guidance import content
from guidance.models import (
    EHCDeadlinesPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    ParentCarerForum,
)
from guidance.models.coproduction import next_check_after

FORUM = {
    "name": "Northbrook Parent Carer Forum",
    "website": "https://northbrook-pcf.example.org/",
    "contact_name": "Forum co-chair",
    "contact_email": "hello@northbrook-pcf.example.org",
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
    authority = LocalAuthority.objects.filter(code="990").first()
    forum, _ = ParentCarerForum.objects.get_or_create(
        name=FORUM["name"], defaults={**FORUM, "authority": authority}
    )
    return forum


def ensure_guide_index(home):
    index = GuideIndexPage.objects.first()
    if index is None:
        index = GuideIndexPage(
            title="Guide to SEND for families",
            slug="guide",
            intro=content.GUIDE_INTRO,
            authority=LocalAuthority.objects.filter(code="990").first(),
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
