"""Django's createcachetable, for every configured database: on the embedded SQLite default
with CACHE=database the cache table lives in a database of its own (localoffer/routers.py),
and the release step stays one command."""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import DEFAULT_DB_ALIAS


class Command(CreateCacheTable):
    def handle(self, *tablenames, **options):
        if options["database"] != DEFAULT_DB_ALIAS:
            return super().handle(*tablenames, **options)
        for alias in settings.DATABASES:
            super().handle(*tablenames, **{**options, "database": alias})
