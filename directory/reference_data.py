"""Rows the directory needs in every database: the need taxonomy and the approval workflow.

Each function takes an app registry so that migrations (historical models) and seed_demo / test
fixtures (current models) share one implementation.
"""

from django.apps import apps as global_apps

from roles import LOCAL_OFFER_OFFICERS

from .taxonomy import NEED_TYPES

WORKFLOW_NAME = "Local Offer approval"
TASK_NAME = "Local Offer officer approval"
MODERATED_MODELS = ("setting", "service")


def ensure_needs(apps=global_apps):
    Need = apps.get_model("directory", "Need")
    for order, need in enumerate(NEED_TYPES):
        Need.objects.update_or_create(
            code=need.code,
            defaults={"name": need.name, "broad_area": need.broad_area or "", "sort_order": order},
        )


def ensure_listing_workflow(apps=global_apps):
    """Changes to settings and services go to a Local Offer officer for approval.

    Only creates the workflow where listings have none: an authority that chose direct
    publishing (by removing the assignment in Settings > Workflows) keeps its choice.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    try:  # an officer of the listing's authority approves (from migration 0012 on)
        ApprovalTask = apps.get_model("directory", "LocalOfferApprovalTask")
        task_model = "localofferapprovaltask"
    except LookupError:
        ApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
        task_model = "groupapprovaltask"

    content_types = [
        ContentType.objects.get_or_create(app_label="directory", model=model)[0]
        for model in MODERATED_MODELS
    ]
    if WorkflowContentType.objects.filter(content_type__in=content_types).exists():
        return None
    officers, _ = Group.objects.get_or_create(name=LOCAL_OFFER_OFFICERS)
    task = ApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=ContentType.objects.get_or_create(
                app_label=ApprovalTask._meta.app_label, model=task_model
            )[0],
        )
        task.groups.set([officers])
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for content_type in content_types:
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    return workflow
