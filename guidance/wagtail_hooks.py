from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import roles
from directory.accountability import COVERAGE_PAGES_HOOK
from reporting import register_reports

from .models import GlossaryTerm, ParentCarerForum
from .reports import OverdueGuideChecksReport
from .reviews import current_pages_by_category, overdue_checks


class ParentCarerForumViewSet(SnippetViewSet):
    model = ParentCarerForum
    icon = "group"
    menu_label = "Parent carer forums"
    list_display = ["name", "authority", "contact_email"]
    search_fields = ["name"]


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


class OverdueChecksPanel(Component):
    """On officers' and regulators' dashboards: the guide pages past their check date."""

    name = "overdue_guide_checks"
    order = 45
    template_name = "guidance/admin/overdue_checks_panel.html"

    def get_context_data(self, parent_context=None):
        return {"checks": overdue_checks()}


@hooks.register("construct_homepage_panels")
def add_overdue_checks_panel(request, panels_list):
    if roles.reads_reports(request.user):
        panels_list.append(OverdueChecksPanel())
