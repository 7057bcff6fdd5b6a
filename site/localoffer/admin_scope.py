"""The scope of every admin URL, Wagtail's and ours, declared once (DESIGN.md "Security").

Wagtail's own views answer to a group permission ("can change redirects") and know nothing of
local authorities. So every URL of the admin is declared here as one of:

- NEUTRAL: holds nothing of any authority (logging in, one's own account, the dashboard shell,
  link choosers);
- NATIONAL: one thing for the whole instance (glossary terms, waiting-time limits): anyone whose
  role allows may read it, only national staff change it;
- NATIONAL_STAFF: national staff only, reading too;
- SUPERUSERS: shared machinery (workflows and their tasks, sites, users, groups, collections,
  who acts for which authority);
- PER_AUTHORITY: each object belongs to one authority, found as `authority` says; the `guard`
  answers 404 for an object of an authority the user does not act for, and `view` (a narrowed
  subclass of Wagtail's view) lists and offers only the user's own;
- PER_LISTING: a listing, reached by officers and regulators of its authority and by the
  editors linked to it (directory/permissions.py).

`scoped()` applies the declaration to the admin's URL conf (localoffer/urls.py). A URL with no
declaration is refused to everyone but superusers, and tests/security/test_admin_walk.py walks
every admin URL as each role of each authority and fails on an undeclared one.
"""

import fnmatch
from dataclasses import dataclass, field
from functools import cache, wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver
from django.utils.module_loading import import_string
from wagtail.admin.auth import require_admin_access

import roles

NEUTRAL = "holds nothing of any authority"
NATIONAL = "national: read within the role, changed by national staff"
NATIONAL_STAFF = "national staff only"
SUPERUSERS = "superusers only"
PER_AUTHORITY = "per authority"
PER_LISTING = "per listing"

# What reading means for a NATIONAL thing: the views that change nothing.
READS = frozenset(
    {
        "list",
        "list_results",
        "index",
        "index_results",
        "inspect",
        "history",
        "history_results",
        "usage",
        "choose",
        "choose_results",
        "chosen",
        "chosen_multiple",
        "revisions_view",
        "revisions_compare",
        "workflow_history",
        "workflow_history_detail",
    }
)


@dataclass(frozen=True)
class Scope:
    kind: str
    # How the object's authority is found, in words (PER_AUTHORITY, PER_LISTING).
    authority: str = ""
    # "module.function" called with the request and the URL's arguments before the view; it
    # raises Http404 for an object outside the user's authorities.
    guard: str = ""
    # "module.View" replacing Wagtail's view at this URL (built with the same arguments).
    view: str = ""
    reads: frozenset = field(default=READS)
    # Whether the replacing view is behind the admin-access check, as Wagtail's are but for
    # logging in and out.
    view_needs_admin_access: bool = True


def per_authority(authority, guard="", view=""):
    return Scope(PER_AUTHORITY, authority=authority, guard=guard, view=view)


def national(reads=READS):
    return Scope(NATIONAL, reads=reads)


_HERE = "localoffer.admin_scope"
_VIEWS = "localoffer.scoped_admin_views"
PAGES = per_authority(
    "the site whose page tree holds the page (Wagtail's page permissions, granted per "
    "authority: directory/authority_groups.py); the national guide is national",
    guard=f"{_VIEWS}.refuse_other_authorities_page",
)
MEDIA = per_authority(
    "the image's or document's collection, one per authority (Wagtail's collection "
    "permissions: directory/authority_groups.py)"
)
LISTINGS = Scope(
    PER_LISTING,
    authority="the listing's `authority`; editors: the listings linked to them",
    guard=f"{_HERE}.listing_guard",
)


# First match wins: URL names as Django reverses them ("namespace:name"), with wildcards.
DECLARED = (
    # Logging in and out, one's own account, the dashboard shell (its panels scope themselves).
    *(
        (name, Scope(NEUTRAL))
        for name in (
            "wagtailadmin_login",
            "wagtailadmin_password_reset*",
            "wagtailadmin_account",
            "wagtailadmin_home",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
            "wagtailadmin_dismissibles",
            "wagtailadmin_block_preview",
            "wagtailadmin_tag_autocomplete",
            "wagtailadmin_tag_model_autocomplete",
            "wagtailadmin_choose_page_external_link",
            "wagtailadmin_choose_page_email_link",
            "wagtailadmin_choose_page_phone_link",
            "wagtailadmin_choose_page_anchor_link",
            "wagtailembeds:*",
            "wagtailadmin_editing_sessions:*",
            "localoffer_2fa_*",
            "wagtailsnippets:index",
            "<unnamed>",
        )
    ),
    (
        "wagtailadmin_logout",
        Scope(NEUTRAL, view=f"{_VIEWS}.LogoutView", view_needs_admin_access=False),
    ),
    # Shared machinery.
    ("wagtailadmin_workflows:*", Scope(SUPERUSERS)),
    ("wagtailadmin_error_test", Scope(SUPERUSERS)),  # raises an error on purpose
    ("wagtailsites:*", Scope(SUPERUSERS)),
    ("wagtailusers_*", Scope(SUPERUSERS)),
    ("wagtailadmin_collections:*", Scope(SUPERUSERS)),
    ("authority_access:*", Scope(SUPERUSERS)),
    # The languages the instance has (each site chooses among them: home/languages.py).
    ("wagtaillocales:*", Scope(SUPERUSERS)),
    # Pages.
    ("wagtailadmin_pages:*", PAGES),
    ("wagtailadmin_explore*", PAGES),
    ("wagtailadmin_choose_page", PAGES),
    ("wagtailadmin_choose_page_child", PAGES),
    ("wagtailadmin_choose_page_search", PAGES),
    (
        "wagtailadmin_choose_page_chosen_multiple",
        per_authority(PAGES.authority, view=f"{_VIEWS}.ChosenMultiplePagesView"),
    ),
    ("wagtailadmin_api:pages:*", PAGES),
    ("wagtailforms:*", PAGES),
    ("guidance_publish_without_sign_off", PAGES),
    # Making a page's translation (a draft, signed off like the English: docs/languages.md).
    ("simple_translation:submit_page_translation", PAGES),
    # A snippet's translation (glossary terms: national).
    ("simple_translation:submit_snippet_translation", Scope(NATIONAL_STAFF)),
    ("wagtail_bulk_action", per_authority("each object's own rule (directory/bulk_actions.py)")),
    # Images and documents.
    ("wagtailimages*", MEDIA),
    ("wagtaildocs*", MEDIA),
    ("wagtailadmin_api:images:*", MEDIA),
    ("wagtailadmin_api:documents:*", MEDIA),
    # Site settings: the site's authority.
    (
        "wagtailsettings:*",
        per_authority(
            "the site's authority; the national site's are national",
            guard=f"{_HERE}.settings_guard",
        ),
    ),
    # Redirects: the redirect's site's authority; one for every site is national.
    ("wagtailredirects:*import*", Scope(NATIONAL_STAFF)),
    (
        "wagtailredirects:index*",
        per_authority("the redirect's site", view=f"{_VIEWS}.RedirectIndexView"),
    ),
    (
        "wagtailredirects:add",
        per_authority("the redirect's site", view=f"{_VIEWS}.RedirectCreateView"),
    ),
    (
        "wagtailredirects:edit",
        per_authority(
            "the redirect's site",
            guard=f"{_HERE}.redirect_guard",
            view=f"{_VIEWS}.RedirectEditView",
        ),
    ),
    (
        "wagtailredirects:delete",
        per_authority("the redirect's site", guard=f"{_HERE}.redirect_guard"),
    ),
    # Workflow reports and the rest of Wagtail's: pages by page permissions, listings by reach.
    (
        "wagtailadmin_reports:workflow",
        per_authority(PAGES.authority, view=f"{_VIEWS}.WorkflowReportView"),
    ),
    (
        "wagtailadmin_reports:workflow_results",
        per_authority(PAGES.authority, view=f"{_VIEWS}.WorkflowReportView"),
    ),
    (
        "wagtailadmin_reports:workflow_tasks*",
        per_authority(PAGES.authority, view=f"{_VIEWS}.WorkflowTasksReportView"),
    ),
    (
        "wagtailadmin_reports:page_types_usage*",
        per_authority(PAGES.authority, view=f"{_VIEWS}.PageTypesUsageView"),
    ),
    ("wagtailadmin_reports:aging_pages*", PAGES),
    ("wagtailadmin_reports:locked_pages*", PAGES),
    (
        "wagtailadmin_reports:site_history*",
        per_authority(
            "each logged object's own rule: Wagtail lists the log entries of the pages and "
            "objects the user may reach through their permission policies"
        ),
    ),
    # The directory.
    ("wagtailsnippets_directory_setting:*", LISTINGS),
    ("wagtailsnippets_directory_service:*", LISTINGS),
    ("wagtailsnippetchoosers_directory_setting:*", LISTINGS),
    ("wagtailsnippetchoosers_directory_service:*", LISTINGS),
    (
        "listingeditor:*",
        per_authority("the linked listing's `authority`", guard=f"{_HERE}.listing_editor_guard"),
    ),
    (
        "localauthority:*",
        per_authority("the authority itself", guard=f"{_HERE}.local_authority_guard"),
    ),
    ("waitingtimelimit:*", national()),
    # The search vocabulary's officers' words: national ones change every authority's search
    # (read by all officers, changed by national staff), an authority's its own.
    (
        "wagtailsnippets_directory_searchwords:*",
        per_authority(
            "the words' `authority`; national words (none) are national",
            guard=f"{_HERE}.search_words_guard",
        ),
    ),
    ("wagtailsnippetchoosers_directory_searchwords:*", national()),
    (
        "directory_reports:*",
        per_authority("each listing's `authority` (directory/reports.py)"),
    ),
    # The guide.
    ("wagtailsnippets_guidance_glossaryterm:*", national()),
    ("wagtailsnippetchoosers_guidance_glossaryterm:*", national()),
    ("guidance_publish_term_without_sign_off", Scope(NATIONAL_STAFF)),
    (
        "wagtailsnippets_guidance_parentcarerforum:*",
        per_authority("the forum's `authority`", guard=f"{_HERE}.forum_guard"),
    ),
    (
        "wagtailsnippetchoosers_guidance_parentcarerforum:*",
        per_authority("the forum's `authority`", guard=f"{_HERE}.forum_guard"),
    ),
    ("guidance_reports:*", per_authority("each page's site (guidance/reports.py)")),
    # The inclusion mark (inclusion/): its criteria are national (inclusion/permissions.py);
    # a school's reply is its own editors' (inclusion/views.py).
    ("wagtailsnippets_inclusion_inclusioncriterion:*", national()),
    ("wagtailsnippetchoosers_inclusion_inclusioncriterion:*", national()),
    (
        "inclusion_replies",
        Scope(PER_LISTING, authority="the listings linked to the editor (inclusion/views.py)"),
    ),
    ("inclusion_reply", LISTINGS),
    ("inclusion_reports:*", per_authority("each school's `authority` (inclusion/reports.py)")),
    # Feedback: the site it was given on.
    ("feedback:*", per_authority("the feedback's `authority`", guard=f"{_HERE}.feedback_guard")),
    ("home_reports:*", per_authority("the feedback's `authority` (home/reports.py)")),
    # Locked-out logins: the staff member's authorities (localoffer/lockouts.py).
    ("localoffer_lockouts", per_authority("the locked-out staff member's authorities")),
)


def scope_of(name):
    for pattern, scope in DECLARED:
        if fnmatch.fnmatchcase(name, pattern):
            return scope
    return None


# Guards ---------------------------------------------------------------------------------------


def _object_guard(model_path, authority_field, kwarg="pk"):
    def guard(request, **kwargs):
        from django.apps import apps

        pk = kwargs.get(kwarg)
        if pk is None:
            return
        model = apps.get_model(model_path)
        authority_id = (
            model._default_manager.filter(pk=_int(pk))
            .values_list(authority_field, flat=True)
            .first()
        )
        exists = model._default_manager.filter(pk=_int(pk)).exists()
        if exists and not roles.acts_for(request.user, authority_id):
            raise Http404("Not one of yours.")

    return guard


def _int(value):
    from django.contrib.admin.utils import unquote

    try:
        return int(unquote(str(value)))
    except ValueError as bad:
        raise Http404 from bad


forum_guard = _object_guard("guidance.ParentCarerForum", "authority")
feedback_guard = _object_guard("home.Feedback", "authority")
listing_editor_guard = _object_guard("directory.ListingEditor", "listing__authority")
local_authority_guard = _object_guard("directory.LocalAuthority", "pk")


def search_words_guard(request, pk=None, **kwargs):
    """An authority's words are reached by those acting for it; national words are read by
    every officer and changed by national staff."""
    from directory.models import SearchWords

    if pk is None:
        return
    words = SearchWords.objects.filter(pk=_int(pk)).values_list("authority_id", flat=True)
    if not words.exists():
        return
    authority_id = words.first()
    if authority_id is not None:
        if not roles.acts_for(request.user, authority_id):
            raise Http404("Not one of yours.")
    elif roles.authority_ids(request.user) is not None:
        view = request.resolver_match.url_name if request.resolver_match else ""
        if view not in READS:
            raise PermissionDenied


def listing_guard(request, **kwargs):
    from directory.models import Listing
    from directory.models.access import reachable_listings

    pk = kwargs.get("pk")
    if pk is not None and not reachable_listings(request.user, Listing.objects.filter(pk=_int(pk))):
        raise Http404("No such listing.")


def settings_guard(request, pk=None, **kwargs):
    from .authority_rule import acts_for_site

    if pk is not None and not acts_for_site(request.user, pk):
        raise Http404("Not one of your sites.")


def redirect_guard(request, redirect_id=None, **kwargs):
    from wagtail.contrib.redirects.models import Redirect

    from .authority_rule import acts_for_site, is_national

    redirect = Redirect.objects.filter(pk=redirect_id).first()
    if (
        redirect is not None
        and not is_national(request.user)
        and (redirect.site_id is None or not acts_for_site(request.user, redirect.site_id))
    ):
        raise Http404("Not one of your redirects.")


# Applying the declaration ---------------------------------------------------------------------


def admin_urls(urlpatterns, namespace=""):
    """(full URL name, pattern) for every admin URL, however deeply included."""
    for pattern in urlpatterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from admin_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else "<unnamed>"), pattern


def scoped(urlpatterns):
    """Apply each admin URL's declared scope to its view (once per process)."""
    for name, pattern in admin_urls(urlpatterns):
        if not getattr(pattern.callback, "scope_applied", False):
            pattern.callback = _in_scope(pattern.callback, name, scope_of(name))
    return urlpatterns


@cache
def _import(dotted):
    return import_string(dotted)


def _replacement(view, scope):
    """Wagtail's view at this URL swapped for our subclass, built with the same arguments and
    behind the same admin-access check."""
    replacement = _import(scope.view).as_view(**getattr(view, "view_initkwargs", {}))
    return require_admin_access(replacement) if scope.view_needs_admin_access else replacement


def _in_scope(view, name, scope):
    replacement = _replacement(view, scope) if scope and scope.view else None

    @wraps(view)
    def view_in_scope(request, *args, **kwargs):
        user = request.user
        if not user.is_superuser:
            if scope is None:
                raise Http404("This admin page has no declared scope.")
            national_user = user.is_authenticated and roles.authority_ids(user) is None
            if scope.kind == SUPERUSERS:
                raise PermissionDenied
            if scope.kind == NATIONAL_STAFF and not national_user:
                raise PermissionDenied
            reading = name.rsplit(":", 1)[-1] in scope.reads
            if scope.kind == NATIONAL and not national_user and not reading:
                raise PermissionDenied
            if scope.guard and user.is_authenticated:
                _import(scope.guard)(request, **kwargs)
        return (replacement or view)(request, *args, **kwargs)

    view_in_scope.scope_applied = True
    view_in_scope.scope = scope
    view_in_scope.url_name = name
    return view_in_scope
