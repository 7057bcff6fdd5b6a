"""What the inclusion profile is built from: DfE's published school-level figures (one row per
school, data set and year, each carrying its source), the authority and England norms computed
from them at import, the criteria the regulator sets and the national forum signs off (data,
with revisions), and a school's short reply."""

from django.conf import settings
from django.db import models
from wagtail.models import DraftStateMixin, RevisionMixin

from directory.models import Setting


class Dataset(models.TextChoices):
    SEN = "sen", "Special educational needs in England (DfE)"
    EXCLUSIONS = "exclusions", "Suspensions and permanent exclusions in England (DfE)"


# Where each data set is published, for the profile's "source" links and the docs.
PUBLICATION_URLS = {
    Dataset.SEN: "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "special-educational-needs-in-england",
    Dataset.EXCLUSIONS: "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "suspensions-and-permanent-exclusions-in-england",
}


def academic_year_label(time_period):
    """DfE's time_period 202425 as families read it: 2024/25."""
    text = str(time_period)
    return f"{text[:4]}/{text[4:]}" if len(text) == 6 else text


class SchoolFigures(models.Model):
    """One school's published figures from one data set for one academic year. Keyed by URN,
    not by listing: the national files cover schools a Local Offer may not list (yet)."""

    dataset = models.CharField(max_length=12, choices=Dataset.choices)
    urn = models.PositiveIntegerField("URN")
    time_period = models.PositiveIntegerField(help_text="DfE's academic year code, e.g. 202425.")
    la_code = models.CharField("LA code", max_length=3)
    la_name = models.CharField("local authority", max_length=120)
    phase_type = models.CharField(
        "phase and type",
        max_length=80,
        help_text="As the file groups schools, e.g. "
        "'State-funded primary'; the norms compare schools of the same group.",
    )
    pupils = models.PositiveIntegerField(help_text="Total pupils (SEN) or headcount (exclusions).")
    sen_support = models.PositiveIntegerField(null=True, blank=True)
    ehc_plan = models.PositiveIntegerField("EHC plans", null=True, blank=True)
    primary_needs = models.JSONField(
        default=dict, blank=True, help_text="Pupils with SEN by primary type of need."
    )
    suspensions = models.PositiveIntegerField(null=True, blank=True)
    permanent_exclusions = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=255, help_text="The file these figures came from.")
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = "published school figures"
        verbose_name_plural = "published school figures"
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "urn", "time_period"], name="one_row_per_school_year"
            )
        ]
        indexes = [models.Index(fields=["urn", "dataset", "-time_period"])]

    def __str__(self):
        return f"URN {self.urn}, {self.get_dataset_display()}, {self.year}"

    @property
    def year(self):
        return academic_year_label(self.time_period)


class Norm(models.Model):
    """The figures of every imported school of one phase and type, summed over one authority
    or England, for one data set and year: computed at import, read by every profile."""

    AUTHORITY, ENGLAND = "authority", "england"
    dataset = models.CharField(max_length=12, choices=Dataset.choices)
    time_period = models.PositiveIntegerField()
    level = models.CharField(
        max_length=10, choices=[(AUTHORITY, "Authority"), (ENGLAND, "England")]
    )
    la_code = models.CharField("LA code", max_length=3, blank=True)
    la_name = models.CharField("local authority", max_length=120, blank=True)
    phase_type = models.CharField("phase and type", max_length=80)
    schools = models.PositiveIntegerField()
    pupils = models.PositiveBigIntegerField()
    sen_support = models.PositiveBigIntegerField(null=True)
    ehc_plan = models.PositiveBigIntegerField(null=True)
    suspensions = models.PositiveBigIntegerField(null=True)
    permanent_exclusions = models.PositiveBigIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "time_period", "level", "la_code", "phase_type"],
                name="one_norm_per_group",
            )
        ]

    def __str__(self):
        place = self.la_name or "England"
        return f"{place}, {self.phase_type}, {self.get_dataset_display()}, {self.year}"

    @property
    def year(self):
        return academic_year_label(self.time_period)


class Check(models.TextChoices):
    """What a criterion can test: each has one evaluation in criteria.py."""

    INFORMATION_REPORT_CURRENT = "report-current", "SEN information report reviewed this year"
    SENCO_QUALIFIED = "senco-qualified", "SENCo holds the NPQ for SENCos or the NASENCO"
    SEN_SUPPORT_AT_NORM = "sen-support-norm", "SEN support at or above the local norm"
    SUSPENSIONS_AT_NORM = "suspensions-norm", "Suspensions at or below the local norm"
    NO_PERMANENT_EXCLUSIONS_ABOVE_NORM = (
        "exclusions-norm",
        "Permanent exclusions at or below the local norm",
    )


class InclusionCriterion(DraftStateMixin, RevisionMixin, models.Model):
    """One criterion of the inclusion mark. The regulator writes and revises it; it takes
    effect only when published, which is the national forum's sign-off."""

    test = models.CharField("what it tests", max_length=20, choices=Check.choices, unique=True)
    title = models.CharField(
        max_length=120, help_text="How families see it, e.g. 'The SENCo is qualified'."
    )
    explanation = models.TextField(
        help_text="Why it matters and what counts as meeting it, in plain words."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "inclusion criterion"
        verbose_name_plural = "inclusion criteria"

    def __str__(self):
        return self.title


class SchoolReply(models.Model):
    """A school's short reply to its inclusion profile, shown beside it to families."""

    setting = models.OneToOneField(
        Setting, on_delete=models.CASCADE, related_name="inclusion_reply"
    )
    text = models.TextField(max_length=600)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Reply from {self.setting}"


class SchoolEvaluation(models.Model):
    """The criteria a school meets, as last evaluated (inclusion/evaluations.py): kept so the
    regulator's report can filter and count schools without evaluating every one per request.
    Refreshed by each import, each sign-off of the criteria and each publish of the school."""

    setting = models.OneToOneField(
        Setting, on_delete=models.CASCADE, related_name="inclusion_evaluation"
    )
    criteria = models.PositiveSmallIntegerField("criteria in force")
    met = models.PositiveSmallIntegerField("criteria met")
    meets_all = models.BooleanField("meets every criterion", db_index=True)
    not_met = models.TextField("criteria not met", blank=True)
    not_known = models.TextField("criteria not known", blank=True)
    evaluated_at = models.DateTimeField()

    def __str__(self):
        return f"{self.setting}: {self.met} of {self.criteria}"
