from .access import (
    AuthorityAccess,
    ListingEditor,
    ListingLogEntry,
    linked_listing_ids,
    sees_all_listings,
)
from .authorities import LocalAuthority, Need, Postcode
from .changes import DirectoryChange, DirectoryVersion
from .limits import WaitingTimeLimit
from .listings import Listing, ListingKind, Service, Setting
from .reminders import ListingReminder
from .snapshots import CompletenessSnapshot
from .vocabulary import SearchWords
from .workflow import LocalOfferApprovalTask

__all__ = [
    "AuthorityAccess",
    "DirectoryChange",
    "DirectoryVersion",
    "LocalAuthority",
    "Need",
    "Postcode",
    "Listing",
    "ListingEditor",
    "ListingKind",
    "ListingLogEntry",
    "ListingReminder",
    "LocalOfferApprovalTask",
    "Service",
    "CompletenessSnapshot",
    "SearchWords",
    "Setting",
    "WaitingTimeLimit",
    "linked_listing_ids",
    "sees_all_listings",
]
