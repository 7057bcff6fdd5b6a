"""Listings to ORUK objects: what the API (directory/api/) publishes."""

import datetime
import functools
from decimal import Decimal

from django.utils import timezone

from .. import standard
from ..taxonomy import need_codes_in
from .extension import EXTENSION, EXTENSION_VERSION, REPORT_FIELDS
from .ids import (
    LOCATION_MASK,
    ORGANIZATION_MASK,
    SERVICE_AT_LOCATION_MASK,
    UKPRN_SCHEME,
    URN_SCHEME,
    authority_organization_id,
    derived_id,
    provider_organization_id,
    sub_id,
)
from .taxonomies import TERMS, listing_terms, need_codes_order

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/"


def compact(mapping):
    """Drop optional fields that have no value (None, "", [] or {}); keep False and 0."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _date(value):
    return value.isoformat() if value else None


def json_datetime(value):
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
            "last_modified": json_datetime(listing.last_published_at or listing.updated_at),
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


def provider_organization_json(provider):
    name = " ".join(provider.split())
    return {
        "id": provider_organization_id(name),
        "name": name,
        "description": f"{name} runs services listed in the Local Offer.",
    }


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
