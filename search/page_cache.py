"""Whole pages kept rendered for families: the directory search and listing profiles, for
visitors who are not signed in and have no shortlist (almost every visit), marked in their
views with `directory.views.caching.same_for_every_family`.

A page is keyed by the directory version (search/cache.py: every change to a listing, an
authority, a site or its settings makes a new one), the host (each site has its own name and
contacts) and the full URL, so it is never older than what it shows. Pages are rendered with a
placeholder where forms carry the CSRF token, filled in with each visitor's own token: no token
is ever shared. Kept compressed in the "pages" cache: in production files shared by a
machine's web processes, or Redis (settings/production.py); each process's memory otherwise.
"""

import zlib

from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token

from directory.views.shortlist import shortlisted

from .cache import TIMEOUT, data_version, key

CSRF_PLACEHOLDER = "csrf-token-for-this-request"


def csrf_placeholder(request):
    """Context processor: while a page is rendered for the page cache, `{% csrf_token %}`
    writes the placeholder."""
    if getattr(request, "rendering_for_page_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def page_key(version, host, full_path):
    return key("page", version, [host, full_path])


def cached_page(page_key):
    compressed = caches["pages"].get(page_key)
    return None if compressed is None else zlib.decompress(compressed)


def keep_page(page_key, content):
    caches["pages"].set(page_key, zlib.compress(content, 6), TIMEOUT)


def is_same_for_everyone(request):
    return not request.user.is_authenticated and not shortlisted(request)


class FamilyPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if not getattr(view, "same_for_every_family", False) or request.method != "GET":
            return None
        if not is_same_for_everyone(request):
            return None
        # The view reads the same version (one query for both).
        request.directory_version = data_version()
        cache_key = page_key(request.directory_version, request.get_host(), request.get_full_path())
        content = cached_page(cache_key)
        if content is not None:
            response = HttpResponse(content)
        else:
            request.rendering_for_page_cache = True
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.streaming:
                return response
            if response.status_code == 200 and response.get("Content-Type", "").startswith(
                "text/html"
            ):
                keep_page(cache_key, response.content)
        response.content = response.content.replace(
            CSRF_PLACEHOLDER.encode(), get_token(request).encode()
        )
        return response
