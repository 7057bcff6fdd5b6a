"""What the guide does when something changes, connected by `connect()` from
GuidanceConfig.ready."""

from django.db.models.signals import post_save
from wagtail.signals import copy_for_translation_done, page_published

from directory.authority_groups import sync_place_groups
from roles import sync_page_permissions

from .models import EHCDeadlinesPage, GuideIndexPage, GuidePage
from .models.pages import CoproducedPage
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


def record_translation_source(sender, source_obj, target_obj, **kwargs):
    """A new translation of a guide page records the English page it was made from (shown on
    the page, and what "out of date" is measured against). It starts as a draft: it goes live
    only through its own sign-off, never because its English page did."""
    if isinstance(target_obj, CoproducedPage) and isinstance(source_obj, CoproducedPage):
        english = source_obj.english_page() or source_obj
        target_obj.translate_from(english)
        target_obj.save(update_fields=["translated_from_checked_on", "translated_from_revision"])


def connect():
    post_save.connect(set_up_new_guide, sender=GuideIndexPage, dispatch_uid="guidance-new-guide")
    copy_for_translation_done.connect(
        record_translation_source, dispatch_uid="guidance-translation-source"
    )
    for page_class in (GuidePage, EHCDeadlinesPage):
        page_published.connect(
            share_new_page, sender=page_class, dispatch_uid=f"guidance-share-{page_class.__name__}"
        )
