"""The family's postcode, where a page shows how far away a listing is."""

from django.db.models import Avg

from ..geo import distance_km, normalise_outward_code, normalise_postcode
from ..models import Postcode

KM_PER_MILE = 1.609344


def postcode_location(text):
    """(the postcode as written, normalised; its (latitude, longitude) or None if unknown).
    A full postcode, or an outward code (the centre of its postcodes)."""
    text = " ".join((text or "").split()).upper()[:12]
    full, outward = normalise_postcode(text), normalise_outward_code(text)
    if full:
        row = Postcode.objects.filter(postcode=full).values_list("latitude", "longitude").first()
        return full, row
    if outward:
        centre = Postcode.objects.filter(outward=outward).aggregate(
            latitude=Avg("latitude"), longitude=Avg("longitude")
        )
        found = centre["latitude"] is not None
        return outward, (centre["latitude"], centre["longitude"]) if found else None
    return text, None


def miles_from(location, listing):
    if location is None or listing.latitude is None:
        return None
    return distance_km(*location, listing.latitude, listing.longitude) / KM_PER_MILE


def distances_in_miles(listings, location):
    """Each listing's distance in miles from the family's postcode (None where unknown)."""
    return [miles_from(location, listing) for listing in listings]
