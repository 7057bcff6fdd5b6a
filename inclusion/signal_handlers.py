"""Keep the stored evaluations current: a school's when it is published, every school's when
the criteria are signed off (published) or withdrawn. What families' pages show of them moves
the directory's change log, so no page kept from before is served again (search/page_cache.py):
the criteria change every school's profile, a reply one school's."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from directory import change_log
from directory.models import Setting

from . import evaluations
from .models import InclusionCriterion, SchoolReply


def school_published(sender, instance, **kwargs):
    evaluations.refresh(Setting.objects.filter(pk=instance.pk))


def criteria_changed(sender, instance, **kwargs):
    evaluations.refresh()
    change_log.record()  # every school's profile shows the criteria


def reply_changed(sender, instance, **kwargs):
    change_log.record(listing_id=instance.setting_id)


def connect(app_config):
    published.connect(school_published, sender=Setting, dispatch_uid="inclusion-school")
    published.connect(criteria_changed, sender=InclusionCriterion, dispatch_uid="inclusion-on")
    unpublished.connect(criteria_changed, sender=InclusionCriterion, dispatch_uid="inclusion-off")
    post_save.connect(reply_changed, sender=SchoolReply, dispatch_uid="inclusion-reply-save")
    post_delete.connect(reply_changed, sender=SchoolReply, dispatch_uid="inclusion-reply-delete")
