"""Whose listings an ORUK feed holds.

Each authority's own site (its host name, directory/sites.py) has its own feed: its own
schools, settings and services, nothing of its neighbours'. The national site's feed holds the
whole country, or one authority's with `local_authority=CODE` (its three-digit LA code, as in
Get Information about Schools), which is how a national aggregator pulls one council at a time.
"""

import re
from dataclasses import dataclass

from ..models import LocalAuthority
from ..sites import authority_for_request
from .errors import BadParameter

PARAMETER = "local_authority"
CODE = re.compile(r"[0-9]{3}")


@dataclass(frozen=True)
class Feed:
    authority: LocalAuthority | None  # None: every authority's listings
    own_site: bool = False  # the authority's own site, not the national feed filtered

    @property
    def key(self):
        """What tells this feed's responses from another's (in the ETag)."""
        return self.authority.code if self.authority else "national"

    def listings(self, queryset):
        """The rows of a Listing, Setting or Service queryset that this feed holds."""
        if self.authority is None:
            return queryset
        return queryset.filter(authority_id=self.authority.pk)

    def holds_authority(self, code):
        return self.authority is None or self.authority.code == code


def site_feed(request):
    """The feed of the site that answered: an authority's own, or the national one."""
    authority = authority_for_request(request)
    return Feed(authority, own_site=authority is not None)


def feed_for(request):
    """The feed a request asks for (once a request): its site's, narrowed to one authority by
    `local_authority` on the national site. A code that is not one, or names an authority
    this feed does not hold, is a BadParameter."""
    feed = getattr(request, "_oruk_feed", None)
    if feed is None:
        feed = request._oruk_feed = _feed_for(request)
    return feed


def _feed_for(request):
    feed = site_feed(request)
    raw = request.GET.get(PARAMETER, "")
    code = raw.strip()
    if not code:
        return feed
    if not CODE.fullmatch(code):
        raise BadParameter(
            f"{PARAMETER} must be a local authority's three-digit code (its LA code in Get "
            f"Information about Schools), like 990, not {raw[:20]!r}."
        )
    if feed.own_site:
        if code != feed.authority.code:
            raise BadParameter(
                f"This is {feed.authority.name}'s own feed: it holds only its listings "
                f"({PARAMETER} {feed.authority.code}). For another authority's, ask the "
                f"national site's feed with {PARAMETER}={code}."
            )
        return feed
    authority = LocalAuthority.objects.filter(code=code).first()
    if authority is None:
        raise BadParameter(
            f"No local authority in this directory has the code {code}. The API's page, "
            "/api/oruk/docs/, lists the codes."
        )
    return Feed(authority)
