"""What the guide does when something changes, connected by `connect()` from
GuidanceConfig.ready."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from directory.authority_groups import sync_place_groups
from roles import sync_page_permissions

from .models import EHCDeadlinesPage, GuideIndexPage, GuidePage
from .sharing import alias_new_national_page
from .workflows import assign_guide_workflow


def set_up_new_guide(sender, instance, created, raw=False, **kwargs):
    """A new guide gets the coproduction workflow, and forum editors may write in it."""
    if created and not raw:
        assign_guide_workflow(instance)
        sync_page_permissions()
        sync_place_groups()


def share_new_page(sender, instance, **kwargs):
    """A national guide page published for the first time appears in every authority's guide
    (guidance/sharing.py)."""
    if instance.alias_of_id is None:
        alias_new_national_page(instance)


def connect():
    post_save.connect(set_up_new_guide, sender=GuideIndexPage, dispatch_uid="guidance-new-guide")
    for page_class in (GuidePage, EHCDeadlinesPage):
        page_published.connect(
            share_new_page, sender=page_class, dispatch_uid=f"guidance-share-{page_class.__name__}"
        )
