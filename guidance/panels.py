"""The reading-level panel at the top of a guide page's editor."""

from wagtail.admin.panels import Panel

from .readability import TARGET_GRADE


class ReadabilityPanel(Panel):
    """Shows the reading level of the page as last saved, and which sentences to shorten.

    The edit view's instance is the latest revision, so the figure follows every saved draft.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "guidance/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            measure = getattr(self.instance, "readability", None)
            context["readability"] = measure() if self.instance.pk and measure else None
            context["saved"] = bool(self.instance.pk)
            context["target_grade"] = TARGET_GRADE
            return context
