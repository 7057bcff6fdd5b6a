from .authorities import LocalAuthority, Need
from .listings import Listing, ListingEditor, ListingKind, Service, Setting

__all__ = [
    "LocalAuthority",
    "Need",
    "Listing",
    "ListingEditor",
    "ListingKind",
    "Service",
    "Setting",
]
