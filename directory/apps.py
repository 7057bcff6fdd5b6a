from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Local Offer directory"

    def ready(self):
        from .reference_data import ensure_needs

        # The need taxonomy is reference data defined in taxonomy.py: keep the table in step
        # after every migrate (and after test-database flushes, which emit post_migrate).
        post_migrate.connect(
            lambda sender, **kwargs: ensure_needs(),
            sender=self,
            weak=False,
            dispatch_uid="directory.ensure_needs",
        )
