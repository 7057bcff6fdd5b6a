"""Postcodes and coordinates.

- Postcodes are normalised the same way everywhere: upper case, one space before the inward code
  ("sw1a1aa" -> "SW1A 1AA").
- GIAS gives British National Grid eastings and northings (EPSG:27700); the directory stores
  WGS84 latitude and longitude (EPSG:4326). PROJ's transformation without the OSTN15 grid file is
  accurate to a few metres, which is ample for "how far is this school".
"""

import math
import re
from functools import lru_cache

POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
EARTH_RADIUS_KM = 6371.0088


def normalise_postcode(value):
    """A full postcode in its usual written form, or None if it is not one."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else None


def normalise_outward_code(value):
    compact = re.sub(r"\s+", "", value or "").upper()
    return compact if OUTWARD_CODE.match(compact) else None


@lru_cache(maxsize=1)
def _bng_transformer():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def bng_to_wgs84(eastings, northings):
    """Lists of eastings and northings -> lists of (latitude, longitude), rounded to ~1 m."""
    if not eastings:
        return []
    longitudes, latitudes = _bng_transformer().transform(eastings, northings)
    return [(round(lat, 6), round(lon, 6)) for lat, lon in zip(latitudes, longitudes, strict=True)]


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
