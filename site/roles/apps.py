from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RolesConfig(AppConfig):
    """The roles: the ground floor every app reads to know who may do what."""

    name = "roles"
    verbose_name = "Roles"

    def ready(self):
        from . import sync_roles

        # Once per migrate (and per test-database flush, which emits post_migrate too): bring
        # the groups' permissions back in line with ROLES. post_migrate is sent once for each
        # app with models; with this app as sender it runs once, not once per app.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="roles.sync_roles")
