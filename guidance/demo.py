"""Demo guide for the fictional Northbrook: its forum, and the national guide pack loaded as if
the forum had signed every page off (`load_guide --publish-as-signed-off` does the same).

Safe to run again: the loader leaves unchanged pages alone. One page is left overdue for its
check so the overdue report has a row.
"""

import datetime

from django.utils import timezone

from directory.models import LocalAuthority

from .content_pack import SignOff, load_guide, read_pack
from .models import ParentCarerForum

FORUM = {
    "name": "Northbrook Parent Carer Forum",
    "website": "https://northbrook-pcf.example.org/",
    "contact_name": "Forum co-chair",
    "contact_email": "hello@northbrook-pcf.example.org",
}
# A page whose yearly check has lapsed, so the overdue report and the page's notice show.
OVERDUE_SLUG = "school-transport"
# The pack names directory services without the authority; the demo's carry its name first.
SERVICE_PREFIX = "Northbrook "


def ensure_forum():
    authority = LocalAuthority.objects.filter(code="990").first()
    forum, _ = ParentCarerForum.objects.get_or_create(
        name=FORUM["name"], defaults={**FORUM, "authority": authority}
    )
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
    index = result.index
    if result.index_created:
        index.authority = LocalAuthority.objects.filter(code="990").first()
        index.save_revision().publish()
    return index, result.pages
