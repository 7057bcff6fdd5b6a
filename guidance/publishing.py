"""Publishing at the end of a workflow, and publishing without the forum's sign-off.

Imported by wagtail.models while it loads (the setting names it), so it imports models
only inside the functions.
"""

MIN_REASON_LENGTH = 20


def publish_when_signed_off(workflow_state, user=None):
    """What happens when a workflow's last step is approved (WAGTAIL_FINISH_WORKFLOW_ACTION).

    Wagtail's default publishes as the last approver, so it needs that person to hold publish
    permission. A forum member signing off deliberately does not: the completed workflow, with
    an officer's review and the forum's sign-off, is the authority to publish. Any other
    workflow keeps Wagtail's rule; and if someone gives the guide a workflow without the
    forum's step, what it approves stays a draft (guide content needs the forum's sign-off).
    """
    from .models import ForumSignOffTask
    from .models.signoff import SignOffMissing

    last_task = workflow_state.current_task_state.task.specific
    try:
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=isinstance(last_task, ForumSignOffTask)
        )
    except SignOffMissing:
        return


def publish_without_sign_off(obj, user, reason):
    """An officer's deliberate decision to put guide content live without the forum: saved as a
    new revision marked for readers as not checked by the forum, recorded with the reason (in
    `SignOff` and in the audit log), then published. Returns the published revision."""
    from django.db import transaction
    from wagtail.log_actions import log

    from .models.signoff import PUBLISH_WITHOUT_SIGN_OFF, SignOff

    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValueError(f"Give a reason of at least {MIN_REASON_LENGTH} characters.")
    latest = obj.get_latest_revision_as_object()
    with transaction.atomic():
        if hasattr(latest, "published_without_sign_off"):
            latest.published_without_sign_off = True
        revision = latest.save_revision(user=user, log_action=False, clean=False)
        SignOff.objects.create(
            revision=revision, kind=SignOff.WITHOUT_FORUM, user=user, reason=reason
        )
        log(
            instance=latest,
            action=PUBLISH_WITHOUT_SIGN_OFF,
            user=user,
            revision=revision,
            data={"reason": reason},
        )
        revision.publish(user=user, skip_permission_checks=True)
    return revision
