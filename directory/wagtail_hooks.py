from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import WorkflowState
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
)
from wagtail.snippets.views.snippets import (
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

import roles
from reporting import AbsoluteDateColumn, register_reports

from . import bulk_actions, panels, presentation, reports, standard
from .accountability import authorities_in_words, authority_summary
from .forms import ListingEditorForm
from .models import (
    AuthorityAccess,
    Listing,
    ListingEditor,
    ListingLogEntry,
    ListingReminder,
    LocalAuthority,
    SearchWords,
    Service,
    Setting,
    WaitingTimeLimit,
)
from .permissions import (
    AuthorityScopedPolicy,
    ListingPermissionPolicy,
    ReachableIndexView,
    edit_url,
    editable_listings,
    guard_urlpatterns,
)

SETTING_POLICY = ListingPermissionPolicy(Setting)
SERVICE_POLICY = ListingPermissionPolicy(Service)
EDITOR_LINK_POLICY = AuthorityScopedPolicy(ListingEditor, "listing__authority")
AUTHORITY_POLICY = AuthorityScopedPolicy(LocalAuthority, "pk")
# An authority's search words are changed by those acting for it, national words (no
# authority) by national staff; the index lists the national words to every officer too.
SEARCH_WORDS_POLICY = AuthorityScopedPolicy(SearchWords, "authority")
register_permission_policy(Setting, SETTING_POLICY)
register_permission_policy(Service, SERVICE_POLICY)
register_permission_policy(ListingEditor, EDITOR_LINK_POLICY)
register_permission_policy(LocalAuthority, AUTHORITY_POLICY)
register_permission_policy(SearchWords, SEARCH_WORDS_POLICY)


class ReachableChooserMixin:
    def get_object_list(self):
        policy = ListingPermissionPolicy(self.model_class)
        return policy.reachable(self.request.user)


class ListingChooseView(ReachableChooserMixin, ChooseView):
    pass


class ListingChooseResultsView(ReachableChooserMixin, ChooseResultsView):
    pass


class ListingChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        policy = ListingPermissionPolicy(self.model_class)
        return policy.reachable(self.request.user).filter(pk__in=pks)


class ListingChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ListingChooseView
    choose_results_view_class = ListingChooseResultsView
    chosen_multiple_view_class = ListingChosenMultipleView

    def get_urlpatterns(self):
        policy = ListingPermissionPolicy(self.model)
        return guard_urlpatterns(super().get_urlpatterns(), policy)


class CompletenessColumn(Column):
    """The live score, and beside it the score of changes not yet published (a 100% draft
    awaiting approval is not hidden behind the live 90%)."""

    def get_value(self, instance):
        live = f"{instance.completeness_score}%"
        if not (instance.live and instance.has_unpublished_changes):
            return live
        draft = standard.evaluate(instance.get_latest_revision_as_object()).score
        if draft == instance.completeness_score:
            return live
        return f"{live} live, {draft}% in the changes"


class ApprovalStatusColumn(Column):
    """ "Awaiting approval", "Published"...: read from the queryset's annotation, no query."""

    def get_value(self, instance):
        return instance.approval_status


class ListingEditView(EditView):
    """Approving on the edit screen approves what the approver sees.

    The edit screen saves a new revision before it runs a workflow action (the school's update,
    plus the officer's changes if any). Wagtail's approval belongs to the revision the task
    started on, and with WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT a newer revision counts as
    unapproved, so the task started again and nothing was published. Here the approval is
    given to the revision just saved (and the steps already approved carry over to it), so the
    workflow finishes and publishes it, exactly as approving from the dashboard does.
    """

    def workflow_action_action(self):
        if self.workflow_action == "approve" and self.new_revision is not None:
            workflow_state = self.object.current_workflow_state
            task_state = self.object.current_workflow_task_state
            if task_state is not None and task_state.revision_id != self.new_revision.pk:
                earlier = workflow_state.task_states.filter(status="approved").exclude(
                    revision=self.new_revision
                )
                for state in earlier:
                    state.copy(update_attrs={"revision": self.new_revision})
                task_state.revision = self.new_revision
                task_state.save(update_fields=["revision"])
        return super().workflow_action_action()

    def get_success_message(self, instance=None):
        listing = instance or self.object
        if self.action == "submit":
            return (
                f"Thank you. Your changes to “{listing}” are awaiting approval by the Local "
                "Offer team; families will see them once they are approved."
            )
        if self.action == "cancel-workflow":
            return (
                f"You took back your changes to “{listing}”: they are no longer awaiting approval."
            )
        if self.action == "restart-workflow":
            return f"Your changes to “{listing}” are awaiting approval again."
        if self.action == "publish":
            return f"“{listing}” is published: families see these changes now."
        if self.action == "edit" or self.action is None:
            if listing.workflow_in_progress:
                return (
                    f"Your changes to “{listing}” are saved. They are still awaiting approval; "
                    "families see them once they are approved."
                )
            if listing.live:
                return (
                    f"Your changes to “{listing}” are saved as a draft. Families still see the "
                    "published version until the changes are submitted and approved."
                )
            return f"“{listing}” is saved as a draft. Families do not see it yet."
        return super().get_success_message(instance)


class ListingInspectView(InspectView):
    """A listing as the standard defines it (its sections, each item published or missing,
    with its reference), its completeness and status: what a regulator opens, instead of
    Wagtail's list of raw fields ("Live True", "Locked None")."""

    template_name = "directory/admin/listing_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.object
        context.update(
            {
                "listing": listing,
                "result": standard.evaluate(listing),
                "sections": presentation.profile_sections(listing),
                "stale": standard.is_stale(listing.last_reviewed_on),
                "status": listing.approval_status,
            }
        )
        return context


class ListingViewSet(SnippetViewSet):
    """Shared by settings and services: only reachable listings, every URL guarded."""

    chooser_viewset_class = ListingChooserViewSet
    edit_view_class = ListingEditView
    inspect_view_enabled = True
    inspect_view_class = ListingInspectView
    list_filter = ["authority", "live"]
    list_per_page = 50
    copy_view_enabled = False

    @cached_property
    def permission_policy(self):
        return ListingPermissionPolicy(self.model)

    edit_view_class = ListingEditView

    def get_queryset(self, request):
        in_progress = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Listing),
            object_id=Cast(OuterRef("pk"), CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        return (
            self.permission_policy.reachable(request.user)
            .select_related("authority")
            .annotate(
                awaiting_approval=Exists(in_progress),
                last_reminded_on=Subquery(
                    ListingReminder.objects.filter(listing=OuterRef("pk"))
                    .order_by("-sent_on")
                    .values("sent_on")[:1]
                ),
            )
        )

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), self.permission_policy)


class SettingViewSet(ListingViewSet):
    model = Setting
    icon = "home"
    menu_label = "Schools and settings"
    url_prefix = "directory/settings"
    list_display = [
        "name",
        "setting_type",
        "authority",
        CompletenessColumn("completeness_score", label="Complete", sort_key="completeness_score"),
        ApprovalStatusColumn("approval_status", label="Status"),
        "last_reviewed_on",
        AbsoluteDateColumn("last_reminded_on", label="Last reminded", sort_key="last_reminded_on"),
        UpdatedAtColumn(),
    ]
    list_filter = ["authority", "setting_type", "phase", "live"]
    edit_handler = panels.setting_edit_handler()


class ServiceViewSet(ListingViewSet):
    model = Service
    icon = "group"
    menu_label = "Services"
    url_prefix = "directory/services"
    list_display = [
        "name",
        "category",
        "authority",
        CompletenessColumn("completeness_score", label="Complete", sort_key="completeness_score"),
        ApprovalStatusColumn("approval_status", label="Status"),
        "waiting_weeks",
        "last_reviewed_on",
        AbsoluteDateColumn("last_reminded_on", label="Last reminded", sort_key="last_reminded_on"),
        UpdatedAtColumn(),
    ]
    list_filter = ["authority", "category", "live"]
    edit_handler = panels.service_edit_handler()


class ListingEditorViewSet(ModelViewSet):
    """Officers link editors (a SENCo, a service manager) to the listings they may edit,
    within the authorities they act for."""

    model = ListingEditor
    icon = "user"
    menu_label = "Listing editors"
    url_prefix = "directory/editors"
    list_display = ["user", "listing", "created_at"]
    search_fields = ["user__username", "user__email", "listing__name"]
    add_to_admin_menu = False
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("listing")], base_form_class=ListingEditorForm
    )

    index_view_class = ReachableIndexView

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), self.permission_policy)


class LocalAuthorityViewSet(ModelViewSet):
    model = LocalAuthority
    icon = "site"
    menu_label = "Local authorities"
    url_prefix = "directory/authorities"
    form_fields = ["code", "name", "slug", "neighbours"]
    list_display = ["name", "code", "site"]
    search_fields = ["name", "code"]
    add_to_admin_menu = False

    index_view_class = ReachableIndexView

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), self.permission_policy)


class WaitingTimeLimitViewSet(ModelViewSet):
    """Officers set the longest acceptable wait per category of service."""

    model = WaitingTimeLimit
    icon = "time"
    menu_label = "Waiting time limits"
    url_prefix = "directory/waiting-time-limits"
    form_fields = ["category", "max_weeks"]
    list_display = ["category", "max_weeks"]
    add_to_admin_menu = False


class AuthorityAccessViewSet(ModelViewSet):
    """Which authorities each officer, forum editor and regulator acts for. No role holds its
    permissions: superusers set it (the roles' own scope is not for them to widen)."""

    model = AuthorityAccess
    icon = "site"
    menu_label = "Staff authority access"
    url_prefix = "authority-access"
    add_to_settings_menu = True
    form_fields = ["user", "national", "authorities"]
    list_display = ["user", "national", "__str__"]
    search_fields = ["user__username", "user__email", "user__last_name"]


@hooks.register("register_admin_viewset")
def register_authority_access():
    return AuthorityAccessViewSet("authority_access")


class SearchWordsViewSet(SnippetViewSet):
    """Officers extend the SEND vocabulary families search with (directory/vocabulary.py): a
    council's officers see the national words and their own authority's, and change their
    own (localoffer/admin_scope.py)."""

    model = SearchWords
    icon = "search"
    menu_label = "Search words"
    url_prefix = "directory/search-words"
    list_display = ["term", "words", "authority", UpdatedAtColumn()]
    search_fields = ["term", "words"]

    def get_queryset(self, request):
        words = SearchWords.objects.select_related("authority")
        ids = roles.authority_ids(request.user)
        if ids is None:
            return words
        return words.filter(Q(authority__isnull=True) | Q(authority__in=ids))


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = "Local Offer directory"
    menu_icon = "list-ul"
    menu_order = 200
    items = (
        SettingViewSet,
        ServiceViewSet,
        ListingEditorViewSet,
        LocalAuthorityViewSet,
        WaitingTimeLimitViewSet,
        SearchWordsViewSet,
    )


register_snippet(DirectoryGroup)


class YourListingsPanel(Component):
    """The editor's dashboard: how complete each of their listings is and what is missing."""

    name = "your_listings"
    order = 50
    template_name = "directory/admin/your_listings_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        rows = []
        for listing in editable_listings(self.user):
            latest = listing.specific.get_latest_revision_as_object()
            result = standard.evaluate(latest)
            url = edit_url(listing, self.user)
            rows.append(
                {
                    "listing": latest,
                    "result": result,
                    "edit_url": url,
                    "missing": panels.missing_item_links(latest, result, url),
                    "has_draft": listing.has_unpublished_changes,
                    "status": listing.approval_status,
                    "stale": standard.is_stale(latest.last_reviewed_on),
                }
            )
        return {"rows": rows}


class OverviewPanel(Component):
    """For officers and regulators: how complete the Local Offer is and what is most often
    missing, each with a link to the report that goes further."""

    name = "local_offer_overview"
    # After Wagtail's "Awaiting your review" (220): what waits for the officer comes first.
    order = 230
    template_name = "directory/admin/overview_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        # The viewer's own authorities: a Northbrook officer sees Northbrook's figures, and the
        # panel says whose they are.
        ids = roles.authority_ids(self.user)
        rows, national = authority_summary(authority_ids=ids)
        listings = Listing.objects.published()
        if ids is not None:
            listings = listings.filter(authority_id__in=ids)
        scope = authorities_in_words(ids)
        missing = Counter()
        for keys in listings.values_list("missing_items", flat=True):
            missing.update(keys)
        labels = {key: item.label for key, item in standard.all_items().items()}
        return {
            "national": national,
            "scope": scope,
            "local": ids is not None,
            "most_missing": [(labels.get(key, key), n) for key, n in missing.most_common(5)],
        }


@hooks.register("construct_snippet_action_menu")
def approving_comes_first(menu_items, request, context):
    """For whoever may approve a listing (or a page: below), Approve is the menu's main button
    and Request changes follows it, above Save, Publish and Unpublish (Wagtail puts them fifth)."""
    workflow = [
        item
        for item in menu_items
        if getattr(item, "name", "") in ("approve", "reject", "request-changes")
    ]
    workflow.sort(key=lambda item: item.name != "approve")
    rest = [item for item in menu_items if item not in workflow]
    menu_items[:] = workflow + rest


# The same for a guide page: the officer's Approve and the forum's "Sign off for the forum" lead
# their menus (Wagtail put them below Unpublish, Cancel workflow and Publish without sign-off).
hooks.register("construct_page_action_menu", approving_comes_first)


@hooks.register("insert_editor_js")
def missing_item_links_keep_their_field_in_view():
    return format_html(
        '<script src="{}"></script>', versioned_static("directory/admin/field-in-view.js")
    )


@hooks.register("construct_homepage_panels")
def add_your_listings_panel(request, panels_list):
    if editable_listings(request.user).exists():
        panels_list.append(YourListingsPanel(request.user))
    if roles.reads_reports(request.user):
        panels_list.append(OverviewPanel(request.user))


@hooks.register("register_log_actions")
def register_listing_log(actions):
    from .importers.gias import ACTION_CLOSE, ACTION_CREATE, ACTION_UPDATE

    actions.register_model(Listing, ListingLogEntry)
    actions.register_action(ACTION_CREATE, "Created from GIAS", "Created from the GIAS register")
    actions.register_action(ACTION_UPDATE, "Updated from GIAS", "Updated from the GIAS register")
    actions.register_action(
        ACTION_CLOSE, "Closed in GIAS", "Unpublished: the establishment closed (GIAS)"
    )


register_reports(
    "directory_reports",
    [
        ("completeness", "Completeness by listing", "list-ul", reports.CompletenessReport),
        ("authorities", "Completeness by local authority", "site", reports.AuthorityReport),
        ("items", "Most often missing items", "warning", reports.ItemReport),
        ("senco", "SENCo qualification", "user", reports.SencoReport),
        ("waiting", "Waiting times", "time", reports.WaitingReport),
        ("coverage", "Local Offer coverage", "tasks", reports.CoverageReport),
    ],
    order=10,
)


# Registered after Wagtail's own (a higher order), so that these replace them.
for _action in bulk_actions.GUARDED:
    hooks.register("register_bulk_action", _action, order=100)
