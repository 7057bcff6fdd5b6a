from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    """The project package: settings, URL wiring, login security and the site-wide static
    files."""

    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
