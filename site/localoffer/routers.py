"""Database routing: the cache table in a database of its own where one is configured
(settings/production.py: CACHE=database on SQLite); everything else in "default"."""

from django.conf import settings

CACHE_ALIAS = "cache"


class CacheRouter:
    def _is_cache(self, model):
        return model._meta.app_label == "django_cache"

    def db_for_read(self, model, **hints):
        if self._is_cache(model) and CACHE_ALIAS in settings.DATABASES:
            return CACHE_ALIAS
        return None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == "django_cache":
            return db == (CACHE_ALIAS if CACHE_ALIAS in settings.DATABASES else "default")
        return db == "default"
