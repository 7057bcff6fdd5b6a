"""The roles: the one definition of who may do what, and for which local authorities.

Each role is a Wagtail group. `sync_roles` runs after every migrate and makes the groups'
permissions match this module exactly, so change a role here, never by hand in the admin.
Listing-level rules (an editor sees only their own setting) live in directory/permissions.py and
read the group names from here.

Every role but superuser is scoped to local authorities (`authority_ids`, read from where the
authorities are: directory.models.AuthorityAccess, through `read_authorities_with`):
officers, forum editors and regulators act only within theirs, national ones within all. Page
and media permissions, which Wagtail grants to groups on a part of the page tree or a collection,
are held by one group per role and authority (directory/authority_groups.py).
"""

from dataclasses import dataclass

LOCAL_OFFER_OFFICERS = "Local Offer officers"
FORUM_EDITORS = "Parent carer forum editors"
SETTING_EDITORS = "Setting editors"
SERVICE_EDITORS = "Service editors"
REGULATORS = "Regulators"

PAGE_EDITING = ("add_page", "change_page")
PAGE_MANAGING = (*PAGE_EDITING, "publish_page", "lock_page", "unlock_page", "bulk_delete_page")
MEDIA_MANAGING = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
)
LISTING_MANAGING = tuple(
    f"directory.{action}_{model}"
    for model in ("setting", "service")
    for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")
) + (
    "directory.access_all_listings",
    "directory.add_listingeditor",
    "directory.change_listingeditor",
    "directory.delete_listingeditor",
    "directory.view_listingeditor",
    "directory.add_localauthority",
    "directory.change_localauthority",
    "directory.view_localauthority",
    "directory.add_waitingtimelimit",
    "directory.change_waitingtimelimit",
    "directory.delete_waitingtimelimit",
    "directory.view_waitingtimelimit",
)
MEDIA_USING = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    # "app_label.codename" model permissions held by the group.
    model_permissions: tuple = ()
    # Page permissions (codenames), granted on the whole page tree, or only on the pages of
    # `page_scope` ("app_label.Model") and their descendants when it is set.
    page_permissions: tuple = ()
    page_scope: str = ""
    # "app_label.codename" image and document permissions on the root collection.
    collection_permissions: tuple = ()


ROLES = (
    Role(
        LOCAL_OFFER_OFFICERS,
        "Manage the whole Local Offer: publish pages and listings, moderate changes, "
        "import data and answer feedback.",
        model_permissions=(
            "wagtailadmin.access_admin",
            "home.change_authoritysettings",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            *LISTING_MANAGING,
            "guidance.add_glossaryterm",
            "guidance.change_glossaryterm",
            "guidance.delete_glossaryterm",
            "guidance.view_glossaryterm",
            # Terms have drafts and locking; they go live by the forum's sign-off.
            "guidance.lock_glossaryterm",
            "guidance.unlock_glossaryterm",
            # Only for "Publish without forum sign-off", with a reason (guidance/views.py).
            "guidance.publish_glossaryterm",
            "guidance.add_parentcarerforum",
            "guidance.change_parentcarerforum",
            "guidance.view_parentcarerforum",
            "home.view_feedback",
            "home.change_feedback",
            "home.delete_feedback",
            # The SEND vocabulary families' searches read (directory/vocabulary.py).
            "directory.add_searchwords",
            "directory.change_searchwords",
            "directory.delete_searchwords",
            "directory.view_searchwords",
        ),
        page_permissions=PAGE_MANAGING,
        collection_permissions=MEDIA_MANAGING,
    ),
    Role(
        FORUM_EDITORS,
        "Write and revise guide pages with the Local Offer team and sign them off; "
        "cannot publish without the coproduction workflow.",
        model_permissions=(
            "wagtailadmin.access_admin",
            "guidance.add_glossaryterm",
            "guidance.change_glossaryterm",
            "guidance.view_glossaryterm",
            "guidance.view_parentcarerforum",
            # The national forum signs off the inclusion criteria by publishing them; only a
            # forum editor acting nationally may (inclusion/permissions.py).
            "inclusion.change_inclusioncriterion",
            "inclusion.view_inclusioncriterion",
            "inclusion.publish_inclusioncriterion",
        ),
        page_permissions=PAGE_EDITING,
        page_scope="guidance.GuideIndexPage",
        collection_permissions=MEDIA_USING,
    ),
    Role(
        SETTING_EDITORS,
        "Update only their own school's or setting's profile and SEND information report.",
        # Model-level rights; directory/permissions.py narrows them to linked listings.
        model_permissions=(
            "wagtailadmin.access_admin",
            "directory.change_setting",
            "directory.view_setting",
            "directory.lock_setting",
            # Their school's reply to its inclusion profile (inclusion/views.py).
            "inclusion.change_schoolreply",
        ),
    ),
    Role(
        SERVICE_EDITORS,
        "Update only their own service's listing: eligibility, referral, waiting time.",
        model_permissions=(
            "wagtailadmin.access_admin",
            "directory.change_service",
            "directory.view_service",
            "directory.lock_service",
        ),
    ),
    Role(
        REGULATORS,
        "Read every listing, report and the audit trail; change nothing but the inclusion "
        "criteria (national regulators only), which the national forum signs off.",
        model_permissions=(
            "wagtailadmin.access_admin",
            "directory.view_setting",
            "directory.view_service",
            "directory.access_all_listings",
            "directory.view_localauthority",
            "directory.view_waitingtimelimit",
            "directory.view_searchwords",
            "home.view_feedback",
            "guidance.view_glossaryterm",
            "guidance.view_parentcarerforum",
            # The national regulator writes the inclusion criteria; the forum signs them off.
            "inclusion.add_inclusioncriterion",
            "inclusion.change_inclusioncriterion",
            "inclusion.view_inclusioncriterion",
        ),
    ),
)

ROLE_NAMES = tuple(role.name for role in ROLES)
# The roles that act for local authorities (AuthorityAccess); the editors' roles are scoped by
# the listings linked to them.
SCOPED_ROLES = (LOCAL_OFFER_OFFICERS, FORUM_EDITORS, REGULATORS)


# How to read which authorities a member of staff acts for: set by the app that holds the
# authorities (directory) when it is ready, so the roles, the ground floor, import nothing
# above them. Until then staff act for no authority.
_authorities_of = None


def read_authorities_with(source):
    """`source(user)` gives None where a member of staff acts for every authority, else the
    ids of the authorities they act for."""
    global _authorities_of
    _authorities_of = source


def authority_ids(user):
    """The ids of the local authorities this user acts for, or None when they act for all
    (superusers and national staff). Cached on the user object for the request."""
    if not hasattr(user, "_authority_ids"):
        if not user.is_authenticated or not user.is_active:
            ids = frozenset()
        elif user.is_superuser:
            ids = None
        elif _authorities_of is None:
            ids = frozenset()
        else:
            ids = _authorities_of(user)
        user._authority_ids = ids
    return user._authority_ids


def acts_for(user, authority_id):
    """Whether this user acts for the given authority (None: something that belongs to every
    authority, such as the national guide, which only national staff act for)."""
    ids = authority_ids(user)
    return ids is None or (authority_id is not None and authority_id in ids)


def within_authorities(user, queryset, field="authority"):
    """`queryset` narrowed to the objects of the authorities this user acts for."""
    ids = authority_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


# Officers and regulators oversee every listing of the authorities they act for, and read the
# accountability reports (superusers hold every permission).
OVERSEES_LISTINGS = "directory.access_all_listings"
# Who must use a second factor where production requires it (superusers too).
SECOND_FACTOR_REQUIRED = (LOCAL_OFFER_OFFICERS, REGULATORS)


def oversees_listings(user):
    return user.is_active and (user.is_superuser or user.has_perm(OVERSEES_LISTINGS))


def reads_reports(user):
    return oversees_listings(user)


def sync_roles(sender=None, using="default", verbosity=1, **kwargs):
    """Create the groups and set their permissions to exactly what ROLES says."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group
    from wagtail.models import Collection
    from wagtail.snippets.models import create_extra_permissions

    # post_migrate reaches apps one at a time; make sure every app's permissions exist first,
    # including the publish/lock permissions Wagtail adds for snippets with drafts and locking.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    create_extra_permissions(apps.get_app_config("wagtailsnippets"), using=using)

    root_collection = Collection.objects.using(using).filter(depth=1).first()
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role.name)
        group.permissions.set([_permission(p, using) for p in role.model_permissions])
        if role.name in SCOPED_ROLES:  # held per place (directory/authority_groups.py)
            set_collection_permissions(role.name, [], (), using)
        elif root_collection is not None:
            set_collection_permissions(
                role.name, [root_collection], role.collection_permissions, using
            )

    sync_page_permissions(using)


def place_group_name(role_name, place):
    """The group holding a scoped role's page and media permissions in one place: an
    authority's Local Offer, or "national"."""
    return f"{role_name} — {place}"


def sync_page_permissions(using="default"):
    """Set each role's page permissions to exactly what ROLES says, on the root page or on the
    pages of its scope (run again whenever a page of a scope is created). Scoped roles hold
    theirs in one group per place instead (directory/authority_groups.py), so here they hold
    none."""
    from django.apps import apps
    from wagtail.models import Page

    root_page = Page.objects.using(using).filter(depth=1).first()
    for role in ROLES:
        if role.name in SCOPED_ROLES:
            pages = []
        elif role.page_scope:
            pages = list(apps.get_model(role.page_scope).objects.using(using).all())
        else:
            pages = [root_page] if root_page is not None else []
        set_page_permissions(role.name, pages, role.page_permissions, using)


def set_page_permissions(group_name, pages, codenames, using="default"):
    """Make `group_name` hold exactly `codenames` on each of `pages` (and their subtrees)."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    permissions = Permission.objects.using(using).filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    return _hold_exactly(group_name, GroupPagePermission, "page", pages, permissions, using)


def set_collection_permissions(group_name, collections, dotted_permissions, using="default"):
    """Make `group_name` hold exactly these image and document permissions on `collections`."""
    from wagtail.models import GroupCollectionPermission

    permissions = [_permission(dotted, using) for dotted in dotted_permissions]
    return _hold_exactly(
        group_name, GroupCollectionPermission, "collection", collections, permissions, using
    )


def _permission(dotted, using="default"):
    from django.contrib.auth.models import Permission

    app_label, codename = dotted.split(".")
    return Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)


def _hold_exactly(group_name, grant_model, place, places, permissions, using):
    """Make the group hold exactly `permissions` on each of `places` (pages or collections,
    named by `place`, the grant's field): the one way every role's grants are set."""
    from django.contrib.auth.models import Group

    group, _ = Group.objects.using(using).get_or_create(name=group_name)
    wanted = {(target.pk, permission.pk) for target in places for permission in permissions}
    existing = grant_model.objects.using(using).filter(group=group)
    for grant in existing:
        if (getattr(grant, f"{place}_id"), grant.permission_id) not in wanted:
            grant.delete()
    have = set(existing.values_list(f"{place}_id", "permission_id"))
    grant_model.objects.using(using).bulk_create(
        grant_model(group=group, **{f"{place}_id": target_id}, permission_id=permission_id)
        for target_id, permission_id in wanted - have
    )
    return group
