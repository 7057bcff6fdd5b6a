"""What a parent carer forum member has to do, on their dashboard: their pages waiting for the
forum's sign-off, their pages due for a check, and what families said about their pages."""

import datetime

from django.utils import timezone
from wagtail.models import TaskState

import roles
from home.models import Feedback

from .models import EHCDeadlinesPage, ForumSignOffTask, GuidePage
from .models.coproduction import signs_off

DUE_WITHIN = datetime.timedelta(days=30)
FEEDBACK_FOR = datetime.timedelta(days=60)
SHOWN = 5


def waiting_for_sign_off(user):
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=ForumSignOffTask.objects.all(),
        )
        .select_related("workflow_state")
        .order_by("started_at")
    )
    waiting = []
    for state in states:
        obj = state.workflow_state.content_object
        if obj is not None and signs_off(user, obj):
            waiting.append({"object": obj, "since": state.started_at, "task_state": state})
    return waiting


def due_for_a_check(user, today=None):
    """Their own pages (not the national pages shared into their site, which the national
    forum checks) whose check is due within a month, or overdue, soonest first."""
    today = today or timezone.localdate()
    pages = [
        page
        for model in (GuidePage, EHCDeadlinesPage)
        for page in model.objects.live().filter(
            alias_of__isnull=True, next_check_due__lte=today + DUE_WITHIN
        )
    ]
    pages.sort(key=lambda page: page.next_check_due)
    due = [page for page in pages if signs_off(user, page)]
    return [{"page": page, "days": (page.next_check_due - today).days} for page in due[: SHOWN * 2]]


def recent_feedback(user, now=None):
    """What families said about guide pages of the forum's authorities lately."""
    now = now or timezone.now()
    feedback = Feedback.objects.filter(
        page__contains="/guide/", created_at__gte=now - FEEDBACK_FOR
    ).order_by("-created_at")
    feedback = roles.within_authorities(user, feedback)
    return list(feedback[:SHOWN])
