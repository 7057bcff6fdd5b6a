"""Least privilege for listings: an editor sees and changes only the listings linked to them.

Wagtail's generic snippet views check model-level permissions ("can change settings"); they do
not ask whether this user may touch this listing. So the rule is enforced in three places that
all call `ListingPermissionPolicy`:
- the policy itself, registered for Setting and Service, which Wagtail consults for instance
  checks (delete buttons, locking, workflow actions);
- `guard_urlpatterns`, which wraps every admin URL of a listing viewset (edit, preview, history,
  revisions, compare, lock, unlock, workflow, usage, delete, inspect, chooser...) and answers 404
  for any listing outside the user's reach, before Wagtail's view runs;
- the querysets of the listing index, search and choosers.
The roles themselves are defined in site/roles/ (the `roles` package).
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic import IndexView
from wagtail.permission_policies import ModelPermissionPolicy

import roles

from .models import linked_listing_ids, sees_all_listings
from .models.access import reachable_listings


class ListingPermissionPolicy(ModelPermissionPolicy):
    def user_can_reach(self, user, instance):
        if not user.is_authenticated:
            return False
        if sees_all_listings(user):
            return roles.acts_for(user, instance.authority_id)
        return instance.pk in linked_listing_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.user_can_reach(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return reachable_listings(user, queryset)

    def reachable(self, user):
        """Every listing this user may see in the admin (with any permission)."""
        return self.instances_user_has_any_permission_for(
            user, ["add", "change", "delete", "view", "publish"]
        )


class AuthorityScopedPolicy(ModelPermissionPolicy):
    """Objects that belong to one local authority (a listing's editor links, the authority
    itself): staff act on those of the authorities they act for (roles.authority_ids); adding
    a new object with no authority yet, such as a new authority, is for national staff."""

    def __init__(self, model, authority_field):
        super().__init__(model)
        self.authority_field = authority_field

    def authority_id_of(self, instance):
        value = instance
        for name in self.authority_field.split("__"):
            value = getattr(value, name)
        return getattr(value, "pk", value)

    def user_has_permission(self, user, action):
        if action == "add" and self.authority_field == "pk":
            return super().user_has_permission(user, action) and roles.authority_ids(user) is None
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and roles.acts_for(
            user, self.authority_id_of(instance)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return roles.within_authorities(user, queryset, field=self.authority_field)

    def reachable(self, user):
        return self.instances_user_has_any_permission_for(user, ["add", "change", "delete", "view"])


class ReachableIndexView(IndexView):
    """The index of a ModelViewSet whose policy scopes objects by authority: it lists only
    what the user may reach (snippet viewsets do this through their get_queryset)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset & self.permission_policy.reachable(self.request.user)


def guard_urlpatterns(urlpatterns, policy):
    """Wrap each URL that names a listing (a `pk` argument) with the reach check."""
    for pattern in urlpatterns:
        pattern.callback = _guarded(pattern.callback, policy)
    return urlpatterns


def _guarded(view, policy):
    @wraps(view)
    def guarded_view(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            try:
                pk = int(unquote(str(pk)))
            except ValueError as bad_pk:
                raise Http404 from bad_pk
            if not policy.reachable(request.user).filter(pk=pk).exists():
                raise Http404("No such listing.")
        return view(request, *args, **kwargs)

    return guarded_view


def editable_listings(user):
    """The user's own listings, for their dashboard."""
    from .models import Listing

    return Listing.objects.filter(pk__in=linked_listing_ids(user)).order_by("name")


def edit_url(listing, user):
    return AdminURLFinder(user).get_edit_url(listing.specific)
