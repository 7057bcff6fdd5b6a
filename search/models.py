from django.db import models


class DirectoryVersion(models.Model):
    """One row whose token changes with every change to a listing (search/cache.py bumps it).

    Everything derived from listings — cached facet counts and result pages, each process's
    in-memory facet index (search/facets.py) — is labelled with the token it was built at and
    is thrown away when the token moves. It lives in the database, not in the cache, so every
    web process sees a change at once, an emptied or culled cache cannot bring an old label
    back, and a rolled-back change rolls the token back with the data. The token is random,
    not a counter, so that no two states of the data ever share one.
    """

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "directory version"

    def __str__(self):
        return str(self.token)


class DirectoryChange(models.Model):
    """One change to the directory: which listing changed (None: any number of them, e.g. a
    bulk import), and the version token it gave the directory.

    Each web process keeps in-memory structures derived from the listings (the facet index,
    the SQLite entry map). When the version moves they read the changes since the last one
    they applied and update just those listings instead of rebuilding. A process checks that
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
