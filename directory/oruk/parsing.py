"""Open Referral UK (ORUK) 3.0: the one mapping between our listings and ORUK objects.

The API (directory/api/) writes ORUK objects with the `*_json` functions here; the importer
(directory/importers/oruk.py) reads them back with `record_from_service`. Keep both directions in
this module so that what we publish is exactly what we can read.

- Every listing is one ORUK **service**. A setting (school, nursery, college) is also an
  **organization** identified by its URN (`organization_identifiers`, scheme `GB-EDU`) whose one
  service describes its SEND provision; a service belongs to its provider's organization, or to its
  local authority's when no provider is named.
- Ids are UUIDs: a listing's is stored (`Listing.oruk_id`, made with uuid5 when the listing is
  created, or the source's id when it was imported), and every other id is a uuid5 of it, so ids
  survive re-imports and re-exports.
- Optional fields are omitted, never null or empty (`compact`).
- Our taxonomies (needs, setting types, service categories) and their counterparts in the LGA's
  ESD lists (directory/taxonomy.py) are published as taxonomies; each service carries its terms
  through `attributes`.
- Each service carries the SEND profile extension, `send_profile` (documented in README.md): the
  items of the national standard that ORUK has no field for.

Field names are those of the ORUK 3.0 JSON Schemas (openreferraluk.org/specifications/3.0) and,
where the UK profile has no field, of HSDS 3.0 (`summary`, `phones`, `eligibility_description`,
`application_process`, `address_2`), which the schemas allow as extra properties.
"""

import datetime
import functools
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils import timezone

from .. import standard
from ..models.listings import ORUK_NAMESPACE
from ..taxonomy import (
    ESD_SERVICE_TYPES,
    ESD_SERVICE_TYPES_URI,
    MAX_AGE,
    MIN_AGE,
    NEED_TYPES,
    SERVICE_GROUPS,
    BroadArea,
    Phase,
    ResourcedProvision,
    SencoQualification,
    ServiceCategory,
    ServiceGroup,
    SettingType,
    esd_term_uri,
    need_codes_in,
    need_mask,
)

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/"
EXTENSION = "send_profile"
EXTENSION_VERSION = "1.0"
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


def compact(mapping):
    """Drop optional fields that have no value (None, "", [] or {}); keep False and 0."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _date(value):
    return value.isoformat() if value else None


def _datetime(value):
    if not value:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


_standard_items = functools.cache(standard.all_items)


# --- Taxonomies --------------------------------------------------------------------------------


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
_TERM = {(term.taxonomy.key, term.code): term for term in TERMS}


def taxonomy_filter(taxonomy):
    """The listings that carry any term of this taxonomy."""
    if taxonomy is NEEDS:
        return ~Q(need_mask=0)
    if taxonomy is ESD_SERVICES:
        return Q(listing_type__in=[c.value for c in ESD_SERVICE_TYPES])
    if taxonomy is SETTING_TYPES:
        return Q(kind="setting")
    return Q(kind="service")


@functools.cache
def term_json(term):
    """A term as ORUK (the same dict each time: callers must not change it)."""
    return compact(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description,
            "parent_id": term.parent_id,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": term.taxonomy.id,
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def taxonomy_json(taxonomy, with_terms=False):
    data = compact(
        {
            "id": taxonomy.id,
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    )
    if with_terms:
        data["taxonomy_terms"] = [term_json(t) for t in TERMS if t.taxonomy is taxonomy]
    return data


def listing_terms(listing):
    """The taxonomy terms that describe a listing, ours first, then the ESD ones."""
    codes = need_codes_in(listing.need_mask)
    terms = []
    if listing.kind == "setting":
        terms.append(_TERM[(SETTING_TYPES.key, listing.setting_type)])
    elif listing.category:
        terms.append(_TERM[(SERVICE_CATEGORIES.key, listing.category)])
        if listing.category in ESD_SERVICE_TYPES:
            identifier = ESD_SERVICE_TYPES[listing.category][1]
            terms.append(_TERM[(ESD_SERVICES.key, identifier)])
    terms += [_TERM[(NEEDS.key, code)] for code in codes]
    return terms


# --- Listings to ORUK --------------------------------------------------------------------------


class Exporter:
    """Writes ORUK objects for listings loaded with `load_listings` (no further queries)."""

    def __init__(self, base_url=""):
        self.base_url = base_url.rstrip("/")

    # Organizations: a setting is its own; a service's is its provider's or its authority's.
    @staticmethod
    def organization_id(listing):
        if listing.kind == "setting":
            return str(derived_id(listing.oruk_id, ORGANIZATION_MASK))
        if listing.provider.strip():
            return provider_organization_id(listing.provider)
        return authority_organization_id(listing.authority.code)

    def organization_json(self, listing, full=False):
        authority = listing.authority
        org_id = self.organization_id(listing)
        if listing.kind == "setting":
            data = {
                "id": org_id,
                "name": listing.name,
                "description": listing.summary
                or f"{listing.get_setting_type_display()} in {authority.name}.",
                "email": listing.email,
                "website": listing.website,
            }
            if full:
                data["organization_identifiers"] = [
                    {
                        "id": sub_id(listing.oruk_id, "identifier", scheme),
                        "organization_id": org_id,
                        "identifier_scheme": scheme,
                        "identifier_type": label,
                        "identifier": str(value),
                    }
                    for scheme, label, value in (
                        (URN_SCHEME, "URN", listing.urn),
                        (UKPRN_SCHEME, "UKPRN", listing.ukprn),
                    )
                    if value
                ]
            return compact(data)
        if listing.provider.strip():
            return provider_organization_json(listing.provider)
        return authority_organization_json(authority.code, authority.name)

    def location_json(self, listing):
        location_id = str(derived_id(listing.oruk_id, LOCATION_MASK))
        has_address = bool(listing.address_1 and listing.town and listing.postcode)
        has_point = listing.latitude is not None and listing.longitude is not None
        if not (has_address or has_point):
            return None
        data = {
            "id": location_id,
            "location_type": "physical",
            "name": listing.name,
            "latitude": listing.latitude,
            "longitude": listing.longitude,
        }
        if listing.kind == "setting" and listing.urn:
            data["external_identifier"] = str(listing.urn)
            data["external_identifier_type"] = "URN"
        if has_address:
            data["addresses"] = [
                compact(
                    {
                        "id": sub_id(listing.oruk_id, "address"),
                        "location_id": location_id,
                        "address_1": listing.address_1,
                        "address_2": listing.address_2,
                        "city": listing.town,
                        "state_province": listing.authority.name,
                        "postal_code": listing.postcode,
                        "country": "GB",
                        "address_type": "physical",
                    }
                )
            ]
        return compact(data)

    def service_at_location_json(self, listing, with_service=False):
        location = self.location_json(listing)
        if location is None:
            return None
        data = {
            "id": str(derived_id(listing.oruk_id, SERVICE_AT_LOCATION_MASK)),
            "service_id": str(listing.oruk_id),
            "location_id": location["id"],
            "location": location,
        }
        if with_service:
            data["service"] = self.service_json(listing)
        return data

    def service_json(self, listing, full=False):
        service_id = str(listing.oruk_id)
        is_service = listing.kind == "service"
        data = {
            "id": service_id,
            "organization_id": self.organization_id(listing),
            "name": listing.name,
            "description": listing.description or listing.summary,
            "summary": listing.summary if listing.description else "",
            "url": listing.website,
            "email": listing.email,
            "status": "active" if listing.live else "inactive",
            "fees": listing.cost if is_service else "",
            "minimum_age": listing.min_age,
            "maximum_age": listing.max_age,
            "assured_date": _date(listing.last_reviewed_on),
            "last_modified": _datetime(listing.last_published_at or listing.updated_at),
            "organization": self.organization_json(listing, full=full),
        }
        if not full:
            return compact(data)
        sal = self.service_at_location_json(listing)
        data.update(
            {
                "eligibility_description": listing.eligibility if is_service else "",
                "application_process": listing.referral_route if is_service else "",
                "service_at_locations": [sal] if sal else [],
                "phones": [{"id": sub_id(listing.oruk_id, "phone"), "number": listing.phone}]
                if listing.phone
                else [],
                "contacts": self.contacts_json(listing),
                "schedules": [
                    {
                        "id": sub_id(listing.oruk_id, "schedule"),
                        "service_id": service_id,
                        "description": listing.opening_hours,
                    }
                ]
                if is_service and listing.opening_hours
                else [],
                "cost_options": [
                    {
                        "id": sub_id(listing.oruk_id, "cost_option"),
                        "service_id": service_id,
                        "amount_description": listing.cost,
                    }
                ]
                if is_service and listing.cost
                else [],
                "service_areas": [
                    {
                        "id": sub_id(listing.oruk_id, "service_area"),
                        "service_id": service_id,
                        "name": listing.authority.name,
                        "service_area": f"{listing.authority.name} local authority area",
                    }
                ]
                if is_service
                else [],
                "attributes": [
                    {
                        "id": sub_id(listing.oruk_id, "attribute", term.id),
                        "link_id": service_id,
                        "link_type": "service",
                        "taxonomy_term_id": term.id,
                        "taxonomy_term": term_json(term),
                    }
                    for term in listing_terms(listing)
                ],
                EXTENSION: self.send_profile_json(listing),
            }
        )
        return compact(data)

    def contacts_json(self, listing):
        if listing.kind != "setting" or not listing.senco_name:
            return []
        contact_id = sub_id(listing.oruk_id, "contact", "senco")
        contact = {
            "id": contact_id,
            "service_id": str(listing.oruk_id),
            "name": listing.senco_name,
            "title": "SENCo (special educational needs co-ordinator)",
            "email": listing.senco_email,
        }
        if listing.senco_phone:
            contact["phones"] = [
                {
                    "id": sub_id(listing.oruk_id, "contact", "senco", "phone"),
                    "contact_id": contact_id,
                    "number": listing.senco_phone,
                }
            ]
        return [compact(contact)]

    def send_profile_json(self, listing):
        """Our SEND profile extension (README.md, "The SEND profile extension")."""
        items = _standard_items()
        data = {
            "version": EXTENSION_VERSION,
            "kind": listing.kind,
            "local_authority": {"code": listing.authority.code, "name": listing.authority.name},
            "profile_url": f"{self.base_url}{listing.get_url()}" if self.base_url else "",
            "needs": need_codes_in(listing.need_mask),
            "last_reviewed_on": _date(listing.last_reviewed_on),
            "out_of_date": listing.is_stale,
            "completeness": compact(
                {
                    "score": listing.completeness_score,
                    "missing": [
                        {"key": key, "label": items[key].label}
                        for key in listing.missing_items
                        if key in items
                    ],
                }
            ),
        }
        if not (listing.address_1 and listing.town and listing.postcode):
            # ORUK addresses need a first line, a town and a postcode: keep what we have here.
            data["partial_address"] = compact(
                {
                    "address_1": listing.address_1,
                    "address_2": listing.address_2,
                    "town": listing.town,
                    "postcode": listing.postcode,
                }
            )
        if listing.kind == "setting":
            data.update(_setting_profile(listing))
        else:
            data.update(_service_profile(listing))
        return compact(data)


def _setting_profile(setting):
    codes = getattr(setting, "oruk_resourced_needs", None)
    if codes is None:
        codes = [need.code for need in setting.resourced_provision_needs.all()]
    resourced_needs = sorted(codes, key=need_codes_order)
    return {
        "urn": setting.urn,
        "ukprn": setting.ukprn,
        "setting_type": setting.setting_type,
        "phase": setting.phase,
        "capacity": setting.capacity,
        "pupils_on_roll": setting.pupils_on_roll,
        "section41_approved": setting.section41_approved or None,
        "resourced_provision": compact(
            {
                "kind": setting.resourced_provision,
                "needs": resourced_needs,
                "capacity": setting.resourced_provision_capacity,
                "on_roll": setting.resourced_provision_on_roll,
                "sen_unit_capacity": setting.sen_unit_capacity,
                "sen_unit_on_roll": setting.sen_unit_on_roll,
            }
        ),
        "send_information_report": compact(
            {
                "url": setting.send_page_url,
                "published_on": _date(setting.report_published_on),
                "answers": compact({name: getattr(setting, name) for name in REPORT_FIELDS}),
            }
        ),
        "senco": compact(
            {
                "name": setting.senco_name,
                "email": setting.senco_email,
                "phone": setting.senco_phone,
                "qualification": setting.senco_qualification,
                "qualification_started_on": _date(setting.senco_qualification_started_on),
                "on_leadership_team": setting.senco_on_leadership_team,
                "hours_per_week": _number(setting.senco_hours),
            }
        ),
        "inclusion": compact(
            {
                "sen_support_percent": _number(setting.sen_support_percent),
                "ehc_plan_percent": _number(setting.ehc_plan_percent),
                "suspensions": setting.suspensions,
                "permanent_exclusions": setting.permanent_exclusions,
                "part_time_timetables": setting.part_time_timetables,
            }
        ),
        "accessibility_plan_url": setting.accessibility_plan_url,
    }


def _service_profile(service):
    return {
        "category": service.category,
        "self_referral": service.self_referral,
        "waiting_time": compact(
            {
                "weeks": service.waiting_weeks,
                "stated_on": _date(service.waiting_stated_on),
                "current": service.waiting_time_is_current
                if service.waiting_weeks is not None
                else None,
            }
        ),
    }


_NEED_ORDER = {need.code: index for index, need in enumerate(NEED_TYPES)}


def need_codes_order(code):
    return _NEED_ORDER.get(code, len(_NEED_ORDER))


# The SEND information report's answers (Schedule 1) and the other free-text items of a
# setting's profile, carried in send_profile.send_information_report.answers.
REPORT_FIELDS = (
    "sen_kinds",
    "sen_identification",
    "sen_evaluation",
    "sen_progress",
    "sen_teaching",
    "sen_adaptations",
    "sen_additional_support",
    "sen_activities",
    "sen_wellbeing",
    "staff_expertise",
    "equipment",
    "parent_involvement",
    "pupil_involvement",
    "complaints",
    "partner_agencies",
    "family_support_services",
    "transitions",
    "local_offer_link",
    "staff_send_training",
    "notional_send_budget",
    "disabled_admissions",
)


@functools.cache
def _organization_id(*parts):
    return make_id("organization", *parts)


def provider_organization_id(provider):
    return _organization_id("provider", " ".join(provider.split()).casefold())


def provider_organization_json(provider):
    name = " ".join(provider.split())
    return {
        "id": provider_organization_id(name),
        "name": name,
        "description": f"{name} runs services listed in the Local Offer.",
    }


def authority_organization_id(code):
    return _organization_id("authority", code)


def authority_organization_json(code, name):
    return {
        "id": authority_organization_id(code),
        "name": name,
        "description": f"{name} local authority (LA code {code}), which publishes its Local "
        "Offer here.",
    }


def load_listings(ids):
    """{pk: Setting or Service} with everything the full ORUK objects read, in three queries
    however many listings there are."""
    from ..models import Service, Setting

    found = Setting.objects.filter(pk__in=ids).select_related("authority").in_bulk()
    resourced = {pk: [] for pk in found}
    through = Setting.resourced_provision_needs.through.objects.filter(setting_id__in=list(found))
    for setting_id, code in through.values_list("setting_id", "need__code"):
        resourced[setting_id].append(code)
    for pk, setting in found.items():
        setting.oruk_resourced_needs = resourced[pk]
    found.update(Service.objects.filter(pk__in=ids).select_related("authority").in_bulk())
    return found


# --- ORUK to listings --------------------------------------------------------------------------


class RecordError(Exception):
    """This record cannot be imported; the message says why."""


@dataclass
class Record:
    """One ORUK service, read into our fields. `fields` belong to the source and are written on
    every import; `profile` (from the SEND profile extension) only fills what is empty here."""

    source_id: str
    kind: str  # "setting" or "service"
    fields: dict
    profile: dict = field(default_factory=dict)
    needs: list = field(default_factory=list)
    resourced_needs: list = field(default_factory=list)
    authority: dict | None = None  # {"code", "name"} from our own extension, if present
    urn: int | None = None
    warnings: list = field(default_factory=list)

    @property
    def oruk_id(self):
        """Our id for it: the source's, when that is a UUID (so ids survive the round trip)."""
        try:
            return uuid.UUID(self.source_id)
        except ValueError:
            return uuid.uuid5(ORUK_NAMESPACE, f"source:{self.source_id}")


def _text(value, limit=None):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecordError(f"expected text, got {type(value).__name__}")
    text = str(value).strip()
    return text[:limit] if limit else text


def _int(value, low=0, high=None):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    try:
        number = int(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None
    if number < low or (high is not None and number > high):
        return None
    return number


def _decimal(value, high):
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        return None
    return number if 0 <= number <= high else None


def _parse_date(value):
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bool(value):
    return value if isinstance(value, bool) else None


def _list(value):
    return value if isinstance(value, list) else []


def _dict(value):
    return value if isinstance(value, dict) else {}


def _url(value, warnings, what):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    text = _text(value)
    if not text:
        return ""
    try:
        URLValidator()(text)
    except ValidationError:
        warnings.append(f"{what} is not a web address; left out")
        return ""
    return text[:500]


def _email(value, warnings, what):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    text = _text(value)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        warnings.append(f"{what} is not an email address; left out")
        return ""
    return text[:254]


def _terms_of(service):
    """The taxonomy terms a service carries, from `attributes` (3.0) or `taxonomy_terms`."""
    terms = []
    for attribute in _list(service.get("attributes")):
        term = _dict(_dict(attribute).get("taxonomy_term"))
        if not term and _dict(attribute).get("taxonomy_term_id"):
            term = {"id": attribute["taxonomy_term_id"]}
        if term:
            terms.append(term)
    for key in ("taxonomy_terms", "service_taxonomys"):  # HSDS 3.0 and ORUK 1.0 shapes
        for item in _list(service.get(key)):
            item = _dict(item)
            terms.append(_dict(item.get("taxonomy")) or item)
    return terms


_LABELS = {}
for _term in TERMS:
    _LABELS.setdefault(_term.name.casefold(), _term)
for _category in ServiceCategory:
    _LABELS.setdefault(_category.label.casefold(), _TERM[(SERVICE_CATEGORIES.key, _category)])


def _match_term(term):
    """Our Term for an incoming taxonomy term: by our id, by ESD term_uri, or by label."""
    ours = TERMS_BY_ID.get(str(term.get("id", "")))
    if ours:
        return ours
    uri = term.get("term_uri")
    if uri:
        for candidate in TERMS:
            if candidate.term_uri and candidate.term_uri == uri:
                return candidate
    for key in ("name", "term"):
        value = term.get(key)
        if isinstance(value, str) and value.strip().casefold() in _LABELS:
            return _LABELS[value.strip().casefold()]
    return None


def record_from_service(service):
    """Read one ORUK service (3.0, or the 1.0 shape) into a Record, or raise RecordError."""
    if not isinstance(service, dict):
        raise RecordError("a service must be a JSON object")
    source_id = service.get("id")
    if source_id is None or (isinstance(source_id, str) and not source_id.strip()):
        raise RecordError("the service has no id")
    if not isinstance(source_id, str | int) or isinstance(source_id, bool):
        raise RecordError("the service's id must be text")
    source_id = str(source_id).strip()
    if len(source_id) > 200:
        raise RecordError("the service's id is longer than 200 characters")
    name = _text(service.get("name"), 200)
    if not name:
        raise RecordError("the service has no name")

    warnings = []
    extension = _dict(service.get(EXTENSION))
    organization = _dict(service.get("organization"))
    urn = None
    for identifier in _list(organization.get("organization_identifiers")):
        identifier = _dict(identifier)
        if identifier.get("identifier_scheme") == URN_SCHEME:
            urn = _int(identifier.get("identifier"), low=100000, high=999999)
    urn = urn or _int(extension.get("urn"), low=100000, high=999999)
    kind = extension.get("kind") if extension.get("kind") in ("setting", "service") else None
    kind = kind or ("setting" if urn else "service")

    description = _text(service.get("description"))
    summary = _text(service.get("summary"), 300)
    fields = {
        "name": name,
        "summary": summary,
        "description": description if summary or len(description) > 300 else "",
        "website": _url(service.get("url"), warnings, "url"),
        "email": _email(service.get("email"), warnings, "email"),
    }
    if not fields["description"] and description:
        fields["summary"] = description  # a short description is the families' summary
    min_age, max_age = _ages(service, warnings)
    fields.update({"min_age": min_age, "max_age": max_age})
    fields["last_reviewed_on"] = _reviewed_on(service, extension, warnings)
    fields.update(_location_fields(service, warnings))
    partial = _dict(extension.get("partial_address"))
    if partial and not fields["postcode"] and not fields["town"]:
        from ..geo import normalise_postcode

        fields.update(
            {
                "address_1": _text(partial.get("address_1"), 200),
                "address_2": _text(partial.get("address_2"), 200),
                "town": _text(partial.get("town"), 100),
                "postcode": normalise_postcode(_text(partial.get("postcode"))) or "",
            }
        )
    fields["phone"] = _phone(service)

    terms = [t for t in (_match_term(term) for term in _terms_of(service)) if t]
    needs = sorted(
        {code for term in terms for code in term.needs if len(term.needs) == 1},
        key=need_codes_order,
    )
    for code in _list(extension.get("needs")):
        if code in _NEED_ORDER and code not in needs:
            needs.append(code)
    needs.sort(key=need_codes_order)

    record = Record(source_id=source_id, kind=kind, fields=fields, needs=needs, urn=urn)
    authority = _dict(extension.get("local_authority"))
    if isinstance(authority.get("code"), str) and isinstance(authority.get("name"), str):
        record.authority = {"code": authority["code"][:3], "name": authority["name"][:120]}
    if kind == "setting":
        _read_setting(record, service, extension, terms, warnings)
    else:
        _read_service(record, service, extension, organization, terms, warnings)
    record.warnings = warnings
    return record


def _ages(service, warnings):
    ages = []
    # ORUK 1.0 kept ages on the service's eligibility records.
    eligibility = next((_dict(e) for e in _list(service.get("eligibilitys"))), {})
    for key in ("minimum_age", "maximum_age"):
        value = service.get(key, eligibility.get(key))
        if value is None or value == "":
            ages.append(None)
            continue
        number = _int(value, low=0, high=200)
        if number is None:
            warnings.append(f"{key} {value!r} is not an age; left out")
        elif number > MAX_AGE:
            warnings.append(
                f"{key} {number} is above {MAX_AGE}, the oldest age the Local Offer "
                f"covers; recorded as {MAX_AGE}"
            )
            number = MAX_AGE
        ages.append(number if number is None else max(MIN_AGE, number))
    low, high = ages
    if low is not None and high is not None and low > high:
        warnings.append("minimum_age is above maximum_age; ages left out")
        return None, None
    return low, high


def _reviewed_on(service, extension, warnings):
    reviewed = _parse_date(extension.get("last_reviewed_on")) or _parse_date(
        service.get("assured_date")
    )
    if reviewed and reviewed > timezone.localdate():
        warnings.append("assured_date is in the future; left out")
        return None
    return reviewed


def _location_fields(service, warnings):
    """The first physical location's address and coordinates (3.0 service_at_locations, or the
    1.0 `locations` list)."""
    locations = []
    for sal in _list(service.get("service_at_locations")):
        locations.append(_dict(_dict(sal).get("location")))
    locations += [_dict(location) for location in _list(service.get("locations"))]
    locations = [loc for loc in locations if loc.get("location_type", "physical") == "physical"]
    fields = {key: "" for key in ("address_1", "address_2", "town", "postcode")}
    fields.update({"latitude": None, "longitude": None})
    if not locations:
        return fields
    location = locations[0]
    addresses = _list(location.get("addresses")) or _list(location.get("physical_addresses"))
    if addresses:
        address = _dict(addresses[0])
        from ..geo import normalise_postcode

        postcode = _text(address.get("postal_code"))
        normalised = normalise_postcode(postcode)
        if postcode and not normalised:
            warnings.append(f"postal_code {postcode!r} is not a UK postcode; left out")
        fields.update(
            {
                "address_1": _text(address.get("address_1"), 200),
                "address_2": _text(address.get("address_2"), 200),
                "town": _text(address.get("city"), 100),
                "postcode": normalised or "",
            }
        )
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if latitude is not None or longitude is not None:
        try:
            latitude, longitude = float(latitude), float(longitude)
        except (TypeError, ValueError):
            latitude = longitude = None
        # The UK and its waters, generously: anything else is a mistake in the source.
        if latitude is not None and 49 <= latitude <= 61.5 and -9 <= longitude <= 2.5:
            fields.update({"latitude": round(latitude, 6), "longitude": round(longitude, 6)})
        else:
            warnings.append("latitude/longitude are not in the United Kingdom; left out")
    return fields


def _phone(service):
    for phone in _list(service.get("phones")):
        number = _text(_dict(phone).get("number"), 40)
        if number:
            return number
    return ""


def _read_setting(record, service, extension, terms, warnings):
    setting_type = extension.get("setting_type")
    if setting_type not in SettingType.values:
        setting_type = next(
            (t.code for t in terms if t.taxonomy is SETTING_TYPES), SettingType.MAINSTREAM
        )
    phase = extension.get("phase")
    record.fields.update(
        {
            "urn": record.urn,
            "setting_type": setting_type,
            "phase": phase if phase in Phase.values else "",
        }
    )
    report = _dict(extension.get("send_information_report"))
    answers = _dict(report.get("answers"))
    senco = _dict(extension.get("senco"))
    inclusion = _dict(extension.get("inclusion"))
    resourced = _dict(extension.get("resourced_provision"))
    qualification = senco.get("qualification")
    profile = {
        "ukprn": _int(extension.get("ukprn"), low=1),
        "capacity": _int(extension.get("capacity")),
        "pupils_on_roll": _int(extension.get("pupils_on_roll")),
        "section41_approved": extension.get("section41_approved") is True,
        "resourced_provision": resourced.get("kind")
        if resourced.get("kind") in ResourcedProvision.values
        else "",
        "resourced_provision_capacity": _int(resourced.get("capacity"), high=32767),
        "resourced_provision_on_roll": _int(resourced.get("on_roll"), high=32767),
        "sen_unit_capacity": _int(resourced.get("sen_unit_capacity"), high=32767),
        "sen_unit_on_roll": _int(resourced.get("sen_unit_on_roll"), high=32767),
        "send_page_url": _url(report.get("url"), warnings, "send_information_report.url"),
        "report_published_on": _parse_date(report.get("published_on")),
        "senco_name": _text(senco.get("name"), 120),
        "senco_email": _email(senco.get("email"), warnings, "senco.email"),
        "senco_phone": _text(senco.get("phone"), 40),
        "senco_qualification": qualification if qualification in SencoQualification.values else "",
        "senco_qualification_started_on": _parse_date(senco.get("qualification_started_on")),
        "senco_on_leadership_team": _bool(senco.get("on_leadership_team")),
        "senco_hours": _decimal(senco.get("hours_per_week"), 80),
        "sen_support_percent": _decimal(inclusion.get("sen_support_percent"), 100),
        "ehc_plan_percent": _decimal(inclusion.get("ehc_plan_percent"), 100),
        "suspensions": _int(inclusion.get("suspensions")),
        "permanent_exclusions": _int(inclusion.get("permanent_exclusions")),
        "part_time_timetables": _int(inclusion.get("part_time_timetables")),
        "accessibility_plan_url": _url(
            extension.get("accessibility_plan_url"), warnings, "accessibility_plan_url"
        ),
    }
    for name in REPORT_FIELDS:
        profile[name] = _text(answers.get(name))
    if not profile["senco_name"]:  # a source without our extension: its SENCo contact
        for contact in _list(service.get("contacts")):
            contact = _dict(contact)
            if "senco" in _text(contact.get("title")).casefold():
                profile["senco_name"] = _text(contact.get("name"), 120)
                profile["senco_email"] = _email(contact.get("email"), warnings, "contact email")
                phones = _list(contact.get("phones"))
                profile["senco_phone"] = _text(_dict(phones[0]).get("number"), 40) if phones else ""
                break
    if (
        profile["senco_qualification"] == SencoQualification.IN_PROGRESS
        and not profile["senco_qualification_started_on"]
    ):
        profile["senco_qualification"] = ""
        warnings.append("SENCo qualification in progress without a start date; left out")
    record.profile = profile
    record.resourced_needs = sorted(
        (c for c in _list(resourced.get("needs")) if c in _NEED_ORDER), key=need_codes_order
    )


def _read_service(record, service, extension, organization, terms, warnings):
    category = extension.get("category")
    if category not in ServiceCategory.values:
        category = next(
            (
                t.listing_types[0]
                for t in terms
                if len(t.listing_types) == 1 and t.listing_types[0] in ServiceCategory.values
            ),
            "",
        )
    if not category:
        warnings.append("no service category matched its taxonomy terms; an officer must choose")
    provider = _text(organization.get("name"), 200)
    authority = record.authority
    if authority and organization.get("id") == authority_organization_id(authority["code"]):
        provider = ""
    cost = _text(service.get("fees"))
    if not cost:
        options = []
        for option in _list(service.get("cost_options")):
            option = _dict(option)
            parts = [_text(option.get("option")), _text(option.get("amount_description"))]
            amount = option.get("amount")
            if isinstance(amount, int | float) and not isinstance(amount, bool):
                parts.insert(1, f"£{amount:,.2f}")
            options.append(" ".join(part for part in parts if part))
        cost = "; ".join(option for option in options if option)
    hours = []
    for schedule in _list(service.get("schedules")) + _list(service.get("regular_schedules")):
        schedule = _dict(schedule)
        text = _text(schedule.get("description"))
        if not text and schedule.get("opens_at"):
            days = _text(schedule.get("byday"))
            text = f"{days} {_text(schedule.get('opens_at'))[:5]}-"
            text += _text(schedule.get("closes_at"))[:5]
        if text.strip():
            hours.append(text.strip())
    record.fields.update(
        {
            "category": category,
            "provider": provider,
            "eligibility": _text(service.get("eligibility_description")),
            "referral_route": _text(service.get("application_process")),
            "cost": cost[:200],
            "opening_hours": "; ".join(hours)[:200],
        }
    )
    waiting = _dict(extension.get("waiting_time"))
    weeks = _int(waiting.get("weeks"), high=260)
    stated = _parse_date(waiting.get("stated_on"))
    if weeks is not None and (not stated or stated > timezone.localdate()):
        weeks, stated = None, None
        warnings.append("a waiting time without the date it was stated; left out")
    record.profile = {
        "self_referral": _bool(extension.get("self_referral")),
        "waiting_weeks": weeks,
        "waiting_stated_on": stated,
    }
