import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long to ask a visitor to wait when the database cannot be reached (a restart or a
# fail-over takes a few seconds).
RETRY_AFTER_SECONDS = 5

UNAVAILABLE = (
    "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
    "<meta name='viewport' content='width=device-width, initial-scale=1'>"
    "<title>Sorry, the service is busy - try again in a moment</title></head><body>"
    "<main><h1>Sorry, the service is busy</h1>"
    "<p>Try again in a moment. Nothing you sent has been lost: if you were saving a change, "
    "check it was saved before you send it again.</p></main></body></html>"
)


def database_unavailable():
    """Whether the error being handled is the database being out of reach (a restart, a
    fail-over, a lost connection), which passes by itself, rather than a fault."""
    error = sys.exc_info()[1]
    return isinstance(error, OperationalError | InterfaceError)


def service_unavailable():
    """503 with Retry-After, in plain HTML: the site's layout reads the database."""
    response = HttpResponse(UNAVAILABLE, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    """Render the error in the site's layout; if even that fails, fall back to plain HTML.
    When the database is out of reach for a moment, say so and when to try again (503)."""
    if database_unavailable():
        logger.warning("Database unavailable: answered 503 to %s", request.path)
        return service_unavailable()
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the layout itself may be what is broken (e.g. the database is down)
        logger.exception("Could not render 500.html")
        return HttpResponseServerError(
            "<!doctype html><html lang='en-GB'><title>Sorry, there is a problem with the "
            "service</title><h1>Sorry, there is a problem with the service</h1>"
            "<p>Try again later.</p></html>"
        )
