"""Which published listings (and organizations) an ORUK request asks for, loaded for export in
a fixed number of queries whatever their number: the ids first, then the listings on them
(directory/oruk/export.py, `load_listings`)."""

import math
import uuid

from django.db.models import Q

from .. import geo
from ..models import Listing, LocalAuthority, Postcode, Service
from ..oruk.export import authority_organization_json, load_listings, provider_organization_json
from ..oruk.ids import (
    ORGANIZATION_MASK,
    authority_organization_id,
    derived_id,
    provider_organization_id,
)
from ..oruk.taxonomies import TAXONOMIES_BY_ID, TERMS_BY_ID, taxonomy_filter
from .errors import BadParameter, NotFound
from .feeds import feed_for
from .paging import in_chunks
from .parameters import int_param, modified_after, search_text, uuid_param

MAX_PROXIMITY_METRES = 200_000

HAS_LOCATION = Q(latitude__isnull=False, longitude__isnull=False) | (
    ~Q(address_1="") & ~Q(town="") & ~Q(postcode="")
)


def published_listings(request):
    """The feed's published listings with the parameters shared by /services and
    /service_at_locations."""
    feed = feed_for(request)
    listings = feed.listings(Listing.objects.filter(live=True))
    search = search_text(request)
    if search:
        listings = listings.filter(
            Q(name__icontains=search)
            | Q(summary__icontains=search)
            | Q(description__icontains=search)
        )
    term_id = uuid_param(request, "taxonomy_term_id")
    if term_id:
        term = TERMS_BY_ID.get(term_id)
        listings = listings.filter(term.filter()) if term else listings.none()
    taxonomy_id = uuid_param(request, "taxonomy_id")
    if taxonomy_id:
        taxonomy = TAXONOMIES_BY_ID.get(taxonomy_id)
        listings = listings.filter(taxonomy_filter(taxonomy)) if taxonomy else listings.none()
    organization_id = uuid_param(request, "organization_id")
    if organization_id:
        listings = listings.filter(_organization_filter(organization_id, feed))
    after = modified_after(request)
    if after:
        listings = listings.filter(last_published_at__gte=after)
    return listings


def _organization_filter(organization_id, feed):
    """The listings of one organization: a setting (its own), a provider or an authority."""
    setting_id = derived_id(organization_id, ORGANIZATION_MASK)
    matches = Q(kind="setting", oruk_id=setting_id)
    provider = provider_named(organization_id, feed)
    if provider is not None:
        services = feed.listings(Service.objects.filter(live=True, provider__in=provider[1]))
        matches |= Q(pk__in=services.values("pk"))
    authorities = [feed.authority] if feed.authority else LocalAuthority.objects.only("code")
    for authority in authorities:
        if authority_organization_id(authority.code) == organization_id:
            matches |= Q(
                pk__in=Service.objects.filter(authority=authority, provider="").values("pk")
            )
    return matches


def providers(feed):
    """{casefolded name: (name, [spellings])} of the providers of the feed's published
    services: one organization however its name was spaced or capitalised."""
    found = {}
    live = feed.listings(Service.objects.filter(live=True)).exclude(provider="")
    for provider in live.values_list("provider", flat=True).distinct():
        name = " ".join(provider.split())
        found.setdefault(name.casefold(), (name, []))[1].append(provider)
    return found


def provider_named(organization_id, feed):
    """(name, spellings) of the provider with this organization id, or None."""
    for name, spellings in providers(feed).values():
        if provider_organization_id(name) == organization_id:
            return name, spellings
    return None


def page_ids(listings, page, per_page):
    start = (page - 1) * per_page
    return list(
        listings.order_by("name", "pk").values_list("pk", flat=True)[start : start + per_page]
    )


def in_order(ids):
    found = load_listings(ids)
    return [found[pk] for pk in ids if pk in found]


def loaded_in_chunks(listings):
    """The listings in chunks (paging.STREAM_CHUNK), loaded for export, from one cursor over
    their ids."""
    ids = listings.order_by("name", "pk").values_list("pk", flat=True).iterator(chunk_size=2000)
    for chunk in in_chunks(ids):
        yield in_order(chunk)


def listing_by(oruk_id, what, feed):
    try:
        oruk_id = uuid.UUID(str(oruk_id))
    except ValueError:
        raise NotFound(f"No {what} has the id {str(oruk_id)[:60]!r}.") from None
    # No ordering: `first()` would sort by name, and SQLite would scan the name index.
    matches = feed.listings(Listing.objects.filter(live=True, oruk_id=oruk_id)).order_by()
    pk = next(iter(matches.values_list("pk", flat=True)[:1]), None)
    found = load_listings([pk]) if pk else {}
    if pk not in found:
        raise NotFound(f"No published {what}{_of(feed)} has the id {oruk_id}.")
    return found[pk]


def _of(feed):
    return f" of {feed.authority.name}" if feed.authority else ""


def near(request, listings):
    """With `postcode`: the located listings by distance from it, within `proximity` metres if
    given. Returns (queryset, ids in order) or (queryset, None) without a postcode."""
    raw = request.GET.get("postcode", "").strip()
    proximity = int_param(request, "proximity", None, low=1, high=MAX_PROXIMITY_METRES)
    if not raw:
        if proximity is not None:
            raise BadParameter("proximity needs a postcode.")
        return listings, None
    postcode = geo.normalise_postcode(raw)
    outward = geo.normalise_outward_code(raw)
    if postcode:
        point = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude")
        point = point.first()
    elif outward:
        rows = list(Postcode.objects.filter(outward=outward).values_list("latitude", "longitude"))
        point = (
            (sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows))
            if rows
            else None
        )
    else:
        raise BadParameter(f"postcode {raw[:20]!r} is not a UK postcode.")
    if point is None:
        raise BadParameter(f"postcode {raw[:20]!r} is not in this directory's postcode table.")
    latitude, longitude = point
    located = listings.filter(latitude__isnull=False, longitude__isnull=False)
    if proximity is not None:
        km = proximity / 1000
        dlat = km / 111.0
        dlon = km / (111.320 * max(0.01, math.cos(math.radians(latitude))))
        located = located.filter(
            latitude__range=(latitude - dlat, latitude + dlat),
            longitude__range=(longitude - dlon, longitude + dlon),
        )
    rows = []
    for pk, lat, lon, name in located.values_list("pk", "latitude", "longitude", "name"):
        distance = geo.distance_km(latitude, longitude, lat, lon)
        if proximity is None or distance * 1000 <= proximity:
            rows.append((distance, name, pk))
    rows.sort()
    return located, [pk for _, _, pk in rows]


# --- Organizations -----------------------------------------------------------------------------


def organization_rows(request):
    """Every organization: the providers' and authorities' sorted by name, as (name, key) where
    key is ("provider", name, spellings) or ("authority", code, name); then the settings, read
    from the database page by page (a queryset). Providers and authorities are a few thousand
    at most, so they are listed whole."""
    feed = feed_for(request)
    search = search_text(request).casefold()
    live_services = feed.listings(Service.objects.filter(live=True))
    codes = set(live_services.filter(provider="").values_list("authority__code", flat=True))
    authorities = LocalAuthority.objects.filter(code__in=codes).values_list("code", "name")
    named = providers(feed).values()
    others = [(name, ("provider", name, spellings)) for name, spellings in named]
    others += [(name, ("authority", code, name)) for code, name in authorities]
    if search:
        others = [row for row in others if search in row[0].casefold()]
    others.sort(key=lambda row: (row[0].casefold(), row[1][:2]))
    settings = feed.listings(Listing.objects.filter(live=True, kind="setting"))
    if search:
        settings = settings.filter(name__icontains=search)
    return others, settings


def organization_key(organization_id, feed):
    """The key (as organization_rows gives) of the feed's organization with this id, or
    None."""
    setting_id = derived_id(organization_id, ORGANIZATION_MASK)
    matches = Listing.objects.filter(live=True, kind="setting", oruk_id=setting_id).order_by()
    pk = next(iter(feed.listings(matches).values_list("pk", flat=True)[:1]), None)
    if pk:
        return ("setting", pk)
    provider = provider_named(organization_id, feed)
    if provider is not None:
        return ("provider", *provider)
    live = feed.listings(Service.objects.filter(live=True, provider=""))
    codes = live.values_list("authority__code")
    codes = {code for (code,) in codes}
    for code, name in LocalAuthority.objects.filter(code__in=codes).values_list("code", "name"):
        if authority_organization_id(code) == organization_id:
            return ("authority", code, name)
    return None


def organization_objects(keys, exporter, full, full_service, feed):
    """Organization objects for the keys of organization_rows (and ("setting", pk)), with
    their services in the feed (ids and names, or in full with full_service)."""
    wanted = Q(pk__in=[])
    if full or full_service:
        for key in keys:
            if key[0] == "provider":
                wanted |= Q(provider__in=key[2])
            elif key[0] == "authority":
                wanted |= Q(provider="", authority__code=key[1])
    services = feed.listings(Service.objects.filter(live=True)).filter(wanted)
    service_pks = list(services.values_list("pk", flat=True))
    setting_pks = [key[1] for key in keys if key[0] == "setting"]
    found = load_listings(setting_pks + service_pks)
    services_of = {}
    services = sorted(
        (found[pk] for pk in service_pks if pk in found), key=lambda s: (s.name, s.pk)
    )
    for service in services:
        key = ("provider", " ".join(service.provider.split()).casefold())
        if not service.provider.strip():
            key = ("authority", service.authority.code)
        services_of.setdefault(key, []).append(service)
    objects = []
    for key in keys:
        if key[0] == "setting":
            if key[1] not in found:
                continue
            listing = found[key[1]]
            data = exporter.organization_json(listing, full=True)
            own = [listing]
        elif key[0] == "provider":
            data = provider_organization_json(key[1])
            own = services_of.get(("provider", key[1].casefold()), [])
        else:
            data = authority_organization_json(key[1], key[2])
            own = services_of.get(("authority", key[1]), [])
        if full or full_service:
            data["services"] = [exporter.service_json(s, full=full_service) for s in own]
        objects.append(data)
    return objects
