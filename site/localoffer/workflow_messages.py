"""A confirmation after a workflow action taken from the dashboard or a sign-off dialog.

Wagtail's edit screens confirm an approval, but the same action taken from the dashboard's
"Awaiting your review" panel, or from the forum's sign-off dialog, reloads the page with no
word that anything happened. This middleware adds one message when such a request changed the
task's state: approved, signed off, or sent back for changes.
"""

import re

from django.contrib import messages

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
    return f"{done} It now goes to {step}."


class WorkflowActionMessages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = request.method == "POST" and WORKFLOW_ACTION.match(request.path)
        if not match:
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
