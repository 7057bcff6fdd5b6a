"""Workflow mail goes to the people who can act on it, within the page's or listing's authority.

Wagtail mails a submission to every member of the approval task's groups and to every
superuser: on one instance serving many councils, a Northbrook page reached Southmere's officer
(with links he may not open), and the forum's sign-off step, not a group task, mailed no one.
Here a step's mail goes to the users its task says can act on that object
(`users_who_can_act(obj)`: the officers, or the forum members, who act for its authority),
those who act for that authority itself first: national staff are mailed only where no one
acts for it locally (and for the national guide), not for every council's every change.
Superusers are not mailed for every submission (settings: WAGTAILADMIN_NOTIFICATION_
INCLUDE_SUPERUSERS = False); approvals and requests for changes still go to whoever submitted.
"""

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import AbstractPage, TaskState

import roles

# Wagtail's own handler's id: connecting ours under it replaces it, whichever app loads first.
WAGTAIL_DISPATCH_UID = "group_approval_task_submitted_email_notification"


class TaskSubmissionToThoseWhoCanAct(GroupApprovalTaskStateSubmissionEmailNotifier):
    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and hasattr(
            instance.task.specific, "users_who_can_act"
        )

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        # A listing's workflow holds the base Listing; its mail links to the setting's or
        # service's own edit screen (a base Listing has none, and the mail failed to render).
        obj = context["object"]
        if not isinstance(obj, AbstractPage) and hasattr(obj, "specific"):
            context["object"] = obj.specific
            context["model_name"] = obj.specific._meta.verbose_name
        return context

    def get_recipient_users(self, task_state, **kwargs):
        """Those who can act on it: the staff of its own authority, or, where no one acts for
        that authority alone (and for the national guide), national staff."""
        triggering_user = kwargs.get("user")
        obj = task_state.workflow_state.content_object
        can_act = [
            user
            for user in task_state.task.specific.users_who_can_act(obj)
            if triggering_user is None or user.pk != triggering_user.pk
        ]
        local = [user for user in can_act if roles.authority_ids(user) is not None]
        return set(local or can_act)


task_submission_notifier = TaskSubmissionToThoseWhoCanAct()
