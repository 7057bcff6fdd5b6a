"""Admin wiring for login security: locked-out logins (and two-factor authentication)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import lockouts


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
