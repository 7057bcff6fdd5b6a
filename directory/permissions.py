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
from wagtail.permission_policies import ModelPermissionPolicy

from .models import linked_listing_ids, sees_all_listings


class ListingPermissionPolicy(ModelPermissionPolicy):
    def user_can_reach(self, user, instance):
        if not user.is_authenticated:
            return False
        return sees_all_listings(user) or instance.pk in linked_listing_ids(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.user_can_reach(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if user.is_authenticated and sees_all_listings(user):
            return queryset
        if not user.is_authenticated:
            return queryset.none()
        return queryset.filter(pk__in=linked_listing_ids(user))

    def reachable(self, user):
        """Every listing this user may see in the admin (with any permission)."""
        return self.instances_user_has_any_permission_for(
            user, ["add", "change", "delete", "view", "publish"]
        )


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
