"""Build the family's search: structured filters as plain indexed queries, free text through
Wagtail's search API, distance by bounding box then true distance, and facet counts.

Each facet counts what the current search would find if that one filter were changed, as
families expect ("Autism (12)" next to the need checkbox). The number of queries per page is
fixed: it does not grow with the number of results.
"""

import json
import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Power
from django.utils.functional import cached_property
from wagtail.search.backends import get_search_backend

from directory.geo import distance_km, normalise_postcode
from directory.models import Listing, LocalAuthority, Postcode
from directory.taxonomy import (
    MAX_AGE,
    MIN_AGE,
    NEED_CODES,
    ServiceCategory,
    SettingType,
    need_codes_in,
    need_mask,
)

from . import cache
from .forms import DEFAULT_RADIUS, KM_PER_MILE, RADIUS_MILES, SERVICE
from .models import SearchMatch

KM_PER_DEGREE = 111.32
# Elasticsearch answers at most this many ids for filters and facets (its default window).
MAX_EXTERNAL_MATCHES = 10_000


@dataclass
class Location:
    label: str
    latitude: float
    longitude: float


def find_location(text):
    """A full postcode, or an outward code (the centre of its postcodes); None if unknown."""
    if not text:
        return None
    if normalise_postcode(text):
        found = Postcode.objects.filter(postcode=text).values_list("latitude", "longitude")
        row = found.first()
        return Location(text, *row) if row else None
    centre = Postcode.objects.filter(outward=text).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    if centre["latitude"] is None:
        return None
    return Location(text, centre["latitude"], centre["longitude"])


def kind_condition(kind):
    if kind == SettingType.RESOURCED:
        # A mainstream school with a resourced provision or SEN unit counts too.
        return Q(listing_type=kind) | Q(has_resourced_provision=True)
    if kind == SERVICE:
        return Q(kind="service")
    return Q(listing_type=kind)  # a setting type or a service category


def age_condition(age):
    return (Q(min_age__lte=age) | Q(min_age__isnull=True)) & (
        Q(max_age__gte=age) | Q(max_age__isnull=True)
    )


def id_set(ids):
    """A set of ids as one query parameter, so that the database does not re-run the text
    match for every facet: a JSON array on SQLite, an array on PostgreSQL."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


class DirectorySearch:
    def __init__(self, data, location=None, authorities=None):
        self.authorities = (
            authorities if authorities is not None else list(LocalAuthority.objects.all())
        )
        q = data.get("q") or ""
        # Words with no letters or digits ("***", '"') cannot match anything: no text search.
        self.q = q if any(character.isalnum() for character in q) else ""
        self.needs = data.get("need") or []
        self.kinds = data.get("kind") or []
        self.age = data.get("age")
        self.la = data.get("la") or ""
        self.location = location
        self.radius = data.get("radius") or DEFAULT_RADIUS
        order = data.get("order") or ""
        if order == "distance" and not location or order == "relevance" and not self.q:
            order = ""
        self.order = order or ("distance" if location else "relevance" if self.q else "name")
        self._text_ids = None
        self._in_match_table = False

    # Filters -----------------------------------------------------------------------------
    def has_filters(self):
        """Any filter besides the words."""
        return bool(self.needs or self.kinds or self.age is not None or self.la or self.location)

    def text_ids(self):
        """The listings matching the words, found once per request and handed to every
        query of the page as one parameter (`pk__in` accepts it)."""
        if self._text_ids is None:
            results = get_search_backend().search(
                self.q, Listing.objects.published(), order_by_relevance=False
            )
            table = getattr(results, "matching_table", lambda: None)()
            if table is not None:  # search/backends/sqlite.py: matches kept inside SQLite
                self._text_ids = table
                self._in_match_table = True
                return table
            if hasattr(results, "matching_ids"):
                ids = results.matching_ids()
            elif hasattr(results.query_compiler, "get_config"):  # other database backends
                compiler = results.query_compiler
                queryset = compiler.search(compiler.get_config(results.backend), None, None)
                ids = queryset.order_by().values_list("pk", flat=True)
            else:  # Elasticsearch / OpenSearch
                ids = [obj.pk for obj in results[:MAX_EXTERNAL_MATCHES]]
            self._text_ids = id_set(list(ids))
        return self._text_ids

    def box(self, radius_miles):
        km = radius_miles * KM_PER_MILE
        dlat = km / KM_PER_DEGREE
        dlon = dlat / max(math.cos(math.radians(self.location.latitude)), 0.01)
        return dlat, dlon

    def distance_filter(self, radius_miles):
        """Bounding box (indexed), then the circle (equirectangular, exact to well under 1%)."""
        dlat, dlon = self.box(radius_miles)
        lat0, lon0 = self.location.latitude, self.location.longitude
        return Q(
            latitude__range=(lat0 - dlat, lat0 + dlat),
            longitude__range=(lon0 - dlon, lon0 + dlon),
            distance_sq__lte=dlat**2,
        )

    def with_distance(self, queryset):
        lat0, lon0 = self.location.latitude, self.location.longitude
        cos0 = math.cos(math.radians(lat0))
        return queryset.annotate(
            distance_sq=Power(F("latitude") - lat0, 2)
            + Power((F("longitude") - lon0) * cos0, 2, output_field=FloatField())
        )

    def filtered(self, without=()):
        """Published listings with every filter applied except those named in `without`."""
        queryset = Listing.objects.published()
        if self.q and "q" not in without:
            ids = self.text_ids()
            if self._in_match_table:
                queryset = queryset.filter(Exists(SearchMatch.objects.filter(pk=OuterRef("pk"))))
            else:
                queryset = queryset.filter(pk__in=ids)
        if self.needs and "need" not in without:
            queryset = queryset.filter(need_mask__any_bit=need_mask(self.needs))
        if self.kinds and "kind" not in without:
            condition = Q()
            for kind in self.kinds:
                condition |= kind_condition(kind)
            queryset = queryset.filter(condition)
        if self.age is not None and "age" not in without:
            queryset = queryset.filter(age_condition(self.age))
        if self.la and "la" not in without:
            queryset = queryset.filter(authority_id=self.authority_ids.get(self.la))
        if self.location:
            queryset = self.with_distance(queryset)
            if "radius" not in without:
                queryset = queryset.filter(self.distance_filter(self.radius))
        return queryset

    # Results -----------------------------------------------------------------------------
    def results(self):
        """Something a Paginator can page through, in the chosen order."""
        queryset = self.filtered(without=("q",) if self.order == "relevance" else ())
        if self.order == "relevance":
            # The structured filters are plain SQL; the search backend sees only "these ids",
            # a filter every backend accepts (FilterField "id").
            narrowed = Listing.objects.published()
            if self.has_filters():
                narrowed = narrowed.filter(pk__in=queryset.values("pk"))
            return get_search_backend().search(self.q, narrowed, order_by_relevance=True)
        # Page through ids only (index-covered); decorate() loads the page's twenty listings.
        queryset = queryset.only("pk")
        if self.order == "distance":
            return queryset.order_by("distance_sq", "name", "pk")
        return queryset.order_by("name", "pk")

    def page_ids(self, page):
        """The ids on this page, in order (cached: ranking a broad term is the costly part)."""
        params = {**self.cache_params(), "order": self.order, "page": page.number}
        return cache.remember("page", params, lambda: [obj.pk for obj in page.object_list])

    def decorate(self, ids):
        """Load what the result cards show, in a fixed number of queries."""
        listings = Listing.objects.specific_in_bulk(ids)
        cards = []
        for pk in ids:
            listing = listings.get(pk)
            if listing is None:  # removed since the page was cached
                continue
            distance = None
            if self.location and listing.latitude is not None:
                km = distance_km(
                    self.location.latitude,
                    self.location.longitude,
                    listing.latitude,
                    listing.longitude,
                )
                distance = km / KM_PER_MILE
            cards.append({"listing": listing, "distance_miles": distance})
        return cards

    # Facets ------------------------------------------------------------------------------
    def cache_params(self):
        """Everything that decides the results, in a stable form."""
        location = self.location and (
            round(self.location.latitude, 5),
            round(self.location.longitude, 5),
        )
        return {
            "q": self.q,
            "need": sorted(self.needs),
            "kind": sorted(self.kinds),
            "age": self.age,
            "la": self.la,
            "at": location,
            "radius": self.radius,
        }

    def facets(self):
        return cache.remember(
            "facets",
            self.cache_params(),
            lambda: {
                "need": self.need_counts(),
                "kind": self.kind_counts(),
                "age": self.age_counts(),
                "la": self.authority_counts(),
                "radius": self.radius_counts() if self.location else {},
            },
        )

    def count(self, results):
        # Whatever the order, the total is the filtered set's size (the words included).
        return cache.remember("count", self.cache_params(), lambda: self.filtered().count())

    # Each facet is one GROUP BY over the listing table alone (the denormalised columns),
    # expanded into counts here: a few dozen groups, not a pass per option.
    def need_counts(self):
        counts = dict.fromkeys(NEED_CODES, 0)
        for mask, n in self._groups("need", "need_mask"):
            for code in need_codes_in(mask):
                counts[code] += n
        return counts

    def kind_counts(self):
        counts = dict.fromkeys([*SettingType.values, SERVICE, *ServiceCategory.values], 0)
        for kind, listing_type, resourced, n in self._groups(
            "kind", "kind", "listing_type", "has_resourced_provision"
        ):
            if listing_type in counts:
                counts[listing_type] += n
            if kind == SERVICE:
                counts[SERVICE] += n
            elif resourced and listing_type != SettingType.RESOURCED:
                counts[SettingType.RESOURCED] += n
        return counts

    def age_counts(self):
        counts = dict.fromkeys(range(MIN_AGE, MAX_AGE + 1), 0)
        for low, high, n in self._groups("age", "min_age", "max_age"):
            low = MIN_AGE if low is None else max(low, MIN_AGE)
            high = MAX_AGE if high is None else min(high, MAX_AGE)
            for age in range(low, high + 1):
                counts[age] += n
        return counts

    @cached_property
    def authority_ids(self):
        return {a.code: a.pk for a in self.authorities}

    def authority_counts(self):
        codes = {pk: code for code, pk in self.authority_ids.items()}
        return {codes[pk]: n for pk, n in self._groups("la", "authority_id") if pk in codes}

    def _groups(self, facet, *columns):
        return (
            self.filtered(without=(facet,)).values_list(*columns).annotate(n=Count("pk")).order_by()
        )

    def radius_counts(self):
        widest = self.filtered(without=("radius",)).filter(self.distance_filter(max(RADIUS_MILES)))
        counts = widest.aggregate(
            **{
                f"r{radius}": Count("pk", filter=Q(distance_sq__lte=self.box(radius)[0] ** 2))
                for radius in RADIUS_MILES
            }
        )
        return {radius: counts[f"r{radius}"] for radius in RADIUS_MILES}
