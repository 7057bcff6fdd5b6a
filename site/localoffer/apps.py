from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    """The project package: URL wiring, login security and commands that span every app
    (seed_demo)."""

    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self):
        from . import sessions  # noqa: F401 - connects the login clock to user_logged_in
