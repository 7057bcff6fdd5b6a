"""What every bulk load (the GIAS and ORUK importers, seed_scale) does around its writes."""

from django.db import connection
from django.db.models.signals import post_save
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update


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
        from modelsearch.signal_handlers import post_save_signal_handler

        self.reference_index = disable_reference_index_auto_update()
        self.reference_index.__enter__()
        self.handler = post_save_signal_handler
        self.disconnected = [
            model for model in self.models if post_save.disconnect(self.handler, sender=model)
        ]
        return self

    def __exit__(self, *exc):
        self.reference_index.__exit__(*exc)
        for model in self.disconnected:
            post_save.connect(self.handler, sender=model)
        return False


def index_in_bulk(model, objects):
    """Add these objects of one model to every search backend in one go."""
    if objects:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
