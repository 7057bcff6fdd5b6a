"""The guide's default workflow: a Local Offer officer reviews, then the parent carer forum
signs off. Nothing in the guide is published without the families' forum agreeing."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from directory.models import LocalOfferApprovalTask
from roles import LOCAL_OFFER_OFFICERS

from .models import ForumSignOffTask, GlossaryTerm

WORKFLOW_NAME = "Guide coproduction"
OFFICER_TASK_NAME = "Local Offer officer review"
FORUM_TASK_NAME = "Parent carer forum sign-off"


def ensure_guide_workflow():
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        # Only an officer of the page's authority (the national officers, for the national
        # guide) reviews it.
        officer_task = LocalOfferApprovalTask.objects.filter(name=OFFICER_TASK_NAME).first()
        if officer_task is None:
            officer_task = LocalOfferApprovalTask.objects.create(name=OFFICER_TASK_NAME)
            officer_task.groups.set([Group.objects.get_or_create(name=LOCAL_OFFER_OFFICERS)[0]])
        forum_task = ForumSignOffTask.objects.filter(name=FORUM_TASK_NAME).first()
        if forum_task is None:
            forum_task = ForumSignOffTask.objects.create(name=FORUM_TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=officer_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=forum_task, sort_order=1)
    return workflow


def assign_guide_workflow(guide_index):
    """Give a guide the coproduction workflow, unless an officer has chosen another for it."""
    if not WorkflowPage.objects.filter(page=guide_index).exists():
        WorkflowPage.objects.create(page=guide_index, workflow=ensure_guide_workflow())
    assign_glossary_workflow()


def assign_glossary_workflow():
    """Glossary terms change the guide's text: they get the guide's workflow too, unless an
    officer has chosen another."""
    content_type = ContentType.objects.get_for_model(GlossaryTerm)
    if not WorkflowContentType.objects.filter(content_type=content_type).exists():
        WorkflowContentType.objects.create(
            content_type=content_type, workflow=ensure_guide_workflow()
        )
