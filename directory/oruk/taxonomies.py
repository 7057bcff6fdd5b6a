"""Our taxonomies (needs, setting types, service categories) and their counterparts in the LGA's
ESD lists (directory/taxonomy.py), as ORUK publishes them, and the listings each term selects."""

import functools
from dataclasses import dataclass

from django.db.models import Q

from ..taxonomy import (
    ESD_SERVICE_TYPES,
    ESD_SERVICE_TYPES_URI,
    NEED_TYPES,
    SERVICE_GROUPS,
    BroadArea,
    ServiceCategory,
    ServiceGroup,
    SettingType,
    esd_term_uri,
    need_codes_in,
    need_mask,
)
from .ids import make_id


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None

    @functools.cached_property
    def id(self):
        return make_id("taxonomy", self.key)


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    code: str
    name: str
    description: str
    parent_code: str | None = None
    term_uri: str | None = None
    # What the term selects in our data: need codes, or listing types (setting types and
    # service categories, as in Listing.listing_type).
    needs: tuple = ()
    listing_types: tuple = ()

    @functools.cached_property
    def id(self):
        return make_id("taxonomy_term", self.taxonomy.key, self.code)

    @functools.cached_property
    def parent_id(self):
        if self.parent_code is None:
            return None
        return make_id("taxonomy_term", self.taxonomy.key, self.parent_code)

    def filter(self):
        """The listings this term describes, as a filter on Listing."""
        if self.needs:
            return Q(need_mask__any_bit=need_mask(self.needs))
        return Q(listing_type__in=self.listing_types)


NEEDS = Taxonomy(
    "local-offer-needs",
    "SEND needs",
    "The four broad areas of need of the SEND Code of Practice 2015 (paragraphs 6.28 to 6.35) "
    "and, within them, the DfE's types of special educational need used in the school census "
    "and Get Information about Schools.",
    version="2015",
)
SETTING_TYPES = Taxonomy(
    "local-offer-setting-types",
    "Types of school and setting",
    "The kinds of education setting in a Local Offer: mainstream, special, resourced provision, "
    "alternative provision, early years, post-16 and independent special.",
)
SERVICE_CATEGORIES = Taxonomy(
    "local-offer-service-categories",
    "SEND service categories",
    "The services a Local Offer must cover (SEND Regulations 2014, Schedule 2), in five groups: "
    "health, social care, information and advice, everyday life, preparing for adulthood.",
)
ESD_SERVICES = Taxonomy(
    "esd-service-types",
    "LGA ESD service types",
    "Types of service from the LGA's Electronic Service Delivery Services List that match our "
    "service categories (only the matches checked against the list).",
    uri=ESD_SERVICE_TYPES_URI,
)
TAXONOMIES = (NEEDS, SETTING_TYPES, SERVICE_CATEGORIES, ESD_SERVICES)


def _terms():
    terms = []
    for area in BroadArea:
        codes = tuple(need.code for need in NEED_TYPES if need.broad_area == area)
        terms.append(
            Term(
                NEEDS,
                area.value,
                area.label,
                f"Broad area of need: {area.label}.",
                None,
                needs=codes,
            )
        )
    for need in NEED_TYPES:
        description = f"{need.name} ({need.code})."
        terms.append(
            Term(NEEDS, need.code, need.name, description, need.broad_area, needs=(need.code,))
        )
    for setting_type in SettingType:
        terms.append(
            Term(
                SETTING_TYPES,
                setting_type.value,
                setting_type.label,
                f"{setting_type.label}.",
                listing_types=(setting_type.value,),
            )
        )
    for group in ServiceGroup:
        members = tuple(c.value for c, g in SERVICE_GROUPS.items() if g == group)
        terms.append(
            Term(
                SERVICE_CATEGORIES,
                f"group-{group.value}",
                group.label,
                f"{group.label} services.",
                listing_types=members,
            )
        )
    for category in ServiceCategory:
        terms.append(
            Term(
                SERVICE_CATEGORIES,
                category.value,
                category.label,
                f"{category.label}.",
                f"group-{SERVICE_GROUPS[category].value}",
                listing_types=(category.value,),
            )
        )
    # One term per ESD type, selecting every category that maps to it.
    esd_types = {}
    for category, (label, identifier) in ESD_SERVICE_TYPES.items():
        esd_types.setdefault((identifier, label), []).append(category.value)
    for (identifier, label), categories in esd_types.items():
        terms.append(
            Term(
                ESD_SERVICES,
                identifier,
                label,
                f"ESD service type {identifier}: {label}.",
                term_uri=esd_term_uri(identifier),
                listing_types=tuple(categories),
            )
        )
    return tuple(terms)


TERMS = _terms()
TERMS_BY_ID = {term.id: term for term in TERMS}
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}
TERMS_BY_CODE = {(term.taxonomy.key, term.code): term for term in TERMS}


def taxonomy_filter(taxonomy):
    """The listings that carry any term of this taxonomy."""
    if taxonomy is NEEDS:
        return ~Q(need_mask=0)
    if taxonomy is ESD_SERVICES:
        return Q(listing_type__in=[c.value for c in ESD_SERVICE_TYPES])
    if taxonomy is SETTING_TYPES:
        return Q(kind="setting")
    return Q(kind="service")


def listing_terms(listing):
    """The taxonomy terms that describe a listing, ours first, then the ESD ones."""
    codes = need_codes_in(listing.need_mask)
    terms = []
    if listing.kind == "setting":
        terms.append(TERMS_BY_CODE[(SETTING_TYPES.key, listing.setting_type)])
    elif listing.category:
        terms.append(TERMS_BY_CODE[(SERVICE_CATEGORIES.key, listing.category)])
        if listing.category in ESD_SERVICE_TYPES:
            identifier = ESD_SERVICE_TYPES[listing.category][1]
            terms.append(TERMS_BY_CODE[(ESD_SERVICES.key, identifier)])
    terms += [TERMS_BY_CODE[(NEEDS.key, code)] for code in codes]
    return terms


NEED_ORDER = {need.code: index for index, need in enumerate(NEED_TYPES)}


def need_codes_order(code):
    return NEED_ORDER.get(code, len(NEED_ORDER))
