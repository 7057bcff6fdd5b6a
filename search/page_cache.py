"""Whole pages kept rendered for families: the directory search and listing profiles, for
visitors who are not signed in and have no shortlist (almost every visit), marked in their
views with `directory.views.caching.same_for_every_family`.

A page is kept two ways, both never older than what it shows:

- by the directory version (directory/change_log.py: every change to a listing, an authority,
  a site or its settings makes a new one), the host (each site has its own name and contacts)
  and the full URL: a repeat visit costs one query;
- by what the page says (`unchanged_page`): after a change the view works out its answers
  again - a search's total, facet counts and the ids on the page, a profile's listing - which
  costs a few milliseconds from the facet index, and if they are the same as a page kept
  earlier and none of the listings it shows has changed since, that page is served. An
  editor's publish then re-renders only the pages it changes, not every page on the site.
  What else a page shows (authorities, sites, their settings) changes the version with no
  listing named, and then nothing kept earlier is reused.

Each family page says how it was served in the `X-Page-Served` header (SERVED_AS below), so a
stale page can be diagnosed from outside.

Pages are rendered with a placeholder where forms carry the CSRF token, filled in with each
visitor's own token: no token is ever shared. Kept compressed in the "pages" cache: in
production files shared by a machine's web processes, or Redis (settings/production.py); each
process's memory otherwise.
"""

import time
import zlib
from functools import partial

from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from directory import change_log
from directory.views.shortlist import shortlisted

from .cache import TIMEOUT, key

CSRF_PLACEHOLDER = "csrf-token-for-this-request"
# A page found unchanged after a change is served again at most this long after it was
# rendered: a bound on anything a page could show wrongly, however popular it is.
RECHECKED_FOR_AT_MOST = TIMEOUT
# The token is filled in only where `{% csrf_token %}` wrote the placeholder: the same words in
# anything an editor wrote (a link, a description) are escaped differently and stay as they are.
TOKEN_FIELD = f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'.encode()

# How a page was served, in the X-Page-Served header:
SERVED_AS = {
    "kept": "the page kept for this URL at the current directory version",
    "re-checked": "after a change, a page kept earlier: its answers are the same and none of "
    "the listings it shows has changed since",
    "rendered": "rendered now, and kept for the next family",
    "not-cacheable": "rendered for this visitor only (signed in, a shortlist, a form sent, "
    "or a page that is not kept)",
}
HEADER = "X-Page-Served"


def csrf_placeholder(request):
    """Context processor: while a page is rendered for the page cache, `{% csrf_token %}`
    writes the placeholder."""
    if getattr(request, "rendering_for_page_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


# Both keys hold the date: pages say what is out of date (a listing not checked for a year, a
# waiting time stated too long ago) by today's date, so none is kept past midnight.
def page_key(version, host, full_path):
    return key("page", version, [host, full_path, timezone.localdate().isoformat()])


def answers_key(host, full_path, answers):
    return key("answers", "any", [host, full_path, answers, timezone.localdate().isoformat()])


def cached_page(page_key):
    compressed = caches["pages"].get(page_key)
    return None if compressed is None else zlib.decompress(compressed)


def is_same_for_everyone(request):
    # A visitor with a message waiting (what their last shortlist change did) sees it on the
    # page, so theirs is not the page everyone gets.
    return (
        not request.user.is_authenticated
        and not shortlisted(request)
        and "messages" not in request.COOKIES
    )


def unchanged_page(request, answers, shows):
    """`directory.views.caching.kept_page` for a view rendered for the page cache: the page
    kept with the same answers and host and URL, if none of the listings it shows has
    changed since it was rendered (the change log, directory/change_log.py, names each listing
    changed; a change naming none may have changed anything)."""
    shows = sorted(shows)
    kept_as = answers_key(request.get_host(), request.get_full_path(), answers)
    request.page_answers = (kept_as, shows)
    kept = caches["pages"].get(kept_as)
    if kept is None:
        return None
    change_id, token, kept_shows, compressed, rendered_at = kept
    if kept_shows != shows or time.time() - rendered_at > RECHECKED_FOR_AT_MOST:
        return None
    changed = change_log.listings_changed_since(
        (change_id, token), change_log.request_version(request)
    )
    if changed is None or not changed[1].isdisjoint(shows):
        return None
    response = HttpResponse(zlib.decompress(compressed))
    response.compressed, response.rendered_at = compressed, rendered_at
    response[HEADER] = "re-checked"
    return response


class FamilyPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response and response.get("Content-Type", "").startswith("text/html"):
            response[HEADER] = "not-cacheable"
        return response

    def process_view(self, request, view, args, kwargs):
        if not getattr(view, "same_for_every_family", False) or request.method != "GET":
            return None
        if not is_same_for_everyone(request):
            return None
        version = change_log.request_version(request)  # the view reads the same
        cache_key = page_key(version, request.get_host(), request.get_full_path())
        content = cached_page(cache_key)
        if content is not None:
            response = HttpResponse(content)
            response[HEADER] = "kept"
        else:
            # The change that made this version: what the view renders is at least this new
            # (it reads nothing older), so a change after it is one the page may not show.
            # (Not the newest change read now: one committed since the version was read would
            # be taken for shown when the page may not show it.)
            since = change_log.change_of_version(version)
            request.rendering_for_page_cache = True
            request.find_kept_page = partial(unchanged_page, request)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.streaming:
                return response
            if response.status_code == 200 and response.get("Content-Type", "").startswith(
                "text/html"
            ):
                compressed = getattr(response, "compressed", None) or zlib.compress(
                    response.content, 6
                )
                response.setdefault(HEADER, "rendered")
                pages = caches["pages"]
                pages.set(cache_key, compressed, TIMEOUT)
                if hasattr(request, "page_answers") and since is not None:
                    # Kept (again) as of this version's change: still true then. A page
                    # re-checked keeps the time it was rendered, so however often it is
                    # re-checked it is rendered afresh within RECHECKED_FOR_AT_MOST.
                    answers, shows = request.page_answers
                    rendered_at = getattr(response, "rendered_at", None) or time.time()
                    pages.set(answers, (*since, shows, compressed, rendered_at), TIMEOUT)
        response.content = response.content.replace(
            TOKEN_FIELD, TOKEN_FIELD.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        )
        return response
