"""ORUK objects back to our fields: what the importer (directory/importers/oruk.py) reads, in
3.0 and in the 1.0 shape."""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from ..models.listings import ORUK_NAMESPACE
from ..taxonomy import (
    MAX_AGE,
    MIN_AGE,
    Phase,
    ResourcedProvision,
    SencoQualification,
    ServiceCategory,
    SettingType,
)
from .extension import EXTENSION, REPORT_FIELDS
from .ids import URN_SCHEME, authority_organization_id
from .taxonomies import (
    NEED_ORDER,
    SERVICE_CATEGORIES,
    SETTING_TYPES,
    TERMS,
    TERMS_BY_CODE,
    TERMS_BY_ID,
    need_codes_order,
)


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
    _LABELS.setdefault(
        _category.label.casefold(), TERMS_BY_CODE[(SERVICE_CATEGORIES.key, _category)]
    )


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
        if code in NEED_ORDER and code not in needs:
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
        (c for c in _list(resourced.get("needs")) if c in NEED_ORDER), key=need_codes_order
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
