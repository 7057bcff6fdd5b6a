"""Demo guide: the national guide pack loaded under the national site as if the national forum
had signed every page off (`load_guide --publish-as-signed-off` does the same), and a local page
on each authority's site signed off by its own forum.

Safe to run again: the loader leaves unchanged pages alone. One page is left overdue for its
check so the overdue report has a row.
"""

import datetime

from django.utils import timezone

from guidance.content_pack import SignOff, load_guide, read_pack
from guidance.models import GuideIndexPage, GuidePage, ParentCarerForum
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
# The pack names directory services without the authority; the demo's carry its name first.
SERVICE_PREFIX = "Northbrook "


def ensure_forum():
    forum, _ = ParentCarerForum.objects.get_or_create(name=FORUM["name"], defaults=FORUM)
    return forum


def seed(home):
    pack = read_pack()
    slugs = [spec.slug for spec in pack.pages]
    today = timezone.localdate()

    def checked_on(slug):
        if slug == OVERDUE_SLUG:
            return today - datetime.timedelta(days=400)
        return today - datetime.timedelta(days=10 + 9 * slugs.index(slug))

    result = load_guide(
        home,
        pack=pack,
        sign_off=SignOff(forum=ensure_forum(), checked_on=checked_on),
        service_prefix=SERVICE_PREFIX,
    )
    return result.index, result.pages


def publish(index, page, forum, checked_on):
    page.last_checked_on = checked_on
    page.next_check_due = next_check_after(checked_on)
    index.add_child(instance=page)
    page.coproduced_with.set([forum])
    page.full_clean()
    page.save_revision().publish()
    return page


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
