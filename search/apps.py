from django.apps import AppConfig
from django.core.checks import Tags, register


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Family search"

    def ready(self):
        from . import checks

        register(checks.check_modelsearch_version, Tags.compatibility)
