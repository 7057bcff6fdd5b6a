from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guide"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
