"""One school's inclusion profile: its latest published figures beside the authority's and
England's for the same phase and type, what its own editors say where that differs, and the
inclusion criteria it meets and does not meet, each with its evidence and date. Four queries
whatever the school: its figures, the norms they are compared with, the live criteria and the
school's reply."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.formats import date_format

from directory import standard
from directory.taxonomy import SencoQualification

from .models import (
    PUBLICATION_URLS,
    Check,
    Dataset,
    InclusionCriterion,
    Norm,
    SchoolFigures,
    SchoolReply,
)

MET, NOT_MET, UNKNOWN = "met", "not-met", "unknown"


def rate(part, whole):
    """part per 100 of whole, to one decimal place; None when either is unknown."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Measure:
    key: str
    label: str
    unit: str  # "%" or "per 100 pupils"
    school: Decimal | None
    authority: Decimal | None
    england: Decimal | None
    count: int | None  # the school's own count behind the rate
    figures: SchoolFigures
    authority_norm: Norm | None
    england_norm: Norm | None
    own_value: object = None  # what the school's editor wrote, where it differs
    own_label: str = ""

    @property
    def year(self):
        return self.figures.year

    @property
    def source(self):
        return self.figures.get_dataset_display()

    @property
    def source_url(self):
        return PUBLICATION_URLS[self.figures.dataset]


@dataclass
class Evaluation:
    criterion: InclusionCriterion
    state: str
    evidence: str
    dated: str  # the evidence's date or year, as families read it

    @property
    def met(self):
        return self.state == MET


@dataclass
class InclusionProfile:
    setting: object
    measures: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    reply: object = None
    primary_needs: list = field(default_factory=list)
    sen_figures: SchoolFigures | None = None

    @property
    def met_count(self):
        return sum(1 for evaluation in self.evaluations if evaluation.state == MET)

    @property
    def meets_all(self):
        return bool(self.evaluations) and self.met_count == len(self.evaluations)

    def measure(self, key):
        return next((measure for measure in self.measures if measure.key == key), None)


MEASURES = (
    # key, label, unit, dataset, numerator field, editor's field
    (
        "sen_support",
        "Pupils on SEN support",
        "%",
        Dataset.SEN,
        "sen_support",
        "sen_support_percent",
    ),
    ("ehc_plan", "Pupils with an EHC plan", "%", Dataset.SEN, "ehc_plan", "ehc_plan_percent"),
    (
        "suspensions",
        "Suspensions",
        "per 100 pupils",
        Dataset.EXCLUSIONS,
        "suspensions",
        "suspensions",
    ),
    (
        "permanent_exclusions",
        "Permanent exclusions",
        "per 100 pupils",
        Dataset.EXCLUSIONS,
        "permanent_exclusions",
        "permanent_exclusions",
    ),
)


def latest_figures(urn):
    """{dataset: the school's latest SchoolFigures} in one query."""
    latest = {}
    if urn:
        for figures in SchoolFigures.objects.filter(urn=urn).order_by("dataset", "-time_period"):
            latest.setdefault(figures.dataset, figures)
    return latest


def norms_for(latest, keyed=False):
    """{(dataset, level): Norm} for the school's groups, in one query (with `keyed`, for
    figures of many schools: {(dataset, time_period, phase_type, level, la_code): Norm})."""
    if not latest:
        return {}
    match = Q()
    for figures in latest.values():
        group = Q(
            dataset=figures.dataset,
            time_period=figures.time_period,
            phase_type=figures.phase_type,
        )
        match |= group & (Q(level=Norm.ENGLAND) | Q(level=Norm.AUTHORITY, la_code=figures.la_code))
    if keyed:
        return {
            (norm.dataset, norm.time_period, norm.phase_type, norm.level, norm.la_code): norm
            for norm in Norm.objects.filter(match)
        }
    return {(norm.dataset, norm.level): norm for norm in Norm.objects.filter(match)}


def build_measures(setting, latest, norms):
    measures = []
    for key, label, unit, dataset, numerator, own_field in MEASURES:
        figures = latest.get(dataset)
        if figures is None:
            continue
        count = getattr(figures, numerator)
        authority = norms.get((dataset, Norm.AUTHORITY))
        england = norms.get((dataset, Norm.ENGLAND))
        measure = Measure(
            key=key,
            label=label,
            unit=unit,
            school=rate(count, figures.pupils),
            authority=authority and rate(getattr(authority, numerator), authority.pupils),
            england=england and rate(getattr(england, numerator), england.pupils),
            count=count,
            figures=figures,
            authority_norm=authority,
            england_norm=england,
        )
        own = getattr(setting, own_field, None)
        published = measure.school if unit == "%" else count
        if own is not None and published is not None and own != published:
            measure.own_value = own
            measure.own_label = setting._meta.get_field(own_field).verbose_name
        measures.append(measure)
    return measures


def evaluate(criterion, setting, profile):
    check = criterion.test
    if check == Check.INFORMATION_REPORT_CURRENT:
        published_on = setting.report_published_on
        if published_on is None:
            return Evaluation(
                criterion,
                NOT_MET,
                "The school has not said when it last published its SEN information report.",
                "",
            )
        state = NOT_MET if standard.is_stale(published_on) else MET
        return Evaluation(
            criterion,
            state,
            "The school says it published its SEN information report on this date"
            + ("." if state == MET else ", more than a year ago."),
            date_format(published_on, "j F Y"),
        )
    if check == Check.SENCO_QUALIFIED:
        value = setting.senco_qualification
        reviewed = (
            date_format(setting.last_reviewed_on, "j F Y") if setting.last_reviewed_on else ""
        )
        if not value:
            return Evaluation(criterion, UNKNOWN, "The school has not said.", reviewed)
        state = MET if value in (SencoQualification.NPQ, SencoQualification.NASENCO) else NOT_MET
        return Evaluation(
            criterion,
            state,
            f"The school says: {setting.get_senco_qualification_display()}.",
            reviewed,
        )
    key, at_least = {
        Check.SEN_SUPPORT_AT_NORM: ("sen_support", True),
        Check.SUSPENSIONS_AT_NORM: ("suspensions", False),
        Check.NO_PERMANENT_EXCLUSIONS_ABOVE_NORM: ("permanent_exclusions", False),
    }[check]
    measure = profile.measure(key)
    if measure is None or measure.school is None or measure.authority is None:
        return Evaluation(criterion, UNKNOWN, "No published figures for this school yet.", "")
    met = measure.school >= measure.authority if at_least else measure.school <= measure.authority
    group = measure.figures.phase_type.lower()
    unit = "%" if measure.unit == "%" else f" {measure.unit}"
    return Evaluation(
        criterion,
        MET if met else NOT_MET,
        f"{measure.school}{unit} here; {measure.authority}{unit} in "
        f"{measure.authority_norm.la_name}'s {group} schools ({measure.source}).",
        measure.year,
    )


def live_criteria():
    return list(InclusionCriterion.objects.filter(live=True))


def profile_for(setting, criteria=None):
    latest = latest_figures(getattr(setting, "urn", None))
    profile = profile_from(setting, latest, norms_for(latest), criteria)
    profile.reply = SchoolReply.objects.filter(setting_id=setting.pk).first()
    return profile


def profile_from(setting, latest, norms, criteria=None):
    """The profile from figures and norms already read (one school, or many in bulk)."""
    profile = InclusionProfile(setting=setting, sen_figures=latest.get(Dataset.SEN))
    profile.measures = build_measures(setting, latest, norms)
    if profile.sen_figures:
        profile.primary_needs = sorted(
            profile.sen_figures.primary_needs.items(), key=lambda item: (-item[1], item[0])
        )
    criteria = live_criteria() if criteria is None else criteria
    profile.evaluations = [evaluate(criterion, setting, profile) for criterion in criteria]
    return profile


def profiles_in_bulk(listings, criteria=None):
    """{pk: InclusionProfile} for these listings' schools (services have none), in three
    queries whatever their number: figures, norms, criteria. No replies."""
    schools = [listing for listing in listings if getattr(listing, "kind", None) == "setting"]
    latest = {}
    urns = [school.urn for school in schools if school.urn]
    for figures in SchoolFigures.objects.filter(urn__in=urns).order_by("dataset", "-time_period"):
        latest.setdefault(figures.urn, {}).setdefault(figures.dataset, figures)
    every_figures = [figures for mine in latest.values() for figures in mine.values()]
    all_norms = norms_for(dict(enumerate(every_figures)), keyed=True)
    criteria = live_criteria() if criteria is None else criteria
    profiles = {}
    for school in schools:
        mine = latest.get(school.urn, {})
        norms = {
            (figures.dataset, level): all_norms[key]
            for figures in mine.values()
            for level, code in ((Norm.AUTHORITY, figures.la_code), (Norm.ENGLAND, ""))
            if (key := (figures.dataset, figures.time_period, figures.phase_type, level, code))
            in all_norms
        }
        profiles[school.pk] = profile_from(school, mine, norms, criteria)
    return profiles
