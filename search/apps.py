from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Family search"

    def ready(self):
        from . import cache, vocabulary

        cache.connect()
        vocabulary.connect()
