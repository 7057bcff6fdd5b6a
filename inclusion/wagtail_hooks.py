from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from reporting import register_reports

from . import reports, views
from .models import InclusionCriterion
from .permissions import NationalCriteriaPolicy

register_permission_policy(InclusionCriterion, NationalCriteriaPolicy(InclusionCriterion))


class InclusionCriterionViewSet(SnippetViewSet):
    model = InclusionCriterion
    icon = "tick-inverse"
    menu_label = "Inclusion criteria"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "test", "live"]


register_snippet(InclusionCriterionViewSet)


@hooks.register("register_admin_urls")
def reply_urls():
    return [
        path("inclusion/replies/", views.replies, name="inclusion_replies"),
        path("inclusion/replies/<int:pk>/", views.edit_reply, name="inclusion_reply"),
    ]


class ReplyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("inclusion.change_schoolreply")


@hooks.register("register_admin_menu_item")
def reply_menu_item():
    return ReplyMenuItem(
        "Inclusion reply", reverse("inclusion_replies"), icon_name="openquote", order=215
    )


register_reports(
    "inclusion_reports",
    [("inclusion", "Inclusion criteria met", "tick-inverse", reports.CriteriaReport)],
    order=60,
)
