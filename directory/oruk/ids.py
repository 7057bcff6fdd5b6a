"""The ids of ORUK objects: a listing's is stored (`Listing.oruk_id`); every other id is derived
from it or from a name, so ids survive re-imports and re-exports."""

import functools
import uuid

from ..models.listings import ORUK_NAMESPACE

URN_SCHEME = "GB-EDU"
UKPRN_SCHEME = "GB-UKPRN"


def make_id(*parts):
    return str(uuid.uuid5(ORUK_NAMESPACE, ":".join(str(part) for part in parts)))


@functools.cache
def _mask(name):
    """A 128-bit mask that leaves a UUID's version and variant bits alone."""
    keep = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
    return uuid.uuid5(ORUK_NAMESPACE, f"mask:{name}").int & keep


# The ids of a listing's organization (for a setting), location and service_at_location: its
# own id with a fixed mask applied, so that each is stable and can be turned back into the
# listing's id with the same mask (an index lookup, not a scan).
ORGANIZATION_MASK = _mask("organization")
LOCATION_MASK = _mask("location")
SERVICE_AT_LOCATION_MASK = _mask("service_at_location")


def derived_id(oruk_id, mask):
    """The id of a listing's organization/location/service_at_location, or back again."""
    if not isinstance(oruk_id, uuid.UUID):
        oruk_id = uuid.UUID(str(oruk_id))
    return uuid.UUID(int=oruk_id.int ^ mask)


def sub_id(oruk_id, *parts):
    """The id of a part of a listing (its address, a phone, an attribute...): stable, and as
    cheap as an XOR."""
    return str(derived_id(oruk_id, _mask(":".join(parts))))


@functools.cache
def _organization_id(*parts):
    return make_id("organization", *parts)


def provider_organization_id(provider):
    return _organization_id("provider", " ".join(provider.split()).casefold())


def authority_organization_id(code):
    return _organization_id("authority", code)
