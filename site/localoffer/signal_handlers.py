"""What the project package does when something happens, connected by `connect()` from
LocalOfferConfig.ready."""

import time

from django.contrib.auth.signals import user_logged_in

from .sessions import LAST_SEEN, STARTED


def start_the_clock(sender, request, user, **kwargs):
    """A login's lifetime (sessions.py) starts when staff log in."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = now
        request.session[LAST_SEEN] = now


def connect():
    user_logged_in.connect(start_the_clock, dispatch_uid="localoffer-login-clock")
