from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    """The project package: URL wiring and commands that span every app (seed_demo)."""

    name = "localoffer"
    verbose_name = "Local Offer"
