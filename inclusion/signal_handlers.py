"""Keep the stored evaluations current: a school's when it is published, every school's when
the criteria are signed off (published) or withdrawn."""

from wagtail.signals import published, unpublished

from directory.models import Setting

from . import evaluations
from .models import InclusionCriterion


def school_published(sender, instance, **kwargs):
    evaluations.refresh(Setting.objects.filter(pk=instance.pk))


def criteria_changed(sender, instance, **kwargs):
    evaluations.refresh()


def connect(app_config):
    published.connect(school_published, sender=Setting, dispatch_uid="inclusion-school")
    published.connect(criteria_changed, sender=InclusionCriterion, dispatch_uid="inclusion-on")
    unpublished.connect(criteria_changed, sender=InclusionCriterion, dispatch_uid="inclusion-off")
