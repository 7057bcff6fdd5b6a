from django.db import models


class CompletenessSnapshot(models.Model):
    """How complete and current an authority's listings of one kind were on a date, so that
    reports can show the trend. Written by `manage.py snapshot_completeness`."""

    taken_on = models.DateField(db_index=True)
    authority = models.ForeignKey(
        "directory.LocalAuthority", on_delete=models.CASCADE, related_name="snapshots"
    )
    kind = models.CharField(max_length=10)
    listings = models.PositiveIntegerField()
    average_score = models.PositiveSmallIntegerField()
    share_complete = models.PositiveSmallIntegerField()
    share_stale = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["taken_on", "authority", "kind"], name="one_snapshot_per_day"
            )
        ]

    def __str__(self):
        return f"{self.authority} {self.kind} on {self.taken_on}"
