"""Coproduction: the parent carer forums who write the guide, and their sign-off task."""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

import roles
from directory.links import validate_link
from directory.models.workflow import authority_id_of
from roles import FORUM_EDITORS

from ..deadlines import add_months
from .signoff import SignOff

# How often a forum checks each page it has signed off.
CHECK_EVERY_MONTHS = 12


def next_check_after(day):
    return add_months(day, CHECK_EVERY_MONTHS)


def record_check(revision, day, user=None):
    """A forum's sign-off is a check: the revision about to be published carries its date, and
    is recorded as signed off (the authority for it to go live, see signoff.py)."""
    content = revision.content
    if "last_checked_on" in content:
        content["last_checked_on"] = day.isoformat()
        content["next_check_due"] = next_check_after(day).isoformat()
    if content.get("published_without_sign_off"):
        content["published_without_sign_off"] = False
    revision.save(update_fields=["content"])
    SignOff.objects.update_or_create(
        revision=revision, defaults={"kind": SignOff.FORUM, "user": user, "reason": ""}
    )


class ParentCarerForum(models.Model):
    """A parent carer forum: the families' voice that coproduces the guide with the council."""

    name = models.CharField(max_length=200, unique=True)
    authority = models.ForeignKey(
        "directory.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parent_carer_forums",
    )
    website = models.URLField(blank=True, validators=[validate_link])
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text="Reminders to check this forum's guide pages go here."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "parent carer forum"

    def __str__(self):
        return self.name


def is_forum_member(user):
    """Members of the Parent carer forum editors group, cached on the user for the request."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_forum_member"):
        user._is_forum_member = user.groups.filter(name=FORUM_EDITORS).exists()
    return user._is_forum_member


def signs_off(user, page):
    """Whether this forum member may sign this page (or glossary term) off: a page of an
    authority's own Local Offer site is signed off by that authority's forum; a national guide
    page (the national site's) and the glossary, which every site shares, by the national
    forum."""
    return is_forum_member(user) and roles.acts_for(user, authority_id_of(page))


class ForumSignOffTask(Task):
    """A workflow step only a parent carer forum member can approve: nothing in the guide is
    published until the families' forum agrees it is right and readable."""

    def user_can_access_editor(self, obj, user):
        return signs_off(user, obj)

    def locked_for_user(self, obj, user):
        # While the forum reads it, only the forum (or a superuser fixing an emergency) edits.
        return not (user.is_superuser or signs_off(user, obj))

    def user_can_lock(self, obj, user):
        return signs_off(user, obj)

    def user_can_unlock(self, obj, user):
        return False

    def users_who_can_act(self, obj):
        """Who is mailed when `obj` reaches the forum (directory/notifications.py): the forum
        editors who sign off for its authority (the national forum for the national guide)."""
        from django.contrib.auth import get_user_model

        members = (
            get_user_model()
            .objects.filter(groups__name=FORUM_EDITORS, is_active=True)
            .distinct()
            .order_by("pk")
        )
        return [user for user in members if signs_off(user, obj)]

    def get_actions(self, obj, user):
        if not signs_off(user, obj):
            return []
        # Both open the modal, so whoever signs off sees the reading level first.
        return [
            ("reject", _("Ask for changes"), True),
            ("approve", _("Sign off for the forum"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if not signs_off(user, task_state.workflow_state.content_object):
            raise PermissionDenied(
                "Only the parent carer forum editors of this page's Local Offer can sign it off."
            )
        if action_name == "approve":
            # The revision the workflow will publish is the latest one.
            latest = task_state.workflow_state.content_object.get_latest_revision()
            record_check(latest, timezone.localdate(), user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_template_for_action(self, action):
        return "guidance/admin/forum_sign_off_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not is_forum_member(user):
            return TaskState.objects.none()
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if roles.authority_ids(user) is None:
            return in_progress
        theirs = [
            state.pk
            for state in in_progress.select_related("workflow_state")
            if signs_off(user, state.workflow_state.content_object)
        ]
        return in_progress.filter(pk__in=theirs)

    @classmethod
    def get_description(cls):
        return _("Members of the Parent carer forum editors group sign the page off.")

    class Meta:
        verbose_name = _("parent carer forum sign-off")
        verbose_name_plural = _("parent carer forum sign-offs")
