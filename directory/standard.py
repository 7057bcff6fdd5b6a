"""The national standard profile: what each kind of listing must publish, and why.

This is the one definition of completeness. Profile pages, compare, editors' dashboards, reports
and the API all read it; nothing else decides what is required. For each kind of listing it lists
sections in a fixed order, and in each section the required items, each with the families'
label, the statutory reference it rests on and a weight. A listing's score is the share of the
weight it publishes; a listing not reviewed for 12 months is stale.

This module reads listings by attribute name only, so it imports no models (DESIGN.md: the
models depend on it, not the other way round).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_noop

from .taxonomy import SettingType

STALE_AFTER = datetime.timedelta(days=365)
# A service's waiting time stated longer ago than this is out of date: families see a warning
# beside it, and reports count it as unknown. The one rule, read by the profile, result cards,
# compare, the waiting-times report and the reminders.
WAITING_TIME_CURRENT_FOR = datetime.timedelta(days=183)
# The same period, as families and editors read it (marked for the catalogs; translated where
# a family's page shows it).
WAITING_TIME_AGE_LIMIT = gettext_noop("6 months")

SCH1 = "SEND Regulations 2014, Schedule 1, paragraph"
SCH2 = "SEND Regulations 2014, Schedule 2"
COP = "SEND Code of Practice 2015, paragraph"
STANDARD = "National standard profile"
CH4 = f"{SCH2}; SEND Code of Practice 2015, chapter 4"


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    reference: str
    weight: int
    fields: tuple
    # True: publishing any one of the fields meets the item (e.g. a phone number or an email).
    any_of: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple


@dataclass(frozen=True)
class Result:
    score: int  # 0-100
    missing: tuple  # the Items not met

    @property
    def missing_keys(self):
        return [item.key for item in self.missing]

    @property
    def complete(self):
        return not self.missing


def _about(noun):
    return Section(
        "about",
        "About",
        (
            Item(
                "description",
                f"What the {noun} offers",
                f"{SCH2}, paragraph 5",
                1,
                ("summary", "description"),
                any_of=True,
            ),
            # No statute lists these for each provider: the national standard asks for them
            # because families cannot use a listing without them.
            Item("ages", "Ages", STANDARD, 1, ("min_age", "max_age")),
            Item("address", "Address", STANDARD, 1, ("address_1", "postcode")),
            Item(
                "contact",
                "Phone or email",
                STANDARD,
                1,
                ("phone", "email"),
                any_of=True,
            ),
            Item("website", "Website", STANDARD, 1, ("website",)),
        ),
    )


NEEDS_SECTION = Section(
    "needs",
    "Special educational needs provision",
    (
        Item("needs", "Needs it makes provision for", f"{SCH1} 1", 2, ("needs",)),
        Item(
            "sen-kinds", "The kinds of SEN provided for, described", f"{SCH1} 1", 1, ("sen_kinds",)
        ),
    ),
)

SEND_INFORMATION_REPORT = Section(
    "report",
    "SEND information report",
    (
        Item(
            "identification",
            "How the school identifies and assesses SEN",
            f"{SCH1} 2",
            2,
            ("sen_identification",),
        ),
        Item(
            "evaluation",
            "How it checks that its SEN support works",
            f"{SCH1} 3(a)",
            1,
            ("sen_evaluation",),
        ),
        Item(
            "progress", "How it assesses and reviews progress", f"{SCH1} 3(b)", 1, ("sen_progress",)
        ),
        Item(
            "teaching",
            "Its approach to teaching pupils with SEN",
            f"{SCH1} 3(c)",
            1,
            ("sen_teaching",),
        ),
        Item(
            "adaptations",
            "How it adapts the curriculum and environment",
            f"{SCH1} 3(d)",
            1,
            ("sen_adaptations",),
        ),
        Item(
            "additional-support",
            "Additional support for learning",
            f"{SCH1} 3(e)",
            1,
            ("sen_additional_support",),
        ),
        Item(
            "activities",
            "How pupils with SEN join in all activities",
            f"{SCH1} 3(f)",
            1,
            ("sen_activities",),
        ),
        Item(
            "wellbeing",
            "Support for emotional, mental and social development",
            f"{SCH1} 3(g)",
            1,
            ("sen_wellbeing",),
        ),
        Item("senco-name", "The SENCo's name", f"{SCH1} 4", 1, ("senco_name",)),
        Item(
            "senco-contact",
            "How to contact the SENCo",
            f"{SCH1} 4",
            1,
            ("senco_email", "senco_phone"),
            any_of=True,
        ),
        Item(
            "staff-expertise",
            "Staff expertise and training in SEN",
            f"{SCH1} 5",
            1,
            ("staff_expertise",),
        ),
        Item("equipment", "Equipment and facilities", f"{SCH1} 6", 1, ("equipment",)),
        Item(
            "parents",
            "How parents are consulted and involved",
            f"{SCH1} 7",
            1,
            ("parent_involvement",),
        ),
        Item(
            "pupils",
            "How children and young people are consulted and involved",
            f"{SCH1} 8",
            1,
            ("pupil_involvement",),
        ),
        Item("complaints", "How to complain about SEN provision", f"{SCH1} 9", 1, ("complaints",)),
        Item(
            "agencies",
            "Working with health, social care and other services",
            f"{SCH1} 10",
            1,
            ("partner_agencies",),
        ),
        Item(
            "family-support",
            "Support services for parents, including SENDIAS",
            f"{SCH1} 11",
            1,
            ("family_support_services",),
        ),
        Item(
            "transitions",
            "Moving between phases and preparing for adulthood",
            f"{SCH1} 12",
            1,
            ("transitions",),
        ),
        Item(
            "local-offer",
            "Where the Local Offer is published",
            f"{SCH1} 13",
            1,
            ("local_offer_link",),
        ),
        Item(
            "report-online",
            "The report on the school's own website",
            f"SEND Regulations 2014, regulation 51; {COP} 6.79",
            2,
            ("send_page_url",),
        ),
        Item(
            "report-date",
            "When the report was published",
            f"{COP} 6.79 (the report is updated every year)",
            1,
            ("report_published_on",),
        ),
    ),
)

SENCO_SECTION = Section(
    "senco",
    "The SENCo",
    (
        Item(
            "senco-qualification",
            "The SENCo's national qualification: the NPQ for SENCos or the NASENCO",
            "SEND Regulations 2014, regulation 49(4), as amended by SI 2024/535",
            1,
            ("senco_qualification",),
        ),
        Item(
            "senco-leadership",
            "Whether the SENCo is on the senior leadership team",
            f"{COP} 6.87",
            1,
            ("senco_on_leadership_team",),
        ),
        Item("senco-hours", "The SENCo's hours for the role", f"{COP} 6.91", 1, ("senco_hours",)),
    ),
)

INCLUSION_SECTION = Section(
    "inclusion",
    "Training, funding and inclusion",
    (
        Item(
            "staff-training",
            "SEND training staff have had",
            f"{SCH1} 5",
            1,
            ("staff_send_training",),
        ),
        Item(
            "budget", "How the notional SEND budget is used", STANDARD, 1, ("notional_send_budget",)
        ),
        Item(
            "inclusion-figures",
            "Pupils on SEN support and with EHC plans",
            STANDARD,
            1,
            ("sen_support_percent", "ehc_plan_percent"),
        ),
        Item(
            "exclusions",
            "Suspensions and permanent exclusions",
            STANDARD,
            1,
            ("suspensions", "permanent_exclusions"),
        ),
        Item("part-time", "Pupils on part-time timetables", STANDARD, 1, ("part_time_timetables",)),
    ),
)

ACCESS_SECTION = Section(
    "access",
    "Accessibility",
    (
        Item(
            "accessibility-plan",
            "Accessibility plan",
            "Children and Families Act 2014, s69(3)(b); Equality Act 2010, Schedule 10, "
            "paragraph 3",
            2,
            ("accessibility_plan_url",),
        ),
        Item(
            "disabled-admissions",
            "Admitting disabled pupils and treating them fairly",
            "Children and Families Act 2014, s69(3)(b)",
            1,
            ("disabled_admissions",),
        ),
    ),
)

# Early years settings and colleges are not bound by regulation 51's SEND information report, but
# the Local Offer must describe their provision (Schedule 2, paragraph 5).
PROVIDER_SECTION = Section(
    "provision",
    "Support for children and young people with SEND",
    (
        Item(
            "teaching",
            "Approach to teaching and learning",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_teaching",),
        ),
        Item(
            "adaptations",
            "Adapting the curriculum and environment",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_adaptations",),
        ),
        Item(
            "additional-support",
            "Additional learning support",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_additional_support",),
        ),
        Item(
            "progress",
            "Assessing and reviewing progress with families",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_progress",),
        ),
        Item(
            "evaluation",
            "Checking that the support works",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_evaluation",),
        ),
        Item("equipment", "Access to facilities", f"{SCH2}, paragraph 5", 1, ("equipment",)),
        Item(
            "activities",
            "Activities beyond the curriculum",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_activities",),
        ),
        Item(
            "staff-expertise",
            "How staff expertise is secured",
            f"{SCH2}, paragraph 5",
            1,
            ("staff_expertise",),
        ),
        Item(
            "wellbeing",
            "Emotional, mental and social development",
            f"{SCH2}, paragraph 5",
            1,
            ("sen_wellbeing",),
        ),
        Item("contact-person", "Who to talk to about SEND", STANDARD, 1, ("senco_name",)),
        Item("transitions", "Moving on and preparing for adulthood", STANDARD, 1, ("transitions",)),
    ),
)

SERVICE_SECTIONS = (
    _about("service"),
    Section(
        "who",
        "Who it is for",
        (
            Item("eligibility", "Who can use it", CH4, 2, ("eligibility",)),
            Item("needs", "Needs it supports", STANDARD, 1, ("needs",)),
            Item("provider", "Who runs it", STANDARD, 1, ("provider",)),
        ),
    ),
    Section(
        "access",
        "How to get it",
        (
            Item("referral", "How to get it (the referral route)", CH4, 2, ("referral_route",)),
            Item(
                "self-referral",
                "Whether families can refer themselves",
                STANDARD,
                1,
                ("self_referral",),
            ),
            Item("cost", "What it costs", STANDARD, 1, ("cost",)),
            Item("opening-hours", "When it is open", STANDARD, 1, ("opening_hours",)),
        ),
    ),
    Section(
        "waiting",
        "Waiting time",
        (
            Item(
                "waiting-time",
                "Current waiting time and when it was stated",
                STANDARD,
                2,
                ("waiting_weeks", "waiting_stated_on"),
            ),
        ),
    ),
)

PROFILES = {
    "school": (
        _about("school"),
        NEEDS_SECTION,
        SEND_INFORMATION_REPORT,
        SENCO_SECTION,
        INCLUSION_SECTION,
        ACCESS_SECTION,
    ),
    "early-years": (_about("setting"), NEEDS_SECTION, PROVIDER_SECTION),
    "college": (_about("college"), NEEDS_SECTION, PROVIDER_SECTION, ACCESS_SECTION),
    "service": SERVICE_SECTIONS,
}

PROFILE_NAMES = {
    "school": "Schools (mainstream, special, resourced provision, alternative provision, "
    "independent special)",
    "early-years": "Early years settings",
    "college": "Post-16 colleges",
    "service": "Services",
}


def profile_key(listing):
    return profile_key_for(listing.kind, getattr(listing, "setting_type", None))


def profile_key_for(kind, setting_type=None):
    """Which profile applies, from a listing's kind and setting type (e.g. stored columns)."""
    if kind == "service":
        return "service"
    if setting_type == SettingType.EARLY_YEARS:
        return "early-years"
    if setting_type == SettingType.COLLEGE:
        return "college"
    return "school"


def profile_for(listing):
    return PROFILES[profile_key(listing)]


def items_for(profile):
    return [item for section in PROFILES[profile] for item in section.items]


def all_items():
    """Every distinct item key with its label, across profiles (for reports' columns)."""
    seen = {}
    for profile in PROFILES:
        for item in items_for(profile):
            seen.setdefault(item.key, item)
    return seen


def is_filled(listing, field):
    value = getattr(listing, field, None)
    if hasattr(value, "all"):  # a many-to-many relation (also on unsaved revisions)
        return any(True for _ in value.all())
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def is_met(listing, item):
    filled = [is_filled(listing, field) for field in item.fields]
    return any(filled) if item.any_of else all(filled)


def evaluate(listing):
    items = items_for(profile_key(listing))
    total = sum(item.weight for item in items)
    missing = tuple(item for item in items if not is_met(listing, item))
    met = total - sum(item.weight for item in missing)
    return Result(score=round(100 * met / total) if total else 100, missing=missing)


def stale_before(today=None):
    """Listings last reviewed before this date are stale."""
    return (today or timezone.localdate()) - STALE_AFTER


def is_stale(last_reviewed_on, today=None):
    return last_reviewed_on is None or last_reviewed_on < stale_before(today)


def waiting_time_current_since(today=None):
    """Waiting times stated on or after this date are current; earlier ones are out of date."""
    return (today or timezone.localdate()) - WAITING_TIME_CURRENT_FOR


def waiting_time_is_current(stated_on, today=None):
    return stated_on is not None and stated_on >= waiting_time_current_since(today)
