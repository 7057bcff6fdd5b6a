"""Who acts for what: the authorities a member of staff acts for (AuthorityAccess, read by
roles.authority_ids), and which listings an editor may see - the one rule, read by the
admin's permission policy (directory/permissions.py) and by the listings' audit log (below)."""

from django.conf import settings
from django.db import models
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager

import roles


class AuthorityAccess(models.Model):
    """Which local authorities a member of staff acts for: the scope of their role.

    Local Offer officers, parent carer forum editors and regulators act only within their
    authorities (listings, pages, media, feedback, reports); a national one acts for all of
    them. Setting and service editors are scoped by the listings linked to them instead.
    Someone with a role and no AuthorityAccess acts for no authority at all.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="authority_access"
    )
    national = models.BooleanField(
        default=False,
        help_text="Acts for every local authority on this instance (a national officer, forum "
        "or regulator).",
    )
    authorities = models.ManyToManyField(
        "directory.LocalAuthority",
        blank=True,
        related_name="staff_access",
        help_text="The local authorities this person acts for.",
    )

    class Meta:
        # Made by the roles app before the authorities' scope moved here, where the
        # authorities are (the roles, the ground floor, refer to nothing above them).
        db_table = "roles_authorityaccess"
        verbose_name = "authority access"
        verbose_name_plural = "authority access"

    def __str__(self):
        if self.national:
            return f"{self.user}: every authority"
        return f"{self.user}: {', '.join(str(a) for a in self.authorities.all()) or 'none'}"


def authorities_acted_for(user):
    """roles.authority_ids' source for staff: None when they act for every authority, else
    the ids of theirs (none without an AuthorityAccess)."""
    access = AuthorityAccess.objects.filter(user=user).prefetch_related("authorities").first()
    if access is None:
        return frozenset()
    if access.national:
        return None
    return frozenset(a.pk for a in access.authorities.all())


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
