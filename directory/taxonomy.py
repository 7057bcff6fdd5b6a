"""The directory's vocabularies: needs, kinds of setting, phases and service categories.

One definition, read by the models, the importers, the search filters and the reports. Labels
are in English everywhere they are stored or exchanged (ORUK, reports); marked with
`gettext_noop` so the catalogs hold them, and translated where a family's page shows them.
Sources: SEND Code of Practice 2015 paras 6.28-6.35 (broad areas of need); the DfE school census
and GIAS SEN provision codes (specific need types); GIAS establishment types.
"""

from dataclasses import dataclass

from django.db import models


def gettext_noop(message):
    """Marks a label for the catalogs (makemessages finds it by this name) and returns it as it
    is. Not Django's own: that one reads the settings (USE_I18N), and the settings import this
    module (the search engine's analysers), so it made a production start read them half-made
    and miss a missing SECRET_KEY (tests/test_production_settings.py)."""
    return message


class BroadArea(models.TextChoices):
    COMMUNICATION = "communication", gettext_noop("Communication and interaction")
    COGNITION = "cognition", gettext_noop("Cognition and learning")
    SEMH = "semh", gettext_noop("Social, emotional and mental health")
    SENSORY_PHYSICAL = "sensory-physical", gettext_noop("Sensory and/or physical needs")


@dataclass(frozen=True)
class NeedType:
    code: str  # as in GIAS "SENn (name)" before " - ", and the school census
    name: str
    broad_area: str | None  # OTH belongs to no single broad area
    keywords: str = ""  # the words families search with


NEED_TYPES = (
    NeedType(
        "ASD",
        gettext_noop("Autistic spectrum disorder"),
        BroadArea.COMMUNICATION,
        "autism autistic ASC ASD",
    ),
    NeedType(
        "SLCN",
        gettext_noop("Speech, language and communication needs"),
        BroadArea.COMMUNICATION,
        "speech language talking communication SLCN DLD",
    ),
    NeedType(
        "SpLD",
        gettext_noop("Specific learning difficulty (for example dyslexia)"),
        BroadArea.COGNITION,
        "dyslexia dyspraxia dyscalculia SpLD",
    ),
    NeedType(
        "MLD", gettext_noop("Moderate learning difficulty"), BroadArea.COGNITION, "learning MLD"
    ),
    NeedType(
        "SLD", gettext_noop("Severe learning difficulty"), BroadArea.COGNITION, "learning SLD"
    ),
    NeedType(
        "PMLD",
        gettext_noop("Profound and multiple learning difficulty"),
        BroadArea.COGNITION,
        "learning PMLD",
    ),
    NeedType(
        "SEMH",
        gettext_noop("Social, emotional and mental health"),
        BroadArea.SEMH,
        "anxiety mental health behaviour ADHD SEMH",
    ),
    NeedType(
        "HI", gettext_noop("Hearing impairment"), BroadArea.SENSORY_PHYSICAL, "deaf hearing HI"
    ),
    NeedType(
        "VI", gettext_noop("Visual impairment"), BroadArea.SENSORY_PHYSICAL, "blind sight visual VI"
    ),
    NeedType(
        "MSI",
        gettext_noop("Multi-sensory impairment"),
        BroadArea.SENSORY_PHYSICAL,
        "deafblind sensory MSI",
    ),
    NeedType(
        "PD",
        gettext_noop("Physical disability"),
        BroadArea.SENSORY_PHYSICAL,
        "wheelchair physical mobility PD",
    ),
    NeedType("OTH", gettext_noop("Other difficulty or disability"), None),
)
NEED_CODES = tuple(need.code for need in NEED_TYPES)
NEED_KEYWORDS = {need.code: need.keywords for need in NEED_TYPES}
NEED_CODES_BY_UPPER = {code.upper(): code for code in NEED_CODES}
# Each need's bit in Listing.need_mask (a denormalised copy of a listing's needs, so that search
# facets count needs in one pass over one table). Append new codes at the end only.
NEED_BITS = {code: 1 << index for index, code in enumerate(NEED_CODES)}


def need_mask(codes):
    mask = 0
    for code in codes:
        mask |= NEED_BITS[code]
    return mask


def need_codes_in(mask):
    return [code for code, bit in NEED_BITS.items() if mask & bit]


def normalise_need_code(value):
    """'spld', 'SpLD - Specific Learning Difficulty' -> 'SpLD'; None when not a need code."""
    code = (value or "").split(" - ", 1)[0].strip().upper()
    return NEED_CODES_BY_UPPER.get(code)


class SettingType(models.TextChoices):
    MAINSTREAM = "mainstream", gettext_noop("Mainstream school")
    SPECIAL = "special", gettext_noop("Special school")
    RESOURCED = "resourced", gettext_noop("Resourced provision or SEN unit")
    ALTERNATIVE = "alternative", gettext_noop("Alternative provision")
    EARLY_YEARS = "early-years", gettext_noop("Early years setting")
    COLLEGE = "college", gettext_noop("Post-16 college")
    INDEPENDENT_SPECIAL = "independent-special", gettext_noop("Independent special school")


class Phase(models.TextChoices):
    NURSERY = "nursery", gettext_noop("Nursery")
    PRIMARY = "primary", gettext_noop("Primary")
    MIDDLE = "middle", gettext_noop("Middle")
    SECONDARY = "secondary", gettext_noop("Secondary")
    ALL_THROUGH = "all-through", gettext_noop("All-through")
    POST_16 = "16-plus", gettext_noop("16 plus")
    NOT_APPLICABLE = "n/a", gettext_noop("Not applicable")


GIAS_PHASES = {
    "nursery": Phase.NURSERY,
    "primary": Phase.PRIMARY,
    "middle deemed primary": Phase.MIDDLE,
    "middle deemed secondary": Phase.MIDDLE,
    "secondary": Phase.SECONDARY,
    "all-through": Phase.ALL_THROUGH,
    "16 plus": Phase.POST_16,
    "not applicable": Phase.NOT_APPLICABLE,
}


class ResourcedProvision(models.TextChoices):
    NONE = "", gettext_noop("None")
    RESOURCED = "resourced", gettext_noop("Resourced provision")
    UNIT = "unit", gettext_noop("SEN unit")
    BOTH = "both", gettext_noop("Resourced provision and SEN unit")


GIAS_RESOURCED_PROVISION = {
    "resourced provision": ResourcedProvision.RESOURCED,
    "sen unit": ResourcedProvision.UNIT,
    "resourced provision and sen unit": ResourcedProvision.BOTH,
}


def setting_type_for_gias(type_name, group_name=""):
    """Map GIAS 'TypeOfEstablishment (name)' to a kind of setting, or None if out of scope.

    Matched on words rather than an exhaustive list, because GIAS adds and renames types.
    Out of scope: higher education, Welsh and overseas establishments, children's centres,
    secure units, online providers and miscellaneous entries.
    """
    name = (type_name or "").strip().lower()
    group = (group_name or "").strip().lower()
    if not name:
        return None
    excluded = (
        "higher education",
        "welsh",
        "overseas",
        "offshore",
        "children's centre",
        "children’s centre",
        "secure unit",
        "online provider",
        "miscellaneous",
        "other government department",
    )
    if any(word in name for word in excluded):
        return None
    if "special" in name and "independent" in name:
        return SettingType.INDEPENDENT_SPECIAL
    if "special" in name and "post 16" in name:
        return SettingType.COLLEGE
    if "special" in name:
        return SettingType.SPECIAL
    if "alternative provision" in name or "pupil referral" in name:
        return SettingType.ALTERNATIVE
    if "nursery" in name:
        return SettingType.EARLY_YEARS
    if any(word in name for word in ("further education", "sixth form", "16 to 19", "16-19")):
        return SettingType.COLLEGE
    if "college" in group or "universities" in group:
        return SettingType.COLLEGE
    return SettingType.MAINSTREAM


class ServiceCategory(models.TextChoices):
    SPEECH_LANGUAGE = "speech-language", gettext_noop("Speech and language therapy")
    OCCUPATIONAL_THERAPY = "occupational-therapy", gettext_noop("Occupational therapy")
    PHYSIOTHERAPY = "physiotherapy", gettext_noop("Physiotherapy")
    CAMHS = "camhs", gettext_noop("Children and young people's mental health (CAMHS)")
    PAEDIATRICS = "paediatrics", gettext_noop("Community paediatrics")
    SOCIAL_CARE = "social-care", gettext_noop("Social care for disabled children")
    SHORT_BREAKS = "short-breaks", gettext_noop("Short breaks")
    SENDIAS = "sendias", gettext_noop("Information, advice and support (SENDIAS)")
    TRANSPORT = "transport", gettext_noop("Travel and transport")
    LEISURE = "leisure", gettext_noop("Leisure and activities")
    EMPLOYMENT = "employment", gettext_noop("Employment support")
    SUPPORTED_INTERNSHIPS = "supported-internships", gettext_noop("Supported internships")
    INDEPENDENT_LIVING = "independent-living", gettext_noop("Independent living")


class ServiceGroup(models.TextChoices):
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social-care", "Social care"
    ADVICE = "advice", "Information and advice"
    EVERYDAY_LIFE = "everyday-life", "Transport, leisure and short breaks"
    ADULTHOOD = "adulthood", "Preparing for adulthood"


SERVICE_GROUPS = {
    ServiceCategory.SPEECH_LANGUAGE: ServiceGroup.HEALTH,
    ServiceCategory.OCCUPATIONAL_THERAPY: ServiceGroup.HEALTH,
    ServiceCategory.PHYSIOTHERAPY: ServiceGroup.HEALTH,
    ServiceCategory.CAMHS: ServiceGroup.HEALTH,
    ServiceCategory.PAEDIATRICS: ServiceGroup.HEALTH,
    ServiceCategory.SOCIAL_CARE: ServiceGroup.SOCIAL_CARE,
    ServiceCategory.SHORT_BREAKS: ServiceGroup.EVERYDAY_LIFE,
    ServiceCategory.SENDIAS: ServiceGroup.ADVICE,
    ServiceCategory.TRANSPORT: ServiceGroup.EVERYDAY_LIFE,
    ServiceCategory.LEISURE: ServiceGroup.EVERYDAY_LIFE,
    ServiceCategory.EMPLOYMENT: ServiceGroup.ADULTHOOD,
    ServiceCategory.SUPPORTED_INTERNSHIPS: ServiceGroup.ADULTHOOD,
    ServiceCategory.INDEPENDENT_LIVING: ServiceGroup.ADULTHOOD,
}


# The "type" a family can filter the directory by (/directory/?kind=…): a type of setting, any
# service, or a service category. Read by the search form and facets and by the guide's links
# to searches.
ANY_SERVICE = "service"
LISTING_KINDS = (
    [(setting.value, setting.label) for setting in SettingType]
    + [(ANY_SERVICE, gettext_noop("Any service"))]
    + [(category.value, category.label) for category in ServiceCategory]
)


class SencoQualification(models.TextChoices):
    """The SENCo's national qualification (SEND Regulations 2014, reg. 49(4)). Since SI 2024/535
    it is the NPQ for SENCos for anyone starting from 1 September 2024; the NASENCO (National
    Award for SEN Co-ordination) still counts if begun before then and finished by 1 September
    2027. The Code of Practice (6.85) predates the change."""

    UNKNOWN = "", "Not stated"
    NPQ = "npq", "Has the NPQ for SENCos"
    NASENCO = "nasenco", "Has the NASENCO (National Award for SEN Co-ordination)"
    IN_PROGRESS = "in-progress", "Working towards one of these qualifications"
    NONE = "none", "Has neither qualification and is not working towards one"


# Ages the directory covers: 0 to 25 (Children and Families Act 2014, s83).
MIN_AGE, MAX_AGE = 0, 25


# Open Referral UK: how our service categories line up with the LGA's Electronic Service
# Delivery (ESD) Services List, which ORUK directories use for service types (the OpenCommunity
# "Use of Taxonomies" guidance: CURIE `esdServiceType`, list http://id.esd.org.uk/list/services,
# each type http://id.esd.org.uk/service/<identifier>). The API publishes these as terms of their
# own taxonomy, next to ours (directory/oruk/taxonomies.py); the ORUK importer reads them back
# by term_uri.
#
# Each entry is (the type's label in the ESD list, its identifier), checked against the list's
# published data (version 4.x, modified 2015). Only checked entries are here: a wrong identifier
# would file services under the wrong type in a national finder, while a category without one is
# simply published with our own terms. Not yet matched: therapies, CAMHS, paediatrics, short
# breaks, SENDIAS, disabled children's social care, leisure and independent living (the parts of
# the list read had no type for them; the rest was not checked). The ESD Needs list
# (http://id.esd.org.uk/list/needs) describes life needs such as social inclusion, not types of
# special educational need, so needs are published with our own taxonomy only.
ESD_SERVICE_TYPES_URI = "http://id.esd.org.uk/list/services"


def esd_term_uri(identifier):
    return f"http://id.esd.org.uk/service/{identifier}"


ESD_SERVICE_TYPES = {
    ServiceCategory.TRANSPORT: ("Special educational needs transport", "40"),
    ServiceCategory.EMPLOYMENT: ("Disabled people - employment and training schemes", "239"),
    ServiceCategory.SUPPORTED_INTERNSHIPS: (
        "Disabled people - employment and training schemes",
        "239",
    ),
}
