"""What every bulk load (the GIAS and ORUK importers, seed_scale) does around its writes."""

from django.db import connection, transaction
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from .. import change_log
from ..signal_handlers import connect_search_index, disconnect_search_index
from ..signals import listings_changed


def update_statistics():
    """Refresh the query planner's statistics after a bulk load (SQLite and PostgreSQL both
    call it ANALYZE): without them SQLite picks poor indexes for the search facets."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class quiet_saves:
    """While importing: index the listings in bulk afterwards (index_in_bulk) instead of once
    per save, and skip the reference index (imported listings refer only to their authority and
    needs). Shared by the GIAS and ORUK importers."""

    def __init__(self, *models):
        self.models = models

    def __enter__(self):
        self.reference_index = disable_reference_index_auto_update()
        self.reference_index.__enter__()
        self.disconnected = disconnect_search_index(*self.models)
        return self

    def __exit__(self, *exc):
        self.reference_index.__exit__(*exc)
        if self.disconnected:
            connect_search_index(self.disconnected)
        return False


def index_in_bulk(model, objects):
    """Add these objects of one model to every search backend in one go."""
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


def not_in_search_index(model, ids):
    """Those of these objects' ids that the database search index is missing (with a search
    engine, which cannot be asked cheaply, every id: indexing again is harmless)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    if not ids:
        return []
    indexed = set(
        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        ).values_list("object_id", flat=True)
    )
    return [pk for pk in ids if str(pk) not in indexed]


def index_committed(model, objects):
    """Index a committed batch of an import, then say these listings changed: a web process
    that read the search index between the commit and now would otherwise keep what it
    derived from it (directory/change_log.py) until the next change."""
    index_in_bulk(model, objects)
    with transaction.atomic(), change_log.recorded_together():
        for obj in objects:
            listings_changed.send(sender=model, listing_id=obj.pk)
