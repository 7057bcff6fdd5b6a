from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page

import roles


def authority_id_of(obj):
    """The authority a page (by its site) or a listing belongs to; None for the national site."""
    if isinstance(obj, Page):
        from ..sites import authority_id_for_page

        return authority_id_for_page(obj)
    return getattr(obj, "authority_id", None)


class LocalOfferApprovalTask(AbstractGroupApprovalTask):
    """A Local Offer officer's approval, as Wagtail's group approval, but only by an officer
    who acts for the authority the page or listing belongs to (roles.authority_ids): a
    Northbrook officer never sees, nor approves, Southmere's changes."""

    def _may_moderate(self, obj, user):
        return user.is_superuser or (
            self._user_in_groups(user) and roles.acts_for(user, authority_id_of(obj))
        )

    def user_can_access_editor(self, obj, user):
        return self._may_moderate(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_moderate(obj, user)

    def user_can_lock(self, obj, user):
        return self._user_in_groups(user) and roles.acts_for(user, authority_id_of(obj))

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if self._may_moderate(obj, user) else []

    def users_who_can_act(self, obj):
        """Who is mailed when `obj` reaches this step (directory/notifications.py): the
        members of the task's groups who act for its authority, not superusers."""
        from django.contrib.auth import get_user_model

        authority_id = authority_id_of(obj)
        members = (
            get_user_model()
            .objects.filter(groups__in=self.groups.all(), is_active=True)
            .distinct()
            .order_by("pk")
        )
        return [user for user in members if roles.acts_for(user, authority_id)]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if roles.authority_ids(user) is None:
            return states
        theirs = [
            state.pk
            for state in states.select_related("workflow_state")
            if self._may_moderate(state.workflow_state.content_object, user)
        ]
        return states.filter(pk__in=theirs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups who act for the page's or listing's authority")

    class Meta:
        verbose_name = _("Local Offer approval task")
        verbose_name_plural = _("Local Offer approval tasks")
