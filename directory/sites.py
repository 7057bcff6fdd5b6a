"""Which local authority's Local Offer a site, a request or a page belongs to.

Each authority that runs its Local Offer on this instance has its own Wagtail Site
(LocalAuthority.site); the default site is the national one and belongs to no authority.
"""

from django.core.cache import cache

from .models import LocalAuthority

# The mapping changes only when an officer gives an authority a site; it is read on every
# request, so it is cached (and dropped whenever an authority is saved: directory.signals).
CACHE_KEY = "directory:authority-by-site"


def _authority_ids_by_site():
    mapping = cache.get(CACHE_KEY)
    if mapping is None:
        mapping = dict(
            LocalAuthority.objects.filter(site__isnull=False).values_list("site_id", "pk")
        )
        cache.set(CACHE_KEY, mapping, 300)
    return mapping


def forget_sites():
    cache.delete(CACHE_KEY)


def authority_id_for_site(site):
    """The id of the authority whose Local Offer this site is, or None (the national site)."""
    return _authority_ids_by_site().get(site.pk) if site is not None else None


def authority_for_request(request):
    """The LocalAuthority whose site answered this request, or None on the national site."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    authority_id = authority_id_for_site(site)
    if authority_id is None:
        return None
    if getattr(request, "_local_authority", None) is None:
        request._local_authority = LocalAuthority.objects.get(pk=authority_id)
    return request._local_authority


def authority_id_for_page(page):
    """The authority whose site holds this page, or None for a page of the national site
    (such as the national guide). No query: Wagtail's cached site root paths (most specific
    first) and the cached site-to-authority map."""
    from wagtail.models import Site

    by_site = _authority_ids_by_site()
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return by_site.get(root.site_id)
    return None
