"""Admin wiring for login security: locked-out logins (and two-factor authentication)."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.permissions import register_permission_policy

from home.models import AuthoritySettings

from . import lockouts, scoped_admin_views, two_factor
from .authority_rule import AuthoritySitesPolicy


@hooks.register("register_admin_urls")
def register_security_urls():
    return [path("lockouts/", lockouts.lockouts, name="localoffer_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return lockouts.may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(
        "Locked-out logins", reverse("localoffer_lockouts"), icon_name="lock", order=900
    )


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/verify/", two_factor.verify, name="localoffer_2fa_verify"),
        path("two-factor/setup/", two_factor.setup, name="localoffer_2fa_setup"),
        path("two-factor/", two_factor.manage, name="localoffer_2fa_manage"),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("localoffer_2fa_manage"),
        "label": "Two-factor authentication",
        "help_text": "A code from your phone as well as your password, and recovery codes.",
    }


@hooks.register("insert_global_admin_js")
def admin_init_script():
    """Starts the widgets whose inline scripts the admin's Content-Security-Policy forbids."""
    return format_html('<script src="{}"></script>', versioned_static("localoffer/admin-init.js"))


# The authority rule in the admin areas Wagtail brings (admin_scope.py declares each URL's).


@hooks.register("construct_page_chooser_queryset")
def page_chooser_offers_no_other_authoritys_pages(pages, request):
    return scoped_admin_views.page_chooser_queryset(pages, request)


@hooks.register("construct_admin_api", order=100)  # after Wagtail's images and documents
def admin_api_lists_only_the_users_media(router):
    router.register_endpoint("images", scoped_admin_views.ImagesAdminAPIViewSet)
    router.register_endpoint("documents", scoped_admin_views.DocumentsAdminAPIViewSet)


register_permission_policy(AuthoritySettings, AuthoritySitesPolicy(AuthoritySettings))
