"""How long a login lasts: ADMIN_SESSION_IDLE_SECONDS without a request, and at most
ADMIN_SESSION_MAX_SECONDS after logging in however active (settings/base.py). After either,
the next request is anonymous and the admin asks for the password (and code) again."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

STARTED, LAST_SEEN = "login_started_at", "login_last_seen_at"
# Writing the session on every request costs a database write; once a minute is enough.
TOUCH_EVERY = 60


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.get(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > settings.ADMIN_SESSION_IDLE_SECONDS:
                reason = "You were logged out after a period without activity. Log in again."
            elif now - started > settings.ADMIN_SESSION_MAX_SECONDS:
                reason = "You were logged out because you logged in a long time ago."
            else:
                reason = None
                session.setdefault(STARTED, now)
                if now - last_seen >= TOUCH_EVERY or LAST_SEEN not in session:
                    session[LAST_SEEN] = now
            if reason:
                logout(request)
                messages.info(request, reason)
        return self.get_response(request)
