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


class SearchMatch(models.Model):
    """The ids a text search matched, in SQLite's per-connection temporary table
    `temp.search_match` (filled by search/backends/sqlite.py; SQLite looks in the temp schema
    first). Not a table of ours: unmanaged, so migrations never create it. Filtering with
    EXISTS on it lets SQLite scan each facet's covering index and probe the matches, about
    twice as fast as `id IN (matches)`, which reads every matched listing row."""

    id = models.IntegerField(primary_key=True)

    class Meta:
        managed = False
        db_table = "search_match"

    def __str__(self):
        return str(self.id)
