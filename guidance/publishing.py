"""Publishing at the end of a workflow.

Imported by wagtail.models while it loads (the setting names it), so it imports models
only inside the function.
"""


def publish_when_signed_off(workflow_state, user=None):
    """What happens when a workflow's last step is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes as the last approver, so it needs that person to hold publish
    permission. A forum member signing off deliberately does not: the completed workflow, with
    an officer's review and the forum's sign-off, is the authority to publish. Any other
    workflow keeps Wagtail's rule.
    """
    from .models import ForumSignOffTask

    last_task = workflow_state.current_task_state.task.specific
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=isinstance(last_task, ForumSignOffTask)
    )
