"""Reminders to the people who keep listings current (run `send_listing_reminders` daily).

- A month before a listing becomes stale (not checked for 12 months; the SEND information
  report is updated every year, SEND Code of Practice 2015, 6.79), and again once it is stale.
- When a service's waiting time passes the standard's age limit
  (standard.WAITING_TIME_CURRENT_FOR).

Each listing's editors get one e-mail listing all their due listings; a listing with no editor
goes to the Local Offer team's address. Each reminder is recorded (ListingReminder) and sent
once for the date it is about, so running the command again the same day, or the next, sends
nothing new; a listing checked again and due again later is reminded again.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from . import standard
from .models import Listing, ListingEditor, ListingReminder, Service, Setting

REMIND_BEFORE_STALE = datetime.timedelta(days=30)


@dataclass
class Due:
    listing: object
    kind: str
    about_date: object

    @property
    def sentence(self):
        name = self.listing.name
        if self.kind == ListingReminder.STALE_SOON:
            stale_on = self.about_date + standard.STALE_AFTER
            return (
                f"{name}: last checked on {self.about_date:%-d %B %Y}. From {stale_on:%-d %B %Y} "
                "families will see it as out of date."
            )
        if self.kind == ListingReminder.STALE:
            checked = (
                f"last checked on {self.about_date:%-d %B %Y}"
                if self.about_date
                else "never checked"
            )
            return f"{name}: {checked}. Families see it as out of date."
        return (
            f"{name}: the waiting time was stated on {self.about_date:%-d %B %Y}, more than "
            f"{standard.WAITING_TIME_AGE_LIMIT} ago. Families are told it may be out of date."
        )


def due_reminders(today=None):
    """Every reminder due today that has not been sent for the same date."""
    today = today or timezone.localdate()
    soon = standard.stale_before(today + REMIND_BEFORE_STALE)
    stale = standard.stale_before(today)
    live = Listing.objects.published().only("id", "name", "kind", "slug", "last_reviewed_on")
    due = []
    for listing in live.filter(last_reviewed_on__lt=soon, last_reviewed_on__gte=stale):
        due.append(Due(listing, ListingReminder.STALE_SOON, listing.last_reviewed_on))
    for listing in live.filter(Q(last_reviewed_on__lt=stale) | Q(last_reviewed_on__isnull=True)):
        due.append(Due(listing, ListingReminder.STALE, listing.last_reviewed_on))
    waits = Service.objects.published().filter(
        waiting_weeks__isnull=False,
        waiting_stated_on__lt=standard.waiting_time_current_since(today),
    )
    for service in waits.only("id", "name", "kind", "slug", "waiting_stated_on"):
        due.append(Due(service, ListingReminder.WAITING_OLD, service.waiting_stated_on))
    sent = set(
        ListingReminder.objects.filter(listing__in=[d.listing.pk for d in due]).values_list(
            "listing_id", "kind", "about_date"
        )
    )
    return [d for d in due if (d.listing.pk, d.kind, d.about_date) not in sent]


# Who hears about a listing with no editor: the Local Offer team of its authority. The app
# that keeps the teams' contacts (home, AuthoritySettings) answers through this Wagtail hook:
# given a listing, the team's e-mail address or "".
TEAM_ADDRESS_HOOK = "local_offer_team_address"


def officer_address(listing):
    for answer in hooks.get_hooks(TEAM_ADDRESS_HOOK):
        address = answer(listing)
        if address:
            return address
    return ""


def send_listing_reminders(today=None):
    """E-mail every reminder due; returns (e-mails sent, reminders recorded)."""
    today = today or timezone.localdate()
    due = due_reminders(today)
    editors = defaultdict(set)
    links = ListingEditor.objects.filter(listing__in=[d.listing.pk for d in due])
    for listing_id, email in links.values_list("listing_id", "user__email"):
        if email:
            editors[listing_id].add(email)
    by_address = defaultdict(list)
    sent_to = defaultdict(set)
    for item in due:
        fallback = officer_address(item.listing)
        for address in editors.get(item.listing.pk) or ([fallback] if fallback else []):
            by_address[address].append(item)
            sent_to[item.listing.pk, item.kind].add(address)
    for address, items in sorted(by_address.items()):
        lines = [
            f"- {item.sentence}\n  Update it: {admin_url(item.listing)}"
            for item in sorted(items, key=lambda i: i.listing.name)
        ]
        send_mail(
            subject=f"{len(items)} Local Offer listing(s) need checking",
            message=(
                "Hello,\n\nFamilies choose schools and services from what the Local Offer "
                "says, so it must be current. Please check these listings, update what has "
                "changed, tick “I have checked every section” and submit them for approval:\n\n"
                + "\n".join(lines)
                + "\n\nThank you,\nThe Local Offer team\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    ListingReminder.objects.bulk_create(
        ListingReminder(
            listing_id=item.listing.pk,
            kind=item.kind,
            about_date=item.about_date,
            sent_on=today,
            sent_to="\n".join(sorted(sent_to[item.listing.pk, item.kind])),
        )
        for item in due
        if sent_to[item.listing.pk, item.kind]
    )
    return len(by_address), sum(1 for item in due if sent_to[item.listing.pk, item.kind])


def admin_url(listing):
    model = Setting if listing.kind == "setting" else Service
    path = reverse(model.snippet_viewset.get_url_name("edit"), args=[listing.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
