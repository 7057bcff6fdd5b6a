from django.db import models


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
