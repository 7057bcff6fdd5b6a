from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site settings"

    def ready(self):
        from .roles import sync_roles

        # Roles are defined once, in home/roles.py; every migrate (and every test-database
        # flush, which emits post_migrate) brings the groups' permissions back in line with it.
        post_migrate.connect(sync_roles, dispatch_uid="home.sync_roles")
