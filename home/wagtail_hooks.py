from django.utils import timezone
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from reporting import register_reports

from .models import Feedback
from .reports import FeedbackReport


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
    list_display = ["__str__", "excerpt", "useful", "theme", "published", "created_at"]
    list_filter = ["theme", "published", "useful"]
    search_fields = ["message", "page", "you_said", "we_did"]
    list_export = [
        "created_at",
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


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet("feedback")


register_reports(
    "home_reports",
    [("feedback", "Feedback response times", "comment", FeedbackReport)],
    order=30,
)
