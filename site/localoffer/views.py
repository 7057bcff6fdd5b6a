import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    """Render the error in the site's layout; if even that fails, fall back to plain HTML."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the layout itself may be what is broken (e.g. the database is down)
        logger.exception("Could not render 500.html")
        return HttpResponseServerError(
            "<!doctype html><html lang='en-GB'><title>Sorry, there is a problem with the "
            "service</title><h1>Sorry, there is a problem with the service</h1>"
            "<p>Try again later.</p></html>"
        )
