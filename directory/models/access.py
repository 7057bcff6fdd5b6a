"""Who may see which listings: the one rule, read by the admin's permission policy
(directory/permissions.py) and by the listings' audit log (below)."""

from django.conf import settings
from django.db import models
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

import roles


class ListingEditor(models.Model):
    """Gives one user the right to edit one listing (a SENCo their school, a team its service)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_links"
    )
    listing = models.ForeignKey(
        "directory.Listing", on_delete=models.CASCADE, related_name="editor_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "listing"], name="one_link_per_user_listing")
        ]
        verbose_name = "listing editor"

    def __str__(self):
        return f"{self.user} edits {self.listing}"


def sees_all_listings(user):
    """Officers and regulators oversee every listing of the authorities they act for
    (roles.authority_ids); editors see only the listings linked to them."""
    return roles.oversees_listings(user)


def reachable_listings(user, queryset):
    """`queryset` (of listings) narrowed to what this user may see in the admin."""
    if not user.is_authenticated:
        return queryset.none()
    if sees_all_listings(user):
        return roles.within_authorities(user, queryset)
    return queryset.filter(pk__in=linked_listing_ids(user))


def linked_listing_ids(user):
    """The listings this user is an editor of (cached on the user object for the request)."""
    if not hasattr(user, "_linked_listing_ids"):
        user._linked_listing_ids = frozenset(
            ListingEditor.objects.filter(user=user).values_list("listing_id", flat=True)
        )
    return user._linked_listing_ids


class ListingLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        # Our rule alone, not Wagtail's content-type check: that one caches its answer on the
        # user object from whichever log table it reads first, which is wrong for a second one.
        from .listings import Listing

        if sees_all_listings(user) and roles.authority_ids(user) is None:
            return self.all()
        ids = reachable_listings(user, Listing.objects.all()).values_list("pk", flat=True)
        return self.filter(object_id__in=[str(pk) for pk in ids])


class ListingLogEntry(BaseLogEntry):
    """The audit trail of settings and services: who changed what, when.

    Kept apart from Wagtail's generic log so that an editor who may see only their own listing
    sees only its history in the admin's reports, not every school's.
    """

    object_id = models.CharField(max_length=255, db_index=True)

    objects = ListingLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "listing log entry"
        verbose_name_plural = "listing log entries"
