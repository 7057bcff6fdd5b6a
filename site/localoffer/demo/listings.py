"""Demo directory for the fictional Northbrook Council (and its neighbour, Southmere).

Deterministic (seeded) and idempotent: listings are matched by slug and only created when
missing, so `seed_demo` can run again without changing anything. Completeness is varied on
purpose: some listings publish everything, some have gaps, some are stale, as in real life.
"""

import datetime
import random
import re
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from directory.importers.postcodes import import_postcodes
from directory.models import (
    ListingEditor,
    LocalAuthority,
    Need,
    Postcode,
    Service,
    Setting,
    WaitingTimeLimit,
)
from directory.reference_data import ensure_listing_workflow, ensure_needs
from directory.taxonomy import (
    Phase,
    ResourcedProvision,
    SencoQualification,
    ServiceCategory,
    SettingType,
)

AUTHORITIES = [("990", "Northbrook"), ("991", "Southmere")]
PLACES = [
    "Ashby Vale",
    "Brookfield",
    "Cherry Tree",
    "Elmhurst",
    "Foxley",
    "Greenside",
    "Hollins",
    "Kingsmead",
    "Larkrise",
    "Millbrook",
    "Oakfield",
    "Pennyfields",
    "Riverside",
    "Sandhill",
    "Thornbury",
    "Willowbank",
    "Bramley",
    "Castle Hill",
    "Dunmore",
    "Fairway",
    "Hazelwood",
    "Lindley",
    "Meadowside",
    "Northgate",
]

# (type, phase, ages, how many, name pattern)
SETTING_PLAN = [
    (SettingType.MAINSTREAM, Phase.PRIMARY, (4, 11), 16, "{place} Primary School"),
    (SettingType.MAINSTREAM, Phase.SECONDARY, (11, 18), 8, "{place} Academy"),
    (SettingType.SPECIAL, Phase.ALL_THROUGH, (3, 19), 5, "{place} School"),
    (SettingType.RESOURCED, Phase.PRIMARY, (4, 11), 4, "{place} Primary Autism Base"),
    (SettingType.ALTERNATIVE, Phase.SECONDARY, (11, 16), 4, "{place} Learning Centre"),
    (SettingType.EARLY_YEARS, Phase.NURSERY, (0, 5), 6, "{place} Nursery"),
    (SettingType.COLLEGE, Phase.POST_16, (16, 25), 3, "{place} College"),
    (SettingType.INDEPENDENT_SPECIAL, Phase.ALL_THROUGH, (7, 19), 2, "{place} House School"),
]

SERVICE_NAMES = {
    ServiceCategory.SPEECH_LANGUAGE: [
        "Children's Speech and Language Therapy",
        "Early Talk Drop-in",
    ],
    ServiceCategory.OCCUPATIONAL_THERAPY: [
        "Children's Occupational Therapy",
        "Sensory Advice Clinic",
    ],
    ServiceCategory.PHYSIOTHERAPY: ["Children's Physiotherapy", "Hydrotherapy Sessions"],
    ServiceCategory.CAMHS: [
        "Child and Adolescent Mental Health Service",
        "Mental Health Support Team in Schools",
    ],
    ServiceCategory.PAEDIATRICS: ["Community Paediatrics", "Neurodevelopmental Assessment"],
    ServiceCategory.SOCIAL_CARE: ["Disabled Children's Social Work Team", "Early Help Hub"],
    ServiceCategory.SHORT_BREAKS: ["Saturday Club Short Breaks", "Overnight Short Breaks"],
    ServiceCategory.SENDIAS: ["SENDIAS", "Parent Carer Forum"],
    ServiceCategory.TRANSPORT: ["Home to School Transport", "Independent Travel Training"],
    ServiceCategory.LEISURE: ["Inclusive Swimming", "Youth Club for Disabled Young People"],
    ServiceCategory.EMPLOYMENT: ["Supported Employment Service", "Job Coach Programme"],
    ServiceCategory.SUPPORTED_INTERNSHIPS: [
        "Supported Internships at the Hospital",
        "Council Supported Internships",
    ],
    ServiceCategory.INDEPENDENT_LIVING: [
        "Moving On: Independent Living Skills",
        "Supported Housing Advice",
    ],
}

NEEDS_BY_TYPE = {
    SettingType.SPECIAL: ["SLD", "PMLD", "ASD", "SLCN", "PD", "MSI"],
    SettingType.RESOURCED: ["ASD", "SLCN"],
    SettingType.ALTERNATIVE: ["SEMH"],
    SettingType.INDEPENDENT_SPECIAL: ["ASD", "SEMH", "SpLD"],
}


def report_answers(name, need_names):
    """Plain-English answers for a SEND information report (fictional, but realistic)."""
    needs = ", ".join(need_names).lower() or "a wide range of needs"
    return {
        "sen_kinds": f"We teach children with {needs}. We also welcome children whose needs "
        "have not been given a name yet.",
        "sen_identification": "Teachers check every child's progress each term. If a child is "
        "finding things hard, the class teacher talks to the parents and the SENCo. We may use "
        "checklists, watch the child in class, or ask a specialist for advice.",
        "sen_evaluation": "We look at each child's progress against their targets every term. "
        "Governors get a report on how well our SEN support works.",
        "sen_progress": "We use assess, plan, do, review. We meet parents at least three times a "
        "year to look at targets and agree the next steps.",
        "sen_teaching": "Teachers plan lessons so every child can take part. They use pictures, "
        "objects and short steps. Some children get extra help in small groups.",
        "sen_adaptations": "We change how lessons are taught and what the room is like: quiet "
        "spaces, visual timetables, ramps and coloured overlays.",
        "sen_additional_support": "Some children have time with a teaching assistant, a "
        "reading or maths catch-up group, or a speech and language programme.",
        "sen_activities": "Every child can go on trips, join clubs and do PE. We plan "
        "changes with families before a trip so it works for their child.",
        "sen_wellbeing": "Each child has a trusted adult. We run a nurture group and teach "
        "children about feelings. We work with the mental health support team.",
        "staff_expertise": "All staff have training on autism and speech and language needs. "
        "We buy in advice from the educational psychologist and specialist teachers.",
        "equipment": "We ask the council or health services for specialist equipment. We have "
        "a hygiene room, a lift and a sensory room.",
        "parent_involvement": "Parents help write their child's plan and come to every review. "
        "You can ask to meet the SENCo at any time.",
        "pupil_involvement": "Children share their views at every review, in the way that suits "
        "them: talking, drawing or using symbols.",
        "complaints": "Talk to the class teacher or SENCo first. If you are still unhappy, "
        "follow our complaints policy on the website. You can also contact SENDIAS.",
        "partner_agencies": "We work with speech and language therapy, occupational therapy, "
        "CAMHS, the school nurse and social care.",
        "family_support_services": "Northbrook SENDIAS gives free, impartial advice on 01632 "
        "960 200. The parent carer forum runs coffee mornings.",
        "transitions": "We plan moves to a new class or school early, with extra visits, photo "
        "books and meetings with the new staff.",
        "local_offer_link": "The Local Offer is at northbrook.example.org/directory/.",
        "staff_send_training": "This year: autism awareness (all staff), Makaton (6 staff), "
        "attachment and trauma (teaching assistants).",
        "notional_send_budget": "We spend it on teaching assistants, small-group catch-up, and "
        "advice from the educational psychologist.",
        "disabled_admissions": f"{name} follows the council's admissions rules. We make "
        "reasonable adjustments so that disabled pupils are not treated less favourably.",
    }


def _authorities():
    return {
        code: LocalAuthority.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in AUTHORITIES
    }


DEMO_POSTCODES = Path(__file__).parent / "data" / "demo_postcodes.csv"


def load_demo_postcodes():
    """The demo area's own postcode table (fictional NB and SM postcodes)."""
    with DEMO_POSTCODES.open("rb") as binary:
        import_postcodes(binary)
    by_area = {}
    for postcode in Postcode.objects.filter(outward__regex=r"^(NB|SM)[0-9]"):
        by_area.setdefault(postcode.postcode[:2], []).append(postcode)
    return by_area


def _place(rng, postcodes, code):
    """A postcode in the authority's area, and a point a short walk from its centre."""
    postcode = rng.choice(postcodes["NB" if code == "990" else "SM"])
    return (
        postcode.postcode,
        round(postcode.latitude + rng.uniform(-0.001, 0.001), 6),
        round(postcode.longitude + rng.uniform(-0.0015, 0.0015), 6),
    )


def _address(rng, fake, authority, postcode, latitude, longitude):
    return {
        "address_1": _building(fake.street_address()),
        "town": authority.name,
        "postcode": postcode,
        "latitude": latitude,
        "longitude": longitude,
        "phone": f"01632 960 {rng.randint(300, 999)}",
    }


def _building(address):
    """A building on a street: Faker's street addresses include flats ("Flat 47 Lewis Views"),
    which no school sits in, so the flat's number becomes the building's ("47 Lewis Views").
    Faker is asked exactly as before, so the rest of the demo (the relevance set is written
    against it) stays the same."""
    return re.sub(
        r"^(?:Flat|Studio|Apartment|Suite)\s+(\d+)\s*", r"\1 ", address.replace("\n", " ")
    )


def _a(noun):
    """The noun with its article: "an early years setting", "a special school"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _domain(name):
    return name.lower().replace(" ", "-").replace("'", "") + ".example.org"


def _tier(index):
    """Spread completeness: complete, gaps, sparse, stale."""
    return ("complete", "gaps", "complete", "sparse", "gaps", "stale")[index % 6]


def _publish(listing):
    listing.save()
    listing.save_revision().publish()
    return listing


def _setting(rng, fake, needs, postcodes, authority, setting_type, phase, ages, name, index):
    today = timezone.localdate()
    tier = _tier(index)
    postcode, lat, lon = _place(rng, postcodes, authority.code)
    type_needs = NEEDS_BY_TYPE.get(setting_type) or rng.sample(
        ["ASD", "SLCN", "SpLD", "MLD", "SEMH", "HI", "VI", "PD"], 4
    )
    setting = Setting(
        name=name,
        authority=authority,
        setting_type=setting_type,
        phase=phase,
        min_age=ages[0],
        max_age=ages[1],
        summary=f"{name} is {_a(setting_type.label.lower())} for children aged {ages[0]} to "
        f"{ages[1]} in {authority.name}.",
        description="We are a friendly, inclusive community. Come and visit: call the office "
        "to book a tour with the SENCo.",
        **_address(rng, fake, authority, postcode, lat, lon),
        email=f"office@{_domain(name)}",
        website=f"https://{_domain(name)}/",
        urn=990000 + index if authority.code == "990" else 991000 + index,
        capacity=rng.choice([210, 420, 630, 900, 1200]) if phase != Phase.NURSERY else 60,
        last_reviewed_on=today - datetime.timedelta(days=rng.randint(10, 200)),
    )
    setting.pupils_on_roll = int(setting.capacity * rng.uniform(0.8, 1.0))
    if setting_type in (SettingType.RESOURCED,) or (
        setting_type == SettingType.MAINSTREAM and index % 5 == 0
    ):
        setting.resourced_provision = rng.choice(
            [ResourcedProvision.RESOURCED, ResourcedProvision.UNIT]
        )
        setting.resourced_provision_capacity = rng.choice([8, 10, 12, 14])
        setting.resourced_provision_on_roll = setting.resourced_provision_capacity - 1
    need_names = [needs[c].name for c in type_needs]
    if tier != "sparse":
        for field, text in report_answers(name, need_names).items():
            setattr(setting, field, text)
        setting.senco_name = fake.name()
        setting.senco_email = f"senco@{setting.email.split('@')[1]}"
        setting.send_page_url = setting.website + "send-information-report/"
        setting.report_published_on = today - datetime.timedelta(days=rng.randint(30, 300))
        setting.accessibility_plan_url = setting.website + "accessibility-plan.pdf"
        setting.senco_qualification = rng.choice(
            [
                SencoQualification.NASENCO,
                SencoQualification.NPQ,
                SencoQualification.IN_PROGRESS,
                SencoQualification.NONE,
            ]
        )
        if setting.senco_qualification == SencoQualification.IN_PROGRESS:
            # Some started more than three years ago: the regulator's report shows them.
            setting.senco_qualification_started_on = today - datetime.timedelta(
                days=rng.choice([200, 500, 1300])
            )
        setting.senco_on_leadership_team = rng.random() < 0.7
        setting.senco_hours = Decimal(rng.choice(["10", "15", "22.5", "32.5"]))
        setting.sen_support_percent = Decimal(f"{rng.uniform(8, 22):.1f}")
        setting.ehc_plan_percent = Decimal(f"{rng.uniform(1, 6):.1f}")
        setting.suspensions = rng.randint(0, 40)
        setting.permanent_exclusions = rng.randint(0, 2)
        setting.part_time_timetables = rng.randint(0, 5)
    if tier == "gaps":
        for field in rng.sample(
            [
                "sen_evaluation",
                "sen_wellbeing",
                "complaints",
                "notional_send_budget",
                "accessibility_plan_url",
                "senco_hours",
                "part_time_timetables",
                "equipment",
                "pupil_involvement",
                "partner_agencies",
            ],
            4,
        ):
            setattr(
                setting, field, None if field in ("senco_hours", "part_time_timetables") else ""
            )
    if tier == "stale":
        setting.last_reviewed_on = today - datetime.timedelta(days=rng.randint(400, 700))
    if tier == "sparse" and index % 2:
        setting.last_reviewed_on = None
    setting.full_clean(exclude=["slug", "kind", "needs", "resourced_provision_needs"])
    # Parental many-to-many fields can be set before the first save; the save commits them.
    setting.needs.set([needs[c] for c in type_needs])
    if setting.resourced_provision:
        setting.resourced_provision_needs.set([needs["ASD"]])
    return _publish(setting)


def _service(rng, fake, needs, postcodes, authority, category, name, index):
    today = timezone.localdate()
    tier = _tier(index + 1)
    postcode, lat, lon = _place(rng, postcodes, authority.code)
    service = Service(
        name=f"{authority.name} {name}",
        authority=authority,
        category=category,
        provider=rng.choice(
            [
                f"{authority.name} Council",
                "Northbrook Community Health NHS Trust",
                "Brightpath (a local charity)",
            ]
        ),
        summary=f"{name} for children and young people with SEND in {authority.name}.",
        description="We work with children, young people and their families at home, in "
        "school and in our clinics.",
        min_age=rng.choice([0, 0, 5, 14]),
        max_age=rng.choice([18, 19, 25]),
        **_address(rng, fake, authority, postcode, lat, lon),
        email=f"{category}@{authority.name.lower()}.example.org",
        website=f"https://{authority.name.lower()}.example.org/{category}/",
        eligibility=f"Children and young people who live in {authority.name} or go to school here.",
        referral_route="Ask your GP, health visitor or your child's SENCo to refer, or use our "
        "online form.",
        self_referral=rng.random() < 0.5,
        cost=rng.choice(["Free", "Free", "£3 a session", "Free; transport costs may apply"]),
        opening_hours="Monday to Friday, 9am to 5pm",
        waiting_weeks=rng.choice([2, 6, 12, 18, 30, 52]),
        waiting_stated_on=today - datetime.timedelta(days=rng.choice([14, 40, 90, 250])),
        last_reviewed_on=today - datetime.timedelta(days=rng.randint(10, 250)),
    )
    if tier == "gaps":
        service.opening_hours = ""
        service.cost = ""
        service.waiting_weeks = None
        service.waiting_stated_on = None
    if tier == "sparse":
        service.eligibility = ""
        service.referral_route = ""
        service.self_referral = None
    if tier == "stale":
        service.last_reviewed_on = today - datetime.timedelta(days=rng.randint(400, 600))
    service.full_clean(exclude=["slug", "kind", "needs"])
    service.needs.set(rng.sample(list(needs.values()), 3))
    return _publish(service)


@transaction.atomic
def seed():
    """Create the demo directory. Returns (settings, services) created this time."""
    ensure_needs()
    ensure_listing_workflow()
    rng = random.Random(2026)
    fake = Faker("en_GB")
    fake.seed_instance(2026)
    needs = {need.code: need for need in Need.objects.all()}
    postcodes = load_demo_postcodes()
    authorities = _authorities()
    created_settings, created_services = [], []

    places = iter(PLACES * 3)
    index = 0
    for setting_type, phase, ages, count, pattern in SETTING_PLAN:
        for _ in range(count):
            index += 1
            authority = authorities["991" if index % 8 == 0 else "990"]
            name = pattern.format(place=next(places))
            if Setting.objects.filter(name=name, authority=authority).exists():
                continue
            created_settings.append(
                _setting(
                    rng, fake, needs, postcodes, authority, setting_type, phase, ages, name, index
                )
            )

    for index, (category, names) in enumerate(SERVICE_NAMES.items()):
        for offset, name in enumerate(names):
            authority = authorities["990"]
            if Service.objects.filter(name=f"{authority.name} {name}").exists():
                continue
            created_services.append(
                _service(rng, fake, needs, postcodes, authority, category, name, index * 2 + offset)
            )

    _waiting_time_limits()
    return created_settings, created_services


def _waiting_time_limits():
    """Demo limits: 18 weeks for health services (the NHS referral-to-treatment standard),
    12 for short breaks; other categories have none, and the report says so."""
    health = [
        ServiceCategory.SPEECH_LANGUAGE,
        ServiceCategory.OCCUPATIONAL_THERAPY,
        ServiceCategory.PHYSIOTHERAPY,
        ServiceCategory.CAMHS,
        ServiceCategory.PAEDIATRICS,
    ]
    for category in health:
        WaitingTimeLimit.objects.get_or_create(category=category, defaults={"max_weeks": 18})
    WaitingTimeLimit.objects.get_or_create(
        category=ServiceCategory.SHORT_BREAKS, defaults={"max_weeks": 12}
    )


def link_editors(usernames):
    """The demo setting editor edits two primary schools; the service editor one service."""
    User = get_user_model()
    links = {
        "setting-editor": Setting.objects.filter(
            setting_type=SettingType.MAINSTREAM, phase=Phase.PRIMARY, authority__code="990"
        ).order_by("urn")[:2],
        "service-editor": Service.objects.filter(category=ServiceCategory.SPEECH_LANGUAGE).order_by(
            "name"
        )[:1],
    }
    for username, listings in links.items():
        if username not in usernames:
            continue
        user = User.objects.get(username=username)
        for listing in listings:
            ListingEditor.objects.get_or_create(user=user, listing=listing)
