from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site
from wagtail.permissions import register_permission_policy

from directory.permissions import AuthorityScopedPolicy, ReachableIndexView, guard_urlpatterns
from directory.reminders import TEAM_ADDRESS_HOOK
from reporting import InertCSVMixin, register_reports

from .languages import language_of_path
from .models import AuthoritySettings, Feedback
from .reports import FeedbackReport

FEEDBACK_POLICY = AuthorityScopedPolicy(Feedback, "authority")
register_permission_policy(Feedback, FEEDBACK_POLICY)


class FeedbackIndexView(InertCSVMixin, ReachableIndexView):
    """Officers answer, and regulators read, the feedback of the authorities they act for; its
    CSV export is safe to open (public messages may start with "=")."""


class FeedbackEditView(EditView):
    def save_instance(self):
        # Record who answered and when, the first time a response is written or changed.
        if "we_did" in self.form.changed_data and self.form.cleaned_data.get("we_did"):
            self.form.instance.responded_at = timezone.now()
            self.form.instance.responded_by = self.request.user
        return super().save_instance()


class FeedbackViewSet(ModelViewSet):
    # Feedback arrives from the public form; no role has "add", so the admin offers no Add.
    model = Feedback
    icon = "comment"
    menu_label = "Feedback"
    menu_order = 300
    add_to_admin_menu = True
    url_prefix = "feedback"
    edit_view_class = FeedbackEditView
    list_display = [
        "__str__",
        "excerpt",
        "authority",
        "useful",
        "theme",
        "published",
        "created_at",
    ]
    list_filter = ["authority", "theme", "published", "useful"]
    search_fields = ["message", "page", "you_said", "we_did"]
    list_export = [
        "created_at",
        "authority",
        "page",
        "useful",
        "message",
        "theme",
        "you_said",
        "we_did",
        "responded_at",
        "published",
    ]
    export_filename = "local-offer-feedback"

    index_view_class = FeedbackIndexView

    @cached_property
    def permission_policy(self):
        return FEEDBACK_POLICY

    def get_urlpatterns(self):
        return guard_urlpatterns(super().get_urlpatterns(), FEEDBACK_POLICY)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")


register_reports(
    "home_reports",
    [("feedback", "Feedback response times", "comment", FeedbackReport)],
    order=30,
)


@hooks.register(TEAM_ADDRESS_HOOK)
def local_offer_team_address(listing):
    """The listing's authority's Local Offer team (its site's settings), else the national
    site's."""
    authority = getattr(listing, "authority", None)
    site = getattr(authority, "site", None) or Site.objects.filter(is_default_site=True).first()
    return AuthoritySettings.for_site(site).contact_email if site else ""


@hooks.register("before_serve_page")
def serve_page_in_its_own_language(page, request, args, kwargs):
    """A page asked for under another language's prefix that has no live translation there
    (Wagtail then routes to the English page) is sent to its own address: a family is never
    shown English under a Polish address and told it is Polish."""
    code = language_of_path(request)
    if code is not None and page.locale.language_code != code:
        return redirect(page.get_url(request))
    return None
