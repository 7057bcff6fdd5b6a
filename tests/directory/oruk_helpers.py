"""Shared by the ORUK API and importer tests: the standard's JSON Schemas, resolved locally, and a
small directory with every kind of listing and every field the mapping writes."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory.models import Need, Postcode
from directory.taxonomy import Phase, ResourcedProvision, ServiceCategory, SettingType
from tests.conftest import publish

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "oruk-3.0"
SCHEMA_URL = "https://openreferraluk.org/specifications/3.0/schema/{}.json"


def _registry():
    resources = []
    for path in sorted((REFERENCE / "schema").glob("*.json")):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((SCHEMA_URL.format(path.stem), resource))
    # Nothing is fetched: a $ref outside these files fails instead of going to the network.
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name):
    schema = REGISTRY.contents(SCHEMA_URL.format(name))
    return Draft202012Validator(
        schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(name, body):
    errors = sorted(validator(name).iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert_no_empty_values(body)


def assert_no_empty_values(value, where="$"):
    """Optional fields are omitted, never null or empty."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "contents":  # a page's contents may be an empty list
                assert isinstance(item, list)
                for index, entry in enumerate(item):
                    assert_no_empty_values(entry, f"{where}.contents[{index}]")
                continue
            assert item not in (None, "", [], {}), f"{where}.{key} is empty: {item!r}"
            assert_no_empty_values(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_empty_values(item, f"{where}[{index}]")


def build_directory(make_setting, make_service, other_authority=None):
    """Published settings and services with and without each optional part, one draft, one
    listing of another authority, and the postcodes around them."""
    today = timezone.localdate()
    needs = {need.code: need for need in Need.objects.all()}
    Postcode.objects.bulk_create(
        [
            Postcode(postcode="NB1 1AA", outward="NB1", latitude=52.2000, longitude=-1.5000),
            Postcode(postcode="NB1 2BB", outward="NB1", latitude=52.2100, longitude=-1.5100),
            Postcode(postcode="NB9 9ZZ", outward="NB9", latitude=52.9000, longitude=-1.9000),
        ]
    )
    listings = []
    school = make_setting(
        "Oakfield Primary School",
        publish_it=False,
        summary="A friendly village primary school.",
        description="We teach 210 children from 4 to 11, with a resourced provision for autism.",
        address_1="1 School Lane",
        address_2="Oakfield",
        town="Northbrook",
        postcode="NB1 1AA",
        latitude=52.2001,
        longitude=-1.5001,
        phone="01632 960001",
        email="office@oakfield.example.org",
        website="https://oakfield.example.org/",
        ukprn=10012345,
        capacity=210,
        pupils_on_roll=198,
        resourced_provision=ResourcedProvision.RESOURCED,
        resourced_provision_capacity=12,
        resourced_provision_on_roll=10,
        send_page_url="https://oakfield.example.org/send",
        sen_kinds="Autism, speech and language needs, dyslexia.",
        sen_identification="Teachers watch progress each half term.",
        sen_teaching="Small steps, visual timetables.",
        senco_name="Ms Jane Patel",
        senco_email="senco@oakfield.example.org",
        senco_phone="01632 960002",
        senco_qualification="in-progress",
        senco_qualification_started_on=today - datetime.timedelta(days=400),
        senco_on_leadership_team=True,
        senco_hours=Decimal("12.5"),
        sen_support_percent=Decimal("14.2"),
        ehc_plan_percent=Decimal("3"),
        suspensions=2,
        permanent_exclusions=0,
        part_time_timetables=1,
        accessibility_plan_url="https://oakfield.example.org/access",
        report_published_on=today - datetime.timedelta(days=90),
    )
    school.save()
    school.needs.set([needs["ASD"], needs["SLCN"], needs["SpLD"]])
    school.resourced_provision_needs.set([needs["ASD"]])
    listings.append(publish(school))
    special = make_setting(
        "Brook Special School",
        publish_it=False,
        setting_type=SettingType.SPECIAL,
        phase=Phase.ALL_THROUGH,
        min_age=3,
        max_age=19,
        town="Northbrook",
        latitude=52.2101,
        longitude=-1.5101,
        section41_approved=False,
        last_reviewed_on=today - datetime.timedelta(days=500),
    )
    special.save()
    special.needs.set([needs["PMLD"], needs["SLD"]])
    listings.append(publish(special))
    listings.append(
        make_setting(
            "Little Acorns Nursery",
            setting_type=SettingType.EARLY_YEARS,
            phase=Phase.NURSERY,
            min_age=0,
            max_age=4,
            urn=None,
        )
    )
    for index in range(6):  # enough listings for several pages
        listings.append(
            make_setting(
                f"Hillside Academy {index}",
                setting_type=SettingType.MAINSTREAM,
                phase=Phase.SECONDARY,
                min_age=11,
                max_age=16,
                address_1=f"{index} Hill Road",
                town="Northbrook",
                postcode="NB1 2BB",
            )
        )
    make_setting("Unpublished Draft School", publish_it=False, live=False).save()

    therapy = make_service(
        "Children's Speech and Language Therapy",
        provider="Northbrook Community Health NHS Trust",
        summary="Help with talking and understanding.",
        description="Therapists see children at clinics, nurseries and schools.",
        eligibility="Children aged 0 to 18 registered with a Northbrook GP.",
        referral_route="Families can refer by phone, or ask their GP or school.",
        self_referral=True,
        cost="Free",
        waiting_weeks=14,
        waiting_stated_on=today - datetime.timedelta(days=20),
        opening_hours="Monday to Friday, 9am to 5pm",
        address_1="Health Centre, 4 Market Street",
        town="Northbrook",
        postcode="NB1 1AA",
        latitude=52.2002,
        longitude=-1.5002,
        phone="01632 960100",
        email="slt@nhs.example.org",
        website="https://health.example.org/slt",
        last_reviewed_on=today - datetime.timedelta(days=10),
    )
    therapy.needs.set([needs["SLCN"], needs["ASD"]])
    listings.append(publish(therapy))
    listings.append(
        make_service(
            "Occupational Therapy",
            category=ServiceCategory.OCCUPATIONAL_THERAPY,
            provider="Northbrook  Community Health NHS Trust",  # same provider, spaced apart
            latitude=52.9001,
            longitude=-1.9001,
        )
    )
    listings.append(
        make_service(
            "Northbrook SENDIAS",
            category=ServiceCategory.SENDIAS,
            summary="Free, impartial advice about SEND.",
            self_referral=True,
        )
    )
    if other_authority is not None:
        listings.append(
            make_service(
                "Southmere Short Breaks",
                category=ServiceCategory.SHORT_BREAKS,
                authority=other_authority,
                provider="Southmere Council",
            )
        )
    return listings
