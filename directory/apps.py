from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Local Offer directory"

    def ready(self):
        import roles

        from . import signal_handlers
        from .models.access import authorities_acted_for

        roles.read_authorities_with(authorities_acted_for)
        signal_handlers.connect(self)
