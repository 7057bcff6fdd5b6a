"""What the project package does when something happens, connected by `connect()` from
LocalOfferConfig.ready."""

import time

from django.contrib.auth.signals import user_logged_in
from wagtail.signals import task_approved, task_rejected, workflow_submitted

from . import workflow_messages
from .sessions import LAST_SEEN, STARTED


def start_the_clock(sender, request, user, **kwargs):
    """A login's lifetime (sessions.py) starts when staff log in."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now


def task_acted_on(sender, instance, **kwargs):
    """An edit screen's Approve or Request changes: its confirmation says what it did."""
    workflow_messages.record_task_action(instance)


def workflow_started(sender, instance, **kwargs):
    """A page's Submit: its confirmation says who sees it next."""
    workflow_messages.record_submission(instance)


def connect():
    user_logged_in.connect(start_the_clock, dispatch_uid="localoffer-login-clock")
    task_approved.connect(task_acted_on, dispatch_uid="localoffer-task-approved")
    task_rejected.connect(task_acted_on, dispatch_uid="localoffer-task-rejected")
    workflow_submitted.connect(workflow_started, dispatch_uid="localoffer-workflow-submitted")
