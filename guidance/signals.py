from django.db.models.signals import post_save
from django.dispatch import receiver

from roles import sync_page_permissions

from .models import GuideIndexPage
from .workflows import assign_guide_workflow


@receiver(post_save, sender=GuideIndexPage)
def set_up_new_guide(sender, instance, created, raw=False, **kwargs):
    """A new guide gets the coproduction workflow, and forum editors may write in it."""
    if created and not raw:
        assign_guide_workflow(instance)
        sync_page_permissions()
