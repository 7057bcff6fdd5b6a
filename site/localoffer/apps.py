from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    """The project package: settings, URL wiring, login security and the site-wide static
    files."""

    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self):
        from . import sessions  # noqa: F401 - connects the login clock to user_logged_in
