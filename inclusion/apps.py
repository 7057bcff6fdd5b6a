from django.apps import AppConfig


class InclusionConfig(AppConfig):
    name = "inclusion"
    verbose_name = "Inclusion profiles"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect(self)
