from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Local Offer directory"

    def ready(self):
        from .authority_groups import sync_place_groups
        from .notifications import connect_workflow_mail
        from .reference_data import ensure_needs
        from .signals import connect_authority_groups, connect_search_index

        # The need taxonomy is reference data defined in taxonomy.py: keep the table in step
        # after every migrate (and after test-database flushes, which emit post_migrate).
        post_migrate.connect(
            lambda sender, **kwargs: ensure_needs(),
            sender=self,
            weak=False,
            dispatch_uid="directory.ensure_needs",
        )
        # After the roles' own sync (the roles app comes first): the per-authority groups that
        # hold officers' and forums' page and media permissions.
        post_migrate.connect(
            lambda sender, **kwargs: sync_place_groups(),
            sender=self,
            weak=False,
            dispatch_uid="directory.sync_place_groups",
        )
        connect_authority_groups()
        connect_search_index()
        connect_workflow_mail()
