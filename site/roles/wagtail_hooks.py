from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AuthorityAccess


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
