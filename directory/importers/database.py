"""What every bulk load (the GIAS importer, seed_scale) does to the database afterwards."""

from django.db import connection


def update_statistics():
    """Refresh the query planner's statistics after a bulk load (SQLite and PostgreSQL both
    call it ANALYZE): without them SQLite picks poor indexes for the search facets."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
