"""A confirmation that says what a workflow action did.

Taken from the dashboard's "Awaiting your review" panel or the forum's sign-off dialog, an
action reloaded the page with no word that anything happened; taken from an edit screen
(Approve in the editor's menu), Wagtail said only "has been updated" whether the page was
approved, sent on to the forum, published, or, because the approver changed its content, sent
back to the first step. This middleware adds one message saying which, in place of that.
"""

import contextvars
import re

from django.contrib import messages

# The task states a request approved or rejected, and the workflows it started (Wagtail's
# signals), for the edit screens.
_acted_on = contextvars.ContextVar("workflow_tasks_acted_on", default=None)
_submitted = contextvars.ContextVar("workflows_submitted", default=None)


def record_task_action(task_state):
    """Called for each task state approved or rejected (signal_handlers.py): remembered for the
    request that acted on it."""
    acted_on = _acted_on.get()
    if acted_on is not None:
        acted_on.append(task_state.pk)


def record_submission(workflow_state):
    """Called for each workflow started (signal_handlers.py), for the request that started it."""
    submitted = _submitted.get()
    if submitted is not None:
        submitted.append(workflow_state.pk)


def submission_confirmation(workflow_state):
    """A page sent for review: who sees it next, and when families do. Wagtail said "has been
    submitted for moderation", which tells a forum member neither."""
    from guidance.models import ForumSignOffTask

    name = str(workflow_state.content_object)
    tasks = [task.specific for task in workflow_state.workflow.tasks.filter(active=True)]
    steps = [task.name for task in tasks]
    if not steps:
        return f"“{name}” is submitted."
    route = steps[0] if len(steps) == 1 else f"{', then '.join(steps[:-1])}, then {steps[-1]}"
    if isinstance(tasks[-1], ForumSignOffTask):
        when = "once the parent carer forum has signed it off"
    else:
        when = "once it is approved"
    return f"Thank you. “{name}” goes to {route}. Families see the changes {when}."


WORKFLOW_ACTION = re.compile(r"^/admin/.+/workflow/action/(?:[^/]+/)?[\w-]+/(?P<task_state>\d+)/$")


def confirmation(task_state):
    from guidance.models import ForumSignOffTask

    workflow_state = task_state.workflow_state
    name = str(workflow_state.content_object)
    published = workflow_state.status == workflow_state.STATUS_APPROVED
    if task_state.status == task_state.STATUS_REJECTED:
        return f"You asked for changes to “{name}”. It goes back to whoever submitted it."
    if isinstance(task_state.task.specific, ForumSignOffTask):
        done = f"You signed off “{name}” for the parent carer forum."
    else:
        done = f"You approved “{name}”."
    if published:
        return f"{done} It is now published."
    following = workflow_state.current_task_state
    step = following.task.name if following and following.task else "the next step"
    if following is not None and following.revision_id != task_state.revision_id:
        # The approver changed the content as they approved: an edit during the workflow sends
        # it back through every step, so what they approved is not what goes on.
        return (
            f"You changed “{name}” as you approved it, so your approval does not count: your "
            f"changes are saved and it goes back to {step}, the first step, for everyone to "
            "check again. To approve without changing it, approve from the dashboard or leave "
            "the content as it is."
        )
    return f"{done} It now goes to {step}."


class WorkflowActionMessages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = request.method == "POST" and WORKFLOW_ACTION.match(request.path)
        if not match:
            if request.method == "POST" and request.path.startswith("/admin/"):
                # Not request.POST here: reading the body before the view would take it from
                # views that read it themselves (the editor's autosave and preview).
                return self.from_edit_screen(request)
            return self.get_response(request)
        from wagtail.models import TaskState

        states = TaskState.objects.filter(pk=match["task_state"])
        before = states.values_list("status", flat=True).first()
        response = self.get_response(request)
        task_state = states.select_related("workflow_state", "task").first()
        if (
            task_state is not None
            and before == TaskState.STATUS_IN_PROGRESS
            and task_state.status in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED)
        ):
            messages.success(request, confirmation(task_state))
        return response

    def from_edit_screen(self, request):
        """The editor's menu (Approve, Request changes) on a page's or snippet's edit screen."""
        from wagtail.models import TaskState

        acted_on, submitted = [], []
        token, submitted_token = _acted_on.set(acted_on), _submitted.set(submitted)
        try:
            response = self.get_response(request)
        finally:
            _acted_on.reset(token)
            _submitted.reset(submitted_token)
        if submitted:
            self.confirm_submission(request, submitted[-1])
        task_state = (
            TaskState.objects.filter(pk__in=acted_on)
            .select_related("workflow_state", "task")
            .order_by("-pk")
            .first()
        )
        if task_state is not None:
            # In place of the edit screen's "has been updated", which says none of this.
            queued = getattr(request._messages, "_queued_messages", [])
            queued[:] = [m for m in queued if m.level != messages.SUCCESS]
            messages.success(request, confirmation(task_state))
        return response

    def confirm_submission(self, request, workflow_state_pk):
        """A page's Submit (listings say it their own way: directory's ListingEditView)."""
        from wagtail.models import Page, WorkflowState

        workflow_state = (
            WorkflowState.objects.filter(pk=workflow_state_pk).select_related("workflow").first()
        )
        if workflow_state is None or not isinstance(workflow_state.content_object, Page):
            return
        queued = getattr(request._messages, "_queued_messages", [])
        queued[:] = [m for m in queued if m.level != messages.SUCCESS]
        messages.success(request, submission_confirmation(workflow_state))
