"""Logins locked by django-axes after too many wrong passwords, and the officers' way to
unlock them (Settings > Locked-out logins in the admin)."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

import roles
from directory.models import LocalAuthority


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of logging in: what happened, for how long, and who can help."""
    hours = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "security/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "username": (credentials or {}).get("username", ""),
            "cooloff": f"{hours:g} hour{'' if hours == 1 else 's'}",
        },
        status=429,
    )


def may_unlock(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=roles.LOCAL_OFFER_OFFICERS).exists()
    )


def locked_attempts(user):
    """The locked logins this user may see and unlock: national staff, every one but a
    superuser's; others, those of staff acting only for authorities they act for too (a
    login naming nobody on this instance, or someone of another authority, is not theirs)."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        since = timezone.now() - timezone.timedelta(hours=settings.AXES_COOLOFF_TIME)
        attempts = attempts.filter(attempt_time__gte=since)
    User = get_user_model()
    if not user.is_superuser:
        # Never a superuser's login; and a local officer's, only their own staff's.
        attempts = attempts.exclude(
            username__in=User.objects.filter(is_superuser=True).values(User.USERNAME_FIELD)
        )
    ids = roles.authority_ids(user)
    if ids is not None:
        others = LocalAuthority.objects.exclude(pk__in=ids)
        staff = (
            User.objects.filter(
                Q(authority_access__authorities__in=ids)
                | Q(listing_links__listing__authority__in=ids)
            )
            .exclude(authority_access__national=True)
            .exclude(authority_access__authorities__in=others)
            .exclude(listing_links__listing__authority__in=others)
        )
        attempts = attempts.filter(username__in=staff.values(User.USERNAME_FIELD))
    return attempts.order_by("-attempt_time")


@require_http_methods(["GET", "POST"])
def lockouts(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        attempt = locked_attempts(request.user).filter(pk=request.POST.get("attempt") or 0).first()
        if attempt is None:
            messages.error(request, "That login is no longer locked.")
        else:
            reset(ip=attempt.ip_address, username=attempt.username)
            messages.success(request, f"Unlocked “{attempt.username}” from {attempt.ip_address}.")
        return redirect("localoffer_lockouts")
    return render(
        request,
        "security/admin/lockouts.html",
        {
            "attempts": locked_attempts(request.user)[:200],
            "page_title": "Locked-out logins",
            "header_icon": "lock",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
    )
