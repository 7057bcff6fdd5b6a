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


SEARCH_PATH = "/directory/"
MAX_BACK_LENGTH = 2000


def back_to_results(text):
    """The family's search, from a profile's `back` (what the result card linked with): only
    the directory's own search page, or None. The link returns to that search, not a bare
    /directory/ (GOV.UK's back link, without JavaScript)."""
    text = text or ""
    if (
        len(text) > MAX_BACK_LENGTH
        or not (text == SEARCH_PATH or text.startswith(SEARCH_PATH + "?"))
        or any(character in text for character in "\r\n\\#")
    ):
        return None
    return text
