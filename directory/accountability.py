"""Figures that hold authorities to account: how complete and how current each Local Offer is,
and what each must cover (LOCAL_OFFER_COVERAGE) and whether it does.

One computation, read by the public transparency page and the regulators' reports. Everything
comes from the stored completeness columns (directory/standard.py decides them), in one
grouped query, so it stays fast at national scale.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils import timezone
from wagtail import hooks

from . import standard
from .models import CompletenessSnapshot, Listing, LocalAuthority
from .standard import CH4, SCH2
from .taxonomy import SettingType


@dataclass
class Tally:
    listings: int = 0
    complete: int = 0
    stale: int = 0
    score_total: float = 0.0

    def add(self, listings, complete, stale, average):
        self.listings += listings
        self.complete += complete
        self.stale += stale
        self.score_total += (average or 0) * listings

    @property
    def average_score(self):
        return round(self.score_total / self.listings) if self.listings else None

    @property
    def share_complete(self):
        return round(100 * self.complete / self.listings) if self.listings else None

    @property
    def share_stale(self):
        return round(100 * self.stale / self.listings) if self.listings else None


@dataclass
class AuthorityRow:
    authority: LocalAuthority | None  # None: the national totals
    total: Tally = field(default_factory=Tally)
    by_kind: dict = field(default_factory=dict)

    def add(self, kind, *figures):
        self.total.add(*figures)
        self.by_kind.setdefault(kind, Tally()).add(*figures)


def authority_summary(kind=None, today=None, authority_ids=None):
    """[AuthorityRow] for every authority with published listings (or only those of
    `authority_ids`, when given), and the row of their totals."""
    listings = Listing.objects.published()
    if authority_ids is not None:
        listings = listings.filter(authority_id__in=authority_ids)
    if kind:
        listings = listings.filter(kind=kind)
    stale = Q(last_reviewed_on__lt=standard.stale_before(today)) | Q(last_reviewed_on__isnull=True)
    grouped = (
        listings.values_list("authority_id", "kind")
        .annotate(
            n=Count("pk"),
            complete=Count("pk", filter=Q(completeness_score=100)),
            stale=Count("pk", filter=stale),
            average=Avg("completeness_score"),
        )
        .order_by()
    )
    authorities = LocalAuthority.objects.in_bulk()
    rows, national = {}, AuthorityRow(None)
    for authority_id, listing_kind, *figures in grouped:
        rows.setdefault(authority_id, AuthorityRow(authorities[authority_id])).add(
            listing_kind, *figures
        )
        national.add(listing_kind, *figures)
    return sorted(rows.values(), key=lambda row: row.authority.name), national


def take_snapshot(today=None):
    """Store today's figures per authority and kind (again today: replaced, not doubled)."""
    today = today or timezone.localdate()
    rows, _ = authority_summary(today=today)
    count = 0
    for row in rows:
        for kind, tally in row.by_kind.items():
            CompletenessSnapshot.objects.update_or_create(
                taken_on=today,
                authority=row.authority,
                kind=kind,
                defaults={
                    "listings": tally.listings,
                    "average_score": tally.average_score,
                    "share_complete": tally.share_complete,
                    "share_stale": tally.share_stale,
                },
            )
            count += 1
    return count


def authorities_in_words(ids):
    """Whose figures these are: "Northbrook", "Northbrook and Southmere", or for national
    readers (ids None) "every local authority"."""
    if ids is None:
        return "every local authority"
    names = sorted(LocalAuthority.objects.filter(pk__in=ids).values_list("name", flat=True))
    if not names:
        return "no local authority"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def trend(authority=None, kind=None, authority_ids=None):
    """[(date, average score, share complete, share stale)] over the stored snapshots:
    one authority's, or all authorities' (or all of `authority_ids`) weighted by their
    listings."""
    snapshots = CompletenessSnapshot.objects.all()
    if authority:
        snapshots = snapshots.filter(authority=authority)
    if authority_ids is not None:
        snapshots = snapshots.filter(authority_id__in=authority_ids)
    if kind:
        snapshots = snapshots.filter(kind=kind)
    by_date = {}
    for snap in snapshots.order_by("taken_on"):
        tally = by_date.setdefault(snap.taken_on, Tally())
        tally.add(
            snap.listings,
            round(snap.share_complete * snap.listings / 100),
            round(snap.share_stale * snap.listings / 100),
            snap.average_score,
        )
    return [(day, t.average_score, t.share_complete, t.share_stale) for day, t in by_date.items()]


# What a Local Offer must cover (SEND Regulations 2014, reg. 53 and Schedule 2; SEND Code of
# Practice 2015, chapter 4). Each category is covered in an authority when at least one
# published listing of the given kinds is there and not out of date, or a live guide page that
# names the category and whose check is not overdue. Categories only guide pages can meet say
# so ("guide").
@dataclass(frozen=True)
class CoverageCategory:
    key: str
    label: str
    reference: str
    listing_types: tuple = ()  # setting types or service categories
    resourced: bool = False  # mainstream schools with a resourced provision or unit count too
    source: str = "listings"


SCH2_1 = f"{SCH2}, paragraph 1"
LOCAL_OFFER_COVERAGE = (
    CoverageCategory(
        "early-years", "Early years providers", f"{SCH2_1}(a)", (SettingType.EARLY_YEARS,)
    ),
    CoverageCategory(
        "mainstream",
        "Mainstream schools",
        f"{SCH2_1}(b)-(c); paragraph 3",
        (SettingType.MAINSTREAM,),
    ),
    CoverageCategory(
        "units",
        "Resourced provision and SEN units",
        f"{SCH2_1}(b)-(c)",
        (SettingType.RESOURCED,),
        resourced=True,
    ),
    CoverageCategory(
        "special",
        "Special schools, including independent and non-maintained",
        f"{SCH2_1}(d); paragraph 3",
        (SettingType.SPECIAL, SettingType.INDEPENDENT_SPECIAL),
    ),
    CoverageCategory("post-16", "Post-16 institutions", f"{SCH2_1}(e)", (SettingType.COLLEGE,)),
    CoverageCategory(
        "alternative",
        "Pupil referral units and alternative provision",
        f"{SCH2_1}(g); paragraph 3",
        (SettingType.ALTERNATIVE,),
    ),
    CoverageCategory(
        "health",
        "Health provision",
        CH4,
        ("speech-language", "occupational-therapy", "physiotherapy", "camhs", "paediatrics"),
    ),
    CoverageCategory(
        "social-care",
        "Social care provision, including short breaks",
        CH4,
        ("social-care", "short-breaks"),
    ),
    CoverageCategory("transport", "Travel to school and college", CH4, ("transport",)),
    CoverageCategory("leisure", "Childcare and leisure activities", CH4, ("leisure",)),
    CoverageCategory(
        "adulthood",
        "Preparing for adulthood: employment, internships, living",
        CH4,
        ("employment", "supported-internships", "independent-living"),
    ),
    CoverageCategory(
        "advice", "Information, advice and support, including SENDIAS", CH4, ("sendias",)
    ),
    CoverageCategory("assessment", "How to request an EHC needs assessment", CH4, source="guide"),
    CoverageCategory(
        "disagreements",
        "Disagreement resolution, mediation, complaints, appeals",
        CH4,
        source="guide",
    ),
    CoverageCategory("personal-budgets", "Personal budgets", CH4, source="guide"),
)


@dataclass
class CoverageRow:
    authority: LocalAuthority
    category: CoverageCategory
    listings: int
    pages: int = 0

    @property
    def covered(self):
        return "Yes" if self.listings or self.pages else "No"


# Pages can cover a Local Offer category too (the guide does). An app that has such pages
# registers a function under this Wagtail hook: given today's date it returns one
# (authority id, or None for every authority; coverage category key) pair per current page.
COVERAGE_PAGES_HOOK = "local_offer_coverage_pages"


def covering_pages(today):
    for source in hooks.get_hooks(COVERAGE_PAGES_HOOK):
        yield from source(today)


def coverage(authorities=None, today=None):
    """For each authority and category of the Local Offer, how many current listings cover it."""
    current = Listing.objects.published().exclude(
        Q(last_reviewed_on__lt=standard.stale_before(today)) | Q(last_reviewed_on__isnull=True)
    )
    if authorities is not None:
        current = current.filter(authority__in=authorities)
    counts = {}
    for authority_id, listing_type, resourced, n in (
        current.values_list("authority_id", "listing_type", "has_resourced_provision")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for category in LOCAL_OFFER_COVERAGE:
            if listing_type in category.listing_types or (category.resourced and resourced):
                key = (authority_id, category.key)
                counts[key] = counts.get(key, 0) + n
    today = today or timezone.localdate()
    page_counts = Counter(covering_pages(today))
    chosen = authorities if authorities is not None else LocalAuthority.objects.all()
    return [
        CoverageRow(
            authority,
            category,
            counts.get((authority.pk, category.key), 0),
            page_counts[(authority.pk, category.key)] + page_counts[(None, category.key)],
        )
        for authority in sorted(chosen, key=lambda a: a.name)
        for category in LOCAL_OFFER_COVERAGE
    ]
