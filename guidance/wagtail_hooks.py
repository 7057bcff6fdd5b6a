from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import roles
from directory.accountability import COVERAGE_PAGES_HOOK
from reporting import register_reports

from . import views
from .models import GlossaryTerm, ParentCarerForum
from .models.coproduction import is_forum_member
from .models.signoff import (
    FORUM_SIGN_OFF,
    PUBLISH_WITHOUT_SIGN_OFF,
    SignOffRequiredPage,
    has_sign_off,
)
from .reports import OverdueGuideChecksReport
from .reviews import current_pages_by_category, overdue_checks


class SignOffOnlyPolicy(ModelPermissionPolicy):
    """Nobody publishes a glossary term by hand, not even a superuser: terms go live through
    the guide's workflow, when the forum signs them off (the model refuses anything else)."""

    def user_has_permission(self, user, action):
        return action != "publish" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "publish"])


register_permission_policy(GlossaryTerm, SignOffOnlyPolicy(GlossaryTerm))


class OwnForumsMixin:
    def get_object_list(self):
        return roles.within_authorities(self.request.user, super().get_object_list())


class OwnForumsChooseView(OwnForumsMixin, ChooseView):
    pass


class OwnForumsChooseResultsView(OwnForumsMixin, ChooseResultsView):
    pass


class ForumChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OwnForumsChooseView
    choose_results_view_class = OwnForumsChooseResultsView


class ParentCarerForumViewSet(SnippetViewSet):
    """Each forum belongs to its authority: officers keep their own forum's details; a forum
    of no authority (the national one) is for national staff."""

    model = ParentCarerForum
    icon = "group"
    menu_label = "Parent carer forums"
    chooser_viewset_class = ForumChooserViewSet
    list_display = ["name", "authority", "contact_email"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return roles.within_authorities(request.user, ParentCarerForum.objects.all())


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Words we use"
    list_display = ["term", "short_explanation"]
    search_fields = ["term", "short_explanation"]


class GuideGroup(SnippetViewSetGroup):
    menu_label = "Guide"
    menu_icon = "doc-full"
    menu_order = 210
    items = (GlossaryTermViewSet, ParentCarerForumViewSet)


register_snippet(GuideGroup)


register_reports(
    "guidance_reports",
    [("guide_checks", "Overdue guide checks", "time", OverdueGuideChecksReport)],
    order=40,
)

hooks.register(COVERAGE_PAGES_HOOK, current_pages_by_category)


# Publishing the guide: only with the forum's sign-off, or deliberately without it.


@hooks.register("register_admin_urls")
def register_sign_off_urls():
    return [
        path(
            "guide/<int:page_id>/publish-without-sign-off/",
            views.publish_page_without_sign_off,
            name="guidance_publish_without_sign_off",
        ),
        path(
            "guide/terms/<int:pk>/publish-without-sign-off/",
            views.publish_term_without_sign_off,
            name="guidance_publish_term_without_sign_off",
        ),
    ]


class PublishWithoutSignOffMenuItem(ActionMenuItem):
    label = "Publish without forum sign-off"
    name = "publish-without-sign-off"
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, SignOffRequiredPage)
            and views.can_publish_without_sign_off(page, context["request"].user)
        )

    def get_url(self, parent_context):
        return reverse("guidance_publish_without_sign_off", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def publish_without_sign_off_menu_item():
    return PublishWithoutSignOffMenuItem()


class PublishTermWithoutSignOffMenuItem(SnippetActionMenuItem):
    label = "Publish without forum sign-off"
    name = "publish-without-sign-off"
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        return (
            context["view"] == "edit"
            and context.get("instance") is not None
            and views.can_publish_term_without_sign_off(context["request"].user)
        )

    def get_url(self, parent_context):
        return reverse(
            "guidance_publish_term_without_sign_off", args=[parent_context["instance"].pk]
        )


@hooks.register("register_snippet_action_menu_item")
def publish_term_without_sign_off_menu_item(model):
    if model is GlossaryTerm:
        return PublishTermWithoutSignOffMenuItem()
    return None


@hooks.register("register_log_actions")
def register_sign_off_log_actions(actions):
    @actions.register_action(PUBLISH_WITHOUT_SIGN_OFF)
    class PublishedWithoutSignOff(LogFormatter):
        label = "Publish without forum sign-off"

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return f"Published without the parent carer forum's sign-off. Reason: {reason}"

    actions.register_action(
        FORUM_SIGN_OFF, "Forum sign-off", "Signed off by the parent carer forum"
    )


REFUSED = (
    "Nothing in the guide goes live without the parent carer forum's sign-off. Your changes are "
    "saved as a draft: submit them to the coproduction workflow."
)


@hooks.register("before_publish_page")
def refuse_unsigned_guide_publish(request, page):
    """A new guide (added under the home page with Publish) is saved as a draft, not refused
    with an error: the model would refuse to publish it (signoff.py)."""
    if isinstance(page, SignOffRequiredPage):
        revision = page.get_latest_revision()
        if revision is None or not has_sign_off(revision):
            # The add view saves a new page as live before it publishes: it was never
            # published, so make it the draft it is.
            Page.objects.filter(pk=page.pk, live_revision__isnull=True).update(
                live=False, has_unpublished_changes=True
            )
            messages.error(request, REFUSED)
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_copy_page")
def copies_of_the_guide_start_as_drafts(request, page):
    """Copying a guide, or a branch that holds one, with "publish copies" would put its pages
    live without sign-off: refuse, and say to copy without publishing."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    from .models import GuideIndexPage

    subtree = page.get_descendants(inclusive=True) if request.POST.get("copy_subpages") else None
    holds_guide = isinstance(page.specific, SignOffRequiredPage) or (
        subtree is not None and subtree.type(GuideIndexPage).exists()
    )
    if holds_guide:
        messages.error(
            request,
            "Copies of guide pages start as drafts and go live with the parent carer forum's "
            "sign-off. Copy without “Publish copies”.",
        )
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


@hooks.register("construct_snippet_action_menu")
def no_publish_button_for_terms(menu_items, request, context):
    """Wagtail shows Publish to superusers whatever the policy says; for glossary terms it
    would only save a draft, so it is not offered (Submit is)."""
    if context.get("model") is GlossaryTerm:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class OverdueChecksPanel(Component):
    """On officers' and regulators' dashboards: the guide pages past their check date."""

    name = "overdue_guide_checks"
    order = 240  # after "Awaiting your review" and the Local Offer at a glance
    template_name = "guidance/admin/overdue_checks_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        # The viewer's own: Northbrook's officer saw Southmere's copies too, three rows alike.
        return {"checks": overdue_checks(user=self.user)}


class ForumPanel(Component):
    """A forum member's dashboard: what waits for their sign-off, their pages due for a check
    and what families said about their pages; with what to do when none of that is there."""

    name = "forum_to_do"
    order = 30
    template_name = "guidance/admin/forum_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from . import forum_dashboard

        return {
            "waiting": forum_dashboard.waiting_for_sign_off(self.user),
            "due": forum_dashboard.due_for_a_check(self.user),
            "feedback": forum_dashboard.recent_feedback(self.user),
        }


@hooks.register("construct_homepage_panels")
def add_overdue_checks_panel(request, panels_list):
    if roles.reads_reports(request.user):
        panels_list.append(OverdueChecksPanel(request.user))
    if is_forum_member(request.user):
        panels_list.append(ForumPanel(request.user))


@hooks.register("before_convert_alias_page")
def only_officers_split_a_page_from_the_national_guide(request, page):
    """A page shared from the national guide stays in step with it. Turning the council's copy
    into an ordinary page stops that, silently for families: only an officer of that site may
    (Wagtail records it in the audit log as "Convert alias"), not the forum."""
    tester = page.permissions_for_user(request.user)
    if hasattr(tester, "can_convert_alias") and not tester.can_convert_alias():
        raise PermissionDenied(
            "Only the Local Offer team can split a page from the national guide."
        )
    return None
