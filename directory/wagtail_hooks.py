from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from wagtail import hooks
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
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

import roles
from reporting import AbsoluteDateColumn, register_reports

from . import panels, reports, standard
from .accountability import authority_summary
from .models import (
    Listing,
    ListingEditor,
    ListingLogEntry,
    ListingReminder,
    LocalAuthority,
    Service,
    Setting,
    WaitingTimeLimit,
)
from .permissions import (
    ListingPermissionPolicy,
    edit_url,
    editable_listings,
    guard_urlpatterns,
)

SETTING_POLICY = ListingPermissionPolicy(Setting)
SERVICE_POLICY = ListingPermissionPolicy(Service)
register_permission_policy(Setting, SETTING_POLICY)
register_permission_policy(Service, SERVICE_POLICY)


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
    def get_value(self, instance):
        return f"{instance.completeness_score}%"


class ApprovalStatusColumn(Column):
    """ "Awaiting approval", "Published"...: read from the queryset's annotation, no query."""

    def get_value(self, instance):
        return instance.approval_status


class ListingEditView(EditView):
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
        return super().get_success_message(instance)


class ListingViewSet(SnippetViewSet):
    """Shared by settings and services: only reachable listings, every URL guarded."""

    chooser_viewset_class = ListingChooserViewSet
    inspect_view_enabled = True
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
    """Officers link editors (a SENCo, a service manager) to the listings they may edit."""

    model = ListingEditor
    icon = "user"
    menu_label = "Listing editors"
    url_prefix = "directory/editors"
    form_fields = ["user", "listing"]
    list_display = ["user", "listing", "created_at"]
    search_fields = ["user__username", "user__email", "listing__name"]
    add_to_admin_menu = False


class LocalAuthorityViewSet(ModelViewSet):
    model = LocalAuthority
    icon = "site"
    menu_label = "Local authorities"
    url_prefix = "directory/authorities"
    form_fields = ["code", "name", "slug"]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    add_to_admin_menu = False


class WaitingTimeLimitViewSet(ModelViewSet):
    """Officers set the longest acceptable wait per category of service."""

    model = WaitingTimeLimit
    icon = "time"
    menu_label = "Waiting time limits"
    url_prefix = "directory/waiting-time-limits"
    form_fields = ["category", "max_weeks"]
    list_display = ["category", "max_weeks"]
    add_to_admin_menu = False


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
    order = 40
    template_name = "directory/admin/overview_panel.html"

    def get_context_data(self, parent_context=None):
        _, national = authority_summary()
        missing = Counter()
        for keys in Listing.objects.published().values_list("missing_items", flat=True):
            missing.update(keys)
        labels = {key: item.label for key, item in standard.all_items().items()}
        return {
            "national": national,
            "most_missing": [(labels.get(key, key), n) for key, n in missing.most_common(5)],
        }


@hooks.register("construct_homepage_panels")
def add_your_listings_panel(request, panels_list):
    if editable_listings(request.user).exists():
        panels_list.append(YourListingsPanel(request.user))
    if roles.reads_reports(request.user):
        panels_list.append(OverviewPanel())


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
