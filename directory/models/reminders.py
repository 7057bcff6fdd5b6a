"""Reminders e-mailed to a listing's editors (directory/reminders.py): one row per reminder, so
that each is sent once and officers can see when a listing was last reminded."""

from django.db import models


class ListingReminder(models.Model):
    STALE_SOON = "stale-soon"
    STALE = "stale"
    WAITING_OLD = "waiting-old"
    KINDS = [
        (STALE_SOON, "Due its yearly check within a month"),
        (STALE, "Out of date: not checked for a year"),
        (WAITING_OLD, "Waiting time out of date"),
    ]

    listing = models.ForeignKey(
        "directory.Listing", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    # The date the reminder was about (the listing's "last checked" date, or the date its
    # waiting time was stated): a new date needs a new reminder, the same one never does.
    about_date = models.DateField(null=True, blank=True)
    sent_on = models.DateField()
    sent_to = models.TextField(help_text="The addresses it was sent to, one a line.")

    class Meta:
        indexes = [models.Index(fields=["listing", "kind", "about_date"])]
        ordering = ["-sent_on"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.listing} ({self.sent_on:%d %B %Y})"
