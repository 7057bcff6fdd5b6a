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
