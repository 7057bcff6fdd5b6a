from django.conf import settings
from django.db import models


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
        verbose_name = "authority access"
        verbose_name_plural = "authority access"

    def __str__(self):
        if self.national:
            return f"{self.user}: every authority"
        return f"{self.user}: {', '.join(str(a) for a in self.authorities.all()) or 'none'}"
