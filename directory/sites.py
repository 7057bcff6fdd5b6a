"""Which local authority's Local Offer a site, a request or a page belongs to.

Each authority that runs its Local Offer on this instance has its own Wagtail Site
(LocalAuthority.site); the default site is the national one and belongs to no authority.
"""

from .change_log import current_version, request_version, site_wide
from .models.authorities import LocalAuthority


def _authority_ids_by_site(version):
    """{site id: authority id}, kept by each process while only listings change (an authority
    or a site saved anywhere records a change that names none: change_log.site_wide), so a new
    council's site is its own in every process from its first request."""
    return site_wide(
        "authority ids by site",
        version,
        lambda: dict(
            LocalAuthority.objects.filter(site__isnull=False).values_list("site_id", "pk")
        ),
    )


def authority_id_for_site(site, version=None):
    """The id of the authority whose Local Offer this site is, or None (the national site)."""
    if site is None:
        return None
    return _authority_ids_by_site(version or current_version()).get(site.pk)


def authority_for_request(request):
    """The LocalAuthority whose site answered this request, or None on the national site."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    authority_id = authority_id_for_site(site, request_version(request))
    if authority_id is None:
        return None
    if getattr(request, "_local_authority", None) is None:
        request._local_authority = LocalAuthority.objects.get(pk=authority_id)
    return request._local_authority


def authority_id_for_page(page, version=None):
    """The authority whose site holds this page, or None for a page of the national site
    (such as the national guide). Wagtail's cached site root paths (most specific first) and
    the kept site-to-authority map: the directory version's read (give it when asking for
    many pages)."""
    from wagtail.models import Site

    by_site = _authority_ids_by_site(version or current_version())
    for root in Site.get_site_root_paths():
        if page.url_path.startswith(root.root_path):
            return by_site.get(root.site_id)
    return None
