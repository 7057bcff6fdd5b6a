"""This process's published listings near each place searched recently.

A search with a postcode needs every published listing within the widest radius, nearest
first (the results in distance order, and the counts for each radius): a bounding-box query
returning a few thousand rows at national scale, sorted here. For each place searched
recently (MAX_PLACES of them) the rows are kept (directory.change_log.Kept), like the facet
index (search/facets.py) and the rankings of words (search/rankings.py): when the version
moves, only the listings changed since are read again (one query, among those ids) and put in
their new place; a bulk change, a gap in the change log or more than MAX_INCREMENTAL changed
listings reads the place afresh.
"""

import math
from array import array
from bisect import bisect_right

from django.db.models import F, FloatField
from django.db.models.functions import Power

from directory.change_log import Kept
from directory.models import Listing

from .facets import facet_index, moved
from .options import KM_PER_MILE, RADIUS_MILES

KM_PER_DEGREE = 111.32
MAX_PLACES = 64


def box(latitude, radius_miles):
    """(degrees of latitude, degrees of longitude) spanning `radius_miles` at this latitude."""
    dlat = radius_miles * KM_PER_MILE / KM_PER_DEGREE
    return dlat, dlat / max(math.cos(math.radians(latitude)), 0.01)


def _rows_near(latitude, longitude, among=None):
    """[(distance_sq, pk)] of published listings within the widest radius: the bounding box
    (indexed), then the circle (equirectangular, exact to well under 1% at these
    distances)."""
    dlat, dlon = box(latitude, max(RADIUS_MILES))
    cos0 = math.cos(math.radians(latitude))
    rows = Listing.objects.published()
    if among is not None:
        rows = rows.filter(pk__in=among)
    return list(
        rows.annotate(
            distance_sq=Power(F("latitude") - latitude, 2)
            + Power((F("longitude") - longitude) * cos0, 2, output_field=FloatField())
        )
        .filter(
            latitude__range=(latitude - dlat, latitude + dlat),
            longitude__range=(longitude - dlon, longitude + dlon),
            distance_sq__lte=dlat**2,
        )
        .values_list("distance_sq", "pk")
    )


class Nearby:
    """Listings near one place, nearest first; equally near (the same postcode), A to Z as
    the facet index orders names. Two arrays, 16 bytes a listing."""

    def __init__(self, index, rows):
        keys = index.sort_keys
        rows = sorted(rows, key=lambda row: (row[0], keys.get(row[1], ()), row[1]))
        self.distances = array("d", [distance_sq for distance_sq, _ in rows])
        self.pks = array("q", [pk for _, pk in rows])
        self._within = None, None

    def updated(self, index, changed, reread):
        """A copy with the changed listings taken out and put back where they now are."""
        copy = Nearby.__new__(Nearby)
        copy._within = None, None
        keys = index.sort_keys
        copy.distances, copy.pks = moved(
            self.distances, self.pks, changed, reread, lambda pk: (keys.get(pk, ()), pk)
        )
        return copy

    def within(self, index, latitude):
        """{radius in miles: bits (of the facet index) of the listings within it}."""
        made_for, found = self._within
        if made_for is not index:
            found = {}
            for radius in RADIUS_MILES:
                # Nearest first: those within a radius are a prefix of the list.
                end = bisect_right(self.distances, box(latitude, radius)[0] ** 2)
                found[radius] = index.bits_of(self.pks[:end])
            self._within = index, found
        return found


class KeptPlaces(Kept):
    """Keyed by (latitude, longitude) rounded to a tenth of a metre or so."""

    name = "listings near places searched"
    most = MAX_PLACES

    def build(self, place, version):
        return Nearby(facet_index(version), _rows_near(*place))

    def update(self, place, nearby, version, listing_ids):
        reread = _rows_near(*place, among=listing_ids)
        return nearby.updated(facet_index(version), listing_ids, reread)

    def view(self, nearby):
        return list(zip(nearby.distances, nearby.pks, strict=True))


_kept = KeptPlaces()


def near(latitude, longitude, version):
    """The listings near this place at `version`."""
    return _kept.get(version, (round(latitude, 6), round(longitude, 6)))
