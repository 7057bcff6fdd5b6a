"""Page and media permissions of the roles that act for local authorities.

Wagtail grants page permissions to groups on a part of the page tree, and image and document
permissions to groups on a collection. So each role that acts for authorities (roles.SCOPED_ROLES)
holds its page and media permissions in one group per place: "<role> — national" on the whole
tree and the root collection, and "<role> — <authority>" on that authority's site and its own
collection. A member of staff is put in the place groups of their AuthorityAccess, so a
Northbrook officer can edit Northbrook's pages and images and cannot even find Southmere's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection, Page

import roles

from .models import AuthorityAccess, LocalAuthority

NATIONAL = "national"


def _scoped_roles():
    return [role for role in roles.ROLES if role.name in roles.SCOPED_ROLES]


def _pages_in_scope(role, root):
    """The pages a role's permissions are granted on below `root` (its whole subtree for
    officers; the guides in it for forum editors)."""
    from django.apps import apps

    if not role.page_scope:
        return [root]
    return list(apps.get_model(role.page_scope).objects.descendant_of(root, inclusive=True))


def ensure_collection(authority):
    """Each authority with a Local Offer site keeps its images and documents in its own
    collection, under the root."""
    if authority.collection_id is None:
        root = Collection.get_first_root_node()
        authority.collection = root.add_child(name=authority.name)
        # An update, not save(): saving an authority syncs the place groups, which is what
        # called this (directory.signals).
        LocalAuthority.objects.filter(pk=authority.pk).update(collection=authority.collection)
    return authority.collection


def authority_sites():
    return list(
        LocalAuthority.objects.filter(site__isnull=False).select_related(
            "site__root_page", "collection"
        )
    )


@transaction.atomic
def sync_place_groups():
    """Give each place group exactly its role's page and media permissions, then bring every
    member of staff's place groups in line with their AuthorityAccess."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    authorities = authority_sites()
    local_roots = [authority.site.root_page for authority in authorities]
    for role in _scoped_roles():
        national_pages = [
            page
            for page in _pages_in_scope(role, root_page)
            if not role.page_scope or not any(page.is_descendant_of(r) for r in local_roots)
        ]
        roles.set_page_permissions(
            roles.place_group_name(role.name, NATIONAL), national_pages, role.page_permissions
        )
        roles.set_collection_permissions(
            roles.place_group_name(role.name, NATIONAL),
            [root_collection],
            role.collection_permissions,
        )
        for authority in authorities:
            name = roles.place_group_name(role.name, authority.name)
            roles.set_page_permissions(
                name, _pages_in_scope(role, authority.site.root_page), role.page_permissions
            )
            roles.set_collection_permissions(
                name, [ensure_collection(authority)], role.collection_permissions
            )
    for user in get_user_model().objects.filter(authority_access__isnull=False):
        sync_memberships(user)


def sync_memberships(user):
    """Put this member of staff in exactly the place groups their roles and AuthorityAccess
    call for."""
    access = AuthorityAccess.objects.filter(user=user).first()
    role_names = set(user.groups.filter(name__in=roles.SCOPED_ROLES).values_list("name", flat=True))
    wanted = set()
    if access is not None:
        places = (
            [NATIONAL]
            if access.national
            else list(access.authorities.filter(site__isnull=False).values_list("name", flat=True))
        )
        wanted = {roles.place_group_name(r, place) for r in role_names for place in places}
    prefixes = tuple(roles.place_group_name(r, "") for r in roles.SCOPED_ROLES)
    current = {g.name: g for g in user.groups.all() if g.name.startswith(prefixes)}
    for name in set(current) - wanted:
        user.groups.remove(current[name])
    for group in Group.objects.filter(name__in=wanted - set(current)):
        user.groups.add(group)
    if hasattr(user, "_authority_ids"):
        del user._authority_ids
