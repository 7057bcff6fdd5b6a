from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    """The project package: settings, URL wiring and the site-wide static files."""

    name = "localoffer"
    verbose_name = "Local Offer"
