"""Who may do what with the inclusion mark, on top of the roles' model permissions
(site/roles): the criteria are national, so only staff acting for every authority (a national
regulator writes them, the national forum signs them off by publishing) may change them; a
school's reply is for the editors linked to that school."""

from wagtail.permission_policies import ModelPermissionPolicy

import roles
from directory.models import Setting
from directory.permissions import ListingPermissionPolicy

NATIONAL_ACTIONS = {"add", "change", "delete", "publish", "unpublish", "lock", "unlock"}


def acts_nationally(user):
    return user.is_authenticated and roles.authority_ids(user) is None


class NationalCriteriaPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in NATIONAL_ACTIONS and not acts_nationally(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def can_reply_for(user, setting):
    """A school's reply is written by its own editors (and superusers)."""
    return user.has_perm("inclusion.change_schoolreply") and ListingPermissionPolicy(
        Setting
    ).user_can_reach(user, setting)


def settings_user_can_reply_for(user):
    if not user.has_perm("inclusion.change_schoolreply"):
        return Setting.objects.none()
    return ListingPermissionPolicy(Setting).reachable(user).filter(live=True)
