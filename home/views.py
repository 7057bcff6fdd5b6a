from itertools import groupby

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.sites import authority_for_request

from .feedback import FeedbackForm, over_rate_limit
from .models import Feedback, FeedbackTheme


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when this worker can query the database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_http_methods(["GET", "POST"])
def feedback(request):
    """Give feedback, and read what others said and what the Local Offer team did."""
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if over_rate_limit(request):
            form.add_error(None, "You have sent a lot of feedback just now. Try again later.")
            status = 429
        elif form.is_valid():
            if not form.is_spam:
                Feedback.objects.create(
                    authority=authority_for_request(request),
                    page=form.cleaned_data["page"],
                    useful=form.cleaned_data["useful"],
                    message=form.cleaned_data["message"],
                )
            return redirect("/feedback/thanks/")
        else:
            status = 400
    else:
        form = FeedbackForm(initial={"page": _safe_page(request.GET.get("page", ""))})
    themes = dict(FeedbackTheme.choices)
    # An authority's site shows what its own families said; the national site shows all.
    published = Feedback.objects.filter(published=True).order_by("theme", "-responded_at")
    authority = authority_for_request(request)
    if authority is not None:
        published = published.filter(authority=authority)
    grouped = [
        (themes.get(theme, theme), list(items))
        for theme, items in groupby(published, key=lambda item: item.theme)
    ]
    return render(request, "home/feedback.html", {"form": form, "grouped": grouped}, status=status)


@require_GET
def feedback_thanks(request):
    return render(request, "home/feedback_thanks.html")


def _safe_page(path):
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) else ""
