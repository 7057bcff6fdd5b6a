"""Security headers on every response: Content-Security-Policy (django-csp) and
Permissions-Policy.

The public site uses no JavaScript, so its policy allows none (`script-src 'none'`): an
injected script could not run. The Wagtail admin runs its own scripts and styles from this
site, and sets inline styles, so the admin (and public pages viewed by someone who can use the
admin, for Wagtail's user bar) gets ADMIN_CONTENT_SECURITY_POLICY instead. Both are in
settings/base.py.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


def _uses_admin(request):
    if request.path_info.startswith(reverse("wagtailadmin_home")):
        return True
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and _uses_admin(request):
            return PolicyParts(
                default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]),
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
