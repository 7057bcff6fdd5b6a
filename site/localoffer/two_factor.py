"""Two-factor authentication for the admin, with django-otp: a time-based code from an
authenticator app (TOTP, RFC 6238), and single-use recovery codes for a lost phone.

After the password, every admin page asks for a code from anyone who has set up an app, until
they give one (once per login). With REQUIRE_TWO_FACTOR on (the default under production
settings), superusers, Local Offer officers and regulators who have not set one up can reach
only the setup page. Everyone else may set it up from their account menu. A lost phone and lost
recovery codes: `python manage.py reset_two_factor USERNAME`.
"""

import base64
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import roles

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

# Reachable after the password but before the code.
ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "localoffer_2fa_verify",
}
ALLOWED_WITHOUT_DEVICE = ALWAYS_ALLOWED | {"localoffer_2fa_setup"}


def is_required_for(user):
    return bool(settings.REQUIRE_TWO_FACTOR) and (
        user.is_superuser or user.groups.filter(name__in=roles.SECOND_FACTOR_REQUIRED).exists()
    )


def has_device(user):
    return django_otp.user_has_device(user, confirmed=True)


def remove_devices(user):
    """Every second factor of the user, set up or half set up; returns how many."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed


class TwoFactorMiddleware:
    """Place after django_otp's OTPMiddleware (which sets `request.user.is_verified()`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.check(request) or self.get_response(request)

    def check(self, request):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None  # the admin refuses them anyway
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if has_device(user):
            if url_name not in ALWAYS_ALLOWED:
                return _redirect_with_next("localoffer_2fa_verify", request.get_full_path())
        elif is_required_for(user) and url_name not in ALLOWED_WITHOUT_DEVICE:
            return _redirect_with_next("localoffer_2fa_setup", request.get_full_path())
        return None


def _redirect_with_next(url_name, next_url):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
        error_messages={"required": "Enter the code.", "max_length": "That is not a code."},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isascii() or not code.isalnum():
            raise forms.ValidationError("A code has only letters and digits.")
        return code.lower()


def _admin_login_required(view):
    return login_required(view, login_url="wagtailadmin_login")


@_admin_login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of logging in: a code from the app, or a recovery code."""
    user = request.user
    if not has_device(user):
        return redirect("localoffer_2fa_setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and _throttled(user):
            form.add_error("code", WAIT)
        elif form.is_valid():
            device = _device_accepting(user, form.cleaned_data["code"])
            if device is not None:
                django_otp.login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.warning(
                        request,
                        f"You used a recovery code. {left} left: make new ones from your "
                        "account menu, under Two-factor authentication.",
                    )
                return redirect(_next_url(request))
            form.add_error("code", DID_NOT_WORK)
    return render(
        request,
        "security/two_factor/verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


def _device_accepting(user, code):
    """The confirmed device that accepts the code, each checked with its own throttle."""
    for device in django_otp.devices_for_user(user, confirmed=True):
        if django_otp.verify_token(user, device.persistent_id, code):
            return device
    return None


def _throttled(user):
    """True while every device is still waiting out its last wrong code (django-otp doubles
    the wait with each one: 1 s, 2 s, 4 s, ...)."""
    devices = list(django_otp.devices_for_user(user, confirmed=True))
    return bool(devices) and not any(device.verify_is_allowed()[0] for device in devices)


WAIT = (
    "Too many wrong codes in a row: wait a moment, then enter a new code from your app. "
    "Each wrong code doubles the wait."
)
DID_NOT_WORK = (
    "That code did not work. Enter the 6-digit code your app shows now (check your phone's "
    "clock is right), or one of your recovery codes."
)


def _qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - made here, no user text


def _spaced(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@_admin_login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Add an authenticator app: scan the QR code (or type the key), then enter a code."""
    user = request.user
    if has_device(user) and not user.is_verified():
        return _redirect_with_next("localoffer_2fa_verify", request.get_full_path())
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.cleaned_data["code"].isdigit():
            with transaction.atomic():
                if device.verify_token(form.cleaned_data["code"]):
                    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    codes = _new_recovery_codes(user)
                    django_otp.login(request, device)
                    return render(
                        request,
                        "security/two_factor/recovery_codes.html",
                        {"codes": codes, "next": _next_url(request), "first_time": True},
                    )
        form.add_error(
            None,
            "That code did not work. Enter the 6-digit code your app shows now for “"
            f"{settings.OTP_TOTP_ISSUER}”.",
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "security/two_factor/setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": _spaced(secret),
            "otpauth_uri": device.config_url,
            "required": is_required_for(user),
            "next": _next_url(request),
        },
        status=status,
    )


@_admin_login_required
@require_http_methods(["GET", "POST"])
def manage(request):
    """Your two-factor authentication: new recovery codes, or turn it off if not required."""
    user = request.user
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    required = is_required_for(user)
    if request.method == "POST" and app is not None:
        if request.POST.get("action") == "new-codes":
            return render(
                request,
                "security/two_factor/recovery_codes.html",
                {"codes": _new_recovery_codes(user), "next": reverse("localoffer_2fa_manage")},
            )
        if request.POST.get("action") == "turn-off" and not required:
            remove_devices(user)
            messages.success(request, "Two-factor authentication is off.")
            return redirect("localoffer_2fa_manage")
        return redirect("localoffer_2fa_manage")
    codes_left = StaticToken.objects.filter(device__user=user).count()
    return render(
        request,
        "security/two_factor/manage.html",
        {"app": app, "codes_left": codes_left, "required": required},
    )
