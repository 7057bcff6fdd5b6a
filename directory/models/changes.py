"""The directory's change log: what a family could see has changed, and when.

Read and written through directory/change_log.py; these are only its two tables.
"""

from django.db import models


class DirectoryVersion(models.Model):
    """One row whose token changes with every change to the directory (change_log.record).

    Everything derived from the listings — kept pages, cached facet counts and result pages,
    each process's facet index, rankings, places and entry map — is labelled with the token it
    answers for. It lives in the database, not in the cache, so every web process sees a change
    at once, an emptied or culled cache cannot bring an old label back, and a rolled-back
    change rolls the token back with the data. The token is random, not a counter, so that no
    two states of the data ever share one.
    """

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "directory version"

    def __str__(self):
        return str(self.token)


class DirectoryChange(models.Model):
    """One change to the directory: which listing changed (None: any number of them, such as
    a bulk import, or something every page shows: an authority, a site, its settings), and the
    version token it gave the directory.

    A process that keeps something derived from the listings reads the changes since the last
    one it applied and updates just those listings instead of rebuilding. It first checks that
    the last change it applied is still there with the same token: after a rollback or a
    pruning of old rows it cannot be sure what it missed, and rebuilds.
    """

    id = models.BigAutoField(primary_key=True)
    token = models.BigIntegerField()
    listing_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "directory change"

    def __str__(self):
        return f"{self.pk}: {self.listing_id or 'every listing'}"
