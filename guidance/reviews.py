"""Which guide pages are due for their forum's check, and the reminders sent about them."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

import roles
from directory.change_log import current_version
from directory.sites import authority_id_for_page

from .models import EHCDeadlinesPage, GuideIndexPage, GuidePage


@dataclass
class OverdueCheck:
    page: object
    days_overdue: int

    @property
    def title(self):
        # A council's copy of a national page says so ("… (shared from the national guide)").
        return self.page.get_admin_display_title()

    @property
    def forums(self):
        return "; ".join(forum.name for forum in self.page.coproduced_with.all())

    @property
    def contacts(self):
        return [f.contact_email for f in self.page.coproduced_with.all() if f.contact_email]


def overdue_checks(today=None, authority=None, user=None):
    """Live guide pages whose next check date has passed, most overdue first. For a `user`,
    only the pages of the authorities they act for (the national guide's for national staff
    only). A council's copy of a national page is checked with its original, so it is listed
    only where its original is not: one row per page to check, not one per site."""
    today = today or timezone.localdate()
    rows = []
    for model in (GuidePage, EHCDeadlinesPage):
        pages = (
            model.objects.live()
            .filter(next_check_due__lt=today)
            .prefetch_related("coproduced_with")
        )
        if authority is not None:
            pages = pages.filter(coproduced_with__authority=authority).distinct()
        rows += [OverdueCheck(page, (today - page.next_check_due).days) for page in pages]
    if user is not None and roles.authority_ids(user) is not None:
        version = current_version()
        rows = [
            row for row in rows if roles.acts_for(user, authority_id_for_page(row.page, version))
        ]
    listed = {row.page.pk for row in rows}
    rows = [row for row in rows if row.page.alias_of_id not in listed]
    return sorted(rows, key=lambda row: (-row.days_overdue, row.title))


def send_review_reminders(today=None):
    """One email per forum contact, listing that forum's overdue pages. Returns (emails, pages).
    Pages with no forum contact go to the Local Offer team's address, so none is forgotten."""
    from wagtail.models import Site

    from home.models import AuthoritySettings

    by_address = {}
    checks = overdue_checks(today)
    site = Site.objects.filter(is_default_site=True).first()
    fallback = AuthoritySettings.for_site(site).contact_email if checks and site else ""
    for check in checks:
        for address in check.contacts or ([fallback] if fallback else []):
            by_address.setdefault(address, []).append(check)
    for address, pages in by_address.items():
        lines = [
            f"- {check.title}: due {check.page.next_check_due:%d %B %Y} "
            f"({check.days_overdue} days ago)\n  {check.page.get_full_url() or ''}"
            for check in pages
        ]
        send_mail(
            subject=f"{len(pages)} guide page(s) are due for your forum's check",
            message=(
                "Hello,\n\nThese Local Offer guide pages are past the date your forum agreed to "
                "check them. Please read each one, and edit it or sign it off again in the "
                "admin, so families can trust what it says.\n\n"
                + "\n".join(lines)
                + "\n\nThank you,\nThe Local Offer team\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    return len(by_address), len(checks)


def current_pages_by_category(today):
    """(authority id or None for every authority, Local Offer category) of each live guide page
    that names a category and whose check is not overdue: the guide's part of the Local Offer
    coverage report (directory.accountability.COVERAGE_PAGES_HOOK)."""
    guides = dict(GuideIndexPage.objects.values_list("path", "authority_id"))
    prefix_lengths = {len(path) for path in guides}
    pairs = []
    for model in (GuidePage, EHCDeadlinesPage):
        pages = (
            model.objects.live()
            .exclude(local_offer_category="")
            .filter(Q(next_check_due__isnull=True) | Q(next_check_due__gte=today))
            .values_list("path", "local_offer_category")
        )
        for path, category in pages:
            for length in prefix_lengths:  # a page's guide is the ancestor whose path it extends
                if path[:length] in guides:
                    pairs.append((guides[path[:length]], category))
    return pairs
