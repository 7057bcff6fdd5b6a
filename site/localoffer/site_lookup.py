"""Which Wagtail site answers a request, kept by each web process.

Wagtail finds the site for every request with a query (hostname, port, default site); every
page a family reads needs it (each council's site has its own name, contacts and Local
Offer). The answer changes only when a site does, and every site change moves the directory
version with no listing named (directory/change_log.py), so each process keeps it per host and
port with `change_log.site_wide`: one light query for the version instead of Wagtail's lookup.
Done for the pages families read most - Wagtail's pages (the home page, the guide) and the
directory's pages marked `same_for_every_family`, which read the version anyway - not for
views that never ask for the site (the ORUK API, the health check).
"""

from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from directory.change_log import request_version, site_wide


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if view is not wagtail_serve and not getattr(view, "same_for_every_family", False):
            return None
        values = site_wide(
            ("site", request.get_host(), request.get_port()),
            request_version(request),
            lambda: _values_of(Site.find_for_request(request)),
        )
        # A fresh instance for each request: nothing one request loads through it (its root
        # page, which editors change without changing the site) is kept for the next.
        # Wagtail's Site.find_for_request answers from this attribute when it is set.
        request._wagtail_site = None if values is None else Site.from_db("default", FIELDS, values)
        return None


FIELDS = [field.attname for field in Site._meta.concrete_fields]


def _values_of(site):
    return None if site is None else tuple(getattr(site, name) for name in FIELDS)
