"""Demo guide: the national guide pack loaded under the national site as if the national forum
had signed every page off (`load_guide --publish-as-signed-off` does the same), and a local page
on each authority's site signed off by its own forum. The pack names no council's services (its
Who can help blocks link to searches of the directory instead), so the demo then adds its own
services to those blocks, as a forum editor would in the admin.

Safe to run again: the loader leaves unchanged pages alone. One page is left overdue for its
check so the overdue report has a row.
"""

import datetime

from django.utils import timezone

from directory.models import Service
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
# The demo's own services, added to the Who can help block of these pages of the national
# guide (the demo's services carry their authority's name first).
LOCAL_SERVICES = {
    "early-years": ["Northbrook Early Talk Drop-in"],
    "health-and-social-care": [
        "Northbrook Disabled Children's Social Work Team",
        "Northbrook Saturday Club Short Breaks",
    ],
    "preparing-for-adulthood": [
        "Northbrook Supported Employment Service",
        "Northbrook Moving On: Independent Living Skills",
    ],
    "school-transport": ["Northbrook Home to School Transport"],
}


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
    )
    add_local_services(result.index)
    return result.index, result.pages


def add_local_services(index):
    """Add the demo's services to the first Who can help block of the pages in LOCAL_SERVICES,
    and publish; a page that already lists them is left alone. Returns the pages changed."""
    names = [name for wanted in LOCAL_SERVICES.values() for name in wanted]
    services = {service.name: service for service in Service.objects.filter(name__in=names)}
    changed = []
    for slug, wanted in LOCAL_SERVICES.items():
        page = GuidePage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            continue
        page = page.get_latest_revision_as_object()
        blocks = [child for child in page.body if child.block_type == "who_can_help"]
        if not blocks:
            continue
        value = blocks[0].value
        chosen = [service for service in value["services"] if service is not None]
        missing = [
            services[name]
            for name in wanted
            if name in services and services[name].pk not in {s.pk for s in chosen}
        ]
        if not missing:
            continue
        value["services"] = chosen + missing
        page.body = [(child.block_type, child.value) for child in page.body]
        page.full_clean()
        page.save_revision(log_action=True).publish()
        changed.append(page)
    return changed


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
                        "find": [],
                        "other_contacts": [],
                    },
                ),
            ],
        )
        added.append(publish(index, page, forum, today - datetime.timedelta(days=30)))
    return added
