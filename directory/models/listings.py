"""Listings in the Local Offer: settings (schools, nurseries, colleges...) and services.

A listing is a Wagtail snippet with drafts, revisions, locking, workflow and preview. Settings and
services share one base table (multi-table inheritance) so that search, compare, reports and the
API see one kind of thing; each adds its own part of the national standard profile.
"""

import uuid

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

import roles

from .. import presentation, standard
from ..links import validate_link
from ..signals import listings_changed
from ..taxonomy import (
    MAX_AGE,
    MIN_AGE,
    SERVICE_GROUPS,
    Phase,
    ResourcedProvision,
    SencoQualification,
    ServiceCategory,
    SettingType,
    need_mask,
)
from .authorities import LocalAuthority, Need

AGE = [MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
# Who may change a listing's identity fields (name, slug, authority, URN...).
IDENTITY_PERMISSION = roles.OVERSEES_LISTINGS


class AnyBit(models.Lookup):
    """`need_mask__any_bit=mask`: the listing has at least one of these needs (the ORUK API's
    taxonomy filters; family search counts needs in memory instead)."""

    lookup_name = "any_bit"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"({lhs} & {rhs}) != 0", [*lhs_params, *rhs_params]


def may_change_identity(user):
    """Officers (and code with no user: the registers' imports) set a listing's identity."""
    return user is None or roles.oversees_listings(user)


# A bulk write changes what families see as a save does, but sends no model signal, so the
# queryset records it in the change log itself (as django-cachalot invalidates at the write):
# naming the listings where there are this few, else naming none (every process rebuilds).
NAMED_IN_BULK = 50


class ListingQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def update(self, **kwargs):
        if Listing.saves_only_bookkeeping(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = list(self.values_list("pk", flat=True)[: NAMED_IN_BULK + 1])
            rows = super().update(**kwargs)
            if rows:
                self._record_changed(ids)
        return rows

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            made = super().bulk_create(objs, *args, **kwargs)
            if made:
                self._record_changed([obj.pk for obj in made])
        return made

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            if rows and not Listing.saves_only_bookkeeping(fields):
                self._record_changed([obj.pk for obj in objs])
        return rows

    def _record_changed(self, ids):
        if len(ids) > NAMED_IN_BULK or None in ids:
            listings_changed.send(sender=self.model)
        else:
            for pk in ids:
                listings_changed.send(sender=self.model, listing_id=pk)

    def specific_in_bulk(self, ids):
        """{pk: Setting or Service} for these ids, with what cards and tables show, in five
        queries however many there are."""
        found = {}
        ids = list(ids)
        relations = ((Setting, ["needs", "resourced_provision_needs"]), (Service, ["needs"]))
        for model, needs in relations:
            rows = model.objects.filter(pk__in=ids).select_related("authority")
            found.update(rows.prefetch_related(*needs).in_bulk())
        return found


class ListingKind(models.TextChoices):
    SETTING = "setting", "School or setting"
    SERVICE = "service", "Service"


class Listing(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    kind = models.CharField(max_length=10, choices=ListingKind.choices, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=220,
        unique=True,
        help_text="The end of its web address: /directory/<slug>/. Made from the name if blank.",
        blank=True,
    )
    authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="listings")
    summary = models.CharField(
        max_length=300, blank=True, help_text="One or two sentences families see in results."
    )
    description = models.TextField(blank=True, help_text="What you offer, in plain English.")
    needs = ParentalManyToManyField(
        Need, blank=True, related_name="listings", verbose_name="needs met"
    )
    min_age = models.PositiveSmallIntegerField(
        "youngest age", null=True, blank=True, validators=AGE
    )
    max_age = models.PositiveSmallIntegerField("oldest age", null=True, blank=True, validators=AGE)

    address_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True, validators=[validate_link])

    last_reviewed_on = models.DateField(
        "last checked",
        null=True,
        blank=True,
        help_text="The date someone last checked that everything here is right. "
        "A listing not reviewed for 12 months is shown to families as out of date. "
        "Approval sets it to the approval date when “I have checked every section” is ticked.",
    )
    confirmed_current = models.BooleanField(
        "I have checked every section and it is all current",
        default=False,
        help_text="Tick this when you submit your changes for approval. When the Local Offer "
        "team approves them, “Last checked” becomes the date of approval, and families see "
        "your listing as up to date for another 12 months.",
    )
    # Denormalised for search facets at national scale (one GROUP BY on one table, no joins):
    # the setting type or service category, resourced provision, and the needs as a bitmask.
    listing_type = models.CharField(max_length=30, editable=False, default="")
    has_resourced_provision = models.BooleanField(default=False, editable=False)
    need_mask = models.PositiveIntegerField(default=0, editable=False)
    need_mask.register_lookup(AnyBit)

    # Derived from directory/standard.py when the listing is saved (published), so that reports
    # at national scale read a column instead of re-evaluating every listing.
    completeness_score = models.PositiveSmallIntegerField(default=0, editable=False)
    missing_items = models.JSONField(default=list, editable=False, blank=True)

    # Open Referral UK: the listing's id in the published API (directory/oruk/), set once and
    # never changed, and where an imported listing came from (directory/importers/oruk.py).
    oruk_id = models.UUIDField("ORUK id", unique=True, default=uuid.uuid4, editable=False)
    source_id = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    source_url = models.URLField(max_length=500, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # No GenericRelations to revisions or workflow states: with multi-table inheritance their
    # content type would not match (Django #31269); Wagtail's own properties query by base
    # content type, and `delete_history` below cleans up when a listing is deleted.

    objects = ListingQuerySet.as_manager()

    search_fields = [
        # Indexed as "title" so that the database backends weigh a match in the name above one
        # in the text (Elasticsearch uses the boost).
        index.SearchField("title", boost=4),
        index.AutocompleteField("name"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("town"),
        index.RelatedFields("needs", [index.SearchField("search_text")]),
        index.FilterField("id"),
        index.FilterField("kind"),
        index.FilterField("authority_id"),
        index.FilterField("min_age"),
        index.FilterField("max_age"),
        index.FilterField("live"),
    ]

    # Indexed on save by directory.signal_handlers.connect_search_index, not Wagtail's own handler:
    # a draft saved or a lock taken writes only bookkeeping columns, and is not re-indexed.
    search_auto_update = False

    # What Wagtail writes when a draft is saved or the listing locked or unlocked: nothing a
    # family sees or searches (the row's other columns are the live version).
    BOOKKEEPING_FIELDS = frozenset(
        {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
    )

    @classmethod
    def saves_only_bookkeeping(cls, update_fields):
        return update_fields is not None and set(update_fields) <= cls.BOOKKEEPING_FIELDS

    @classmethod
    def get_indexed_objects(cls):
        """Each listing is indexed once, as what it is (a Setting or a Service), never as a
        base Listing too: the index would hold every listing twice and a database backend
        would find each one twice. Needs are prefetched (Wagtail prefetches only plain
        many-to-many fields, not modelcluster's), or indexing reads them one listing at a
        time."""
        if cls is Listing:
            return cls.objects.none()
        return super().get_indexed_objects().prefetch_related("needs")

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["live", "name"]),
            # The ORUK API's ETag and Last-Modified: the latest change among published listings.
            models.Index(fields=["live", "last_published_at"]),
            models.Index(fields=["live", "updated_at"]),
            # Covers the reports' per-authority counts (read from the index alone). The other
            # facet indexes went with the SQL facet counts (search/facets.py counts in memory):
            # EXPLAIN on SQLite and PostgreSQL found no query using them.
            models.Index(
                fields=[
                    "authority",
                    "live",
                    "need_mask",
                    "min_age",
                    "max_age",
                    "kind",
                    "listing_type",
                    "has_resourced_provision",
                    "latitude",
                    "longitude",
                ],
                name="listing_facet_authority",
            ),
        ]
        permissions = [
            ("access_all_listings", "Can see every listing, not only those they edit"),
        ]

    def __str__(self):
        return self.name

    @property
    def specific(self):
        """The Setting or Service behind a base Listing row."""
        if type(self) is not Listing:
            return self
        return getattr(self, self.kind)

    @property
    def title(self):
        return self.name

    def get_url(self):
        return reverse("directory:profile", args=[self.slug])

    # Identity: who and what the listing is. Set by the Local Offer team and the registers
    # (GIAS), never by a setting's or service's own editors. The editors' forms leave these
    # fields out (directory/panels.py); this keeps them on every other path too.
    IDENTITY_FIELDS = ("name", "slug", "authority", "urn", "ukprn", "section41_approved")

    def identity_attnames(self):
        names = []
        for name in self.IDENTITY_FIELDS:
            try:
                names.append(self._meta.get_field(name).attname)
            except FieldDoesNotExist:
                continue
        return names

    def live_identity(self):
        """The identity fields as they are in the live row ({} for an unsaved listing)."""
        if self.pk is None:
            return {}
        attnames = self.identity_attnames()
        return type(self).objects.filter(pk=self.pk).values(*attnames).first() or {}

    def save_revision(self, user=None, *args, **kwargs):
        """Every revision saved by an editor without the identity permission carries the live
        identity, whatever their form or the revision they started from (a revert) held."""
        if not may_change_identity(user):
            for attname, value in self.live_identity().items():
                setattr(self, attname, value)
        return super().save_revision(user, *args, **kwargs)

    def publish(self, revision, user=None, *args, **kwargs):
        """A revision written by an editor without the identity permission publishes with the
        identity the listing has now: an officer's correction, or the register's renaming, made
        since the editor started is kept. (In memory only: the revision's history is not
        rewritten.)"""
        if revision.user_id is not None and not may_change_identity(revision.user):
            for attname, value in self.live_identity().items():
                field_name = attname[:-3] if attname.endswith("_id") else attname
                revision.content[field_name] = value
        return super().publish(revision, user, *args, **kwargs)

    get_absolute_url = get_url

    # The standard profile.
    @property
    def standard_profile(self):
        return standard.profile_for(self)

    def evaluate(self):
        return standard.evaluate(self)

    @property
    def is_stale(self):
        return standard.is_stale(self.last_reviewed_on)

    @property
    def age_range(self):
        if self.min_age is None and self.max_age is None:
            return ""
        if self.max_age is None:
            return f"{self.min_age} and over"
        if self.min_age is None:
            return f"up to {self.max_age}"
        return f"{self.min_age} to {self.max_age}"

    @property
    def address_lines(self):
        return [line for line in (self.address_1, self.address_2, self.town, self.postcode) if line]

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must not be below the youngest."})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "Give both latitude and longitude, or neither."})
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            raise ValidationError({"last_reviewed_on": "This date is in the future."})

    # Each kind of listing says which it is; the base table's `kind` column is set from it.
    listing_kind = None

    def save(self, *args, **kwargs):
        if self.listing_kind:
            self.kind = self.listing_kind
        if not self.slug:
            self.slug = unique_slug(self)
        if self._state.adding and not self.source_id:
            candidate = stable_oruk_id(self)
            # A slug can be reused once its first listing is renamed: keep the random default.
            if not Listing.objects.filter(oruk_id=candidate).exists():
                self.oruk_id = candidate
        # Wagtail saves only bookkeeping columns (latest_revision, locking...) when a draft is
        # saved; the derived columns follow the live content, so refresh only on a full save.
        if kwargs.get("update_fields") is None:
            self.refresh_derived()
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision's content never changes the listing's ORUK id or import source: they
        belong to the listing, not to a version of it (and revisions saved before they existed
        do not hold them)."""
        obj = super().with_content_json(content)
        obj.oruk_id = self.oruk_id
        obj.source_id = self.source_id
        obj.source_url = self.source_url
        return obj

    DERIVED_FIELDS = (
        "completeness_score",
        "missing_items",
        "listing_type",
        "has_resourced_provision",
        "need_mask",
    )

    @property
    def approval_status(self):
        """Where the listing is, in its editors' words."""
        awaiting = getattr(self, "awaiting_approval", None)
        if awaiting is None:
            awaiting = bool(self.pk) and self.workflow_in_progress
        if awaiting:
            return "Awaiting approval"
        if not self.live:
            return "Draft: not published"
        if self.has_unpublished_changes:
            return "Published, with changes not yet submitted"
        return "Published"

    def refresh_derived(self):
        """Set the columns derived from the content: the score from the standard, and the
        search columns. Works on unsaved objects too (modelcluster keeps needs in memory)."""
        result = self.evaluate()
        self.completeness_score = result.score
        self.missing_items = result.missing_keys
        self.listing_type = getattr(self, "setting_type", None) or getattr(self, "category", "")
        self.has_resourced_provision = bool(getattr(self, "resourced_provision", ""))
        self.need_mask = need_mask(need.code for need in self.needs.all())

    # Preview in the admin uses the public profile template.
    def get_preview_template(self, request, mode_name):
        return "directory/profile.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        url = request.build_absolute_uri(self.get_url()) if self.slug else ""
        context.update(presentation.profile_context(self, url, is_preview=True))
        return context


# Paths under /directory/ that are pages of their own, never a listing's slug.
RESERVED_SLUGS = frozenset({"compare", "transparency", "shortlist", "search", "api", "feedback"})


def make_slug(name, town, is_taken):
    """A readable, unique slug: "st-marys-primary-school-northbrook", then "-2", "-3"...

    Schools share names across the country ("St Mary's"), so the town is part of the slug.
    `is_taken(slug)` answers whether a slug is in use (a query, or a set during imports).
    """
    base = slugify(f"{name} {town}")[:200] or "listing"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or is_taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


ORUK_NAMESPACE = uuid.UUID("5b0a6d1e-4c1f-5e0b-9a57-1f0c2a3e8d40")


def stable_oruk_id(listing):
    """A new listing's ORUK id: from its URN where it has one (so every directory that loads the
    schools register publishes a school under the same id), otherwise from its first slug."""
    urn = getattr(listing, "urn", None)
    return uuid.uuid5(ORUK_NAMESPACE, f"urn:{urn}" if urn else f"listing:{listing.slug}")


def unique_slug(listing):
    others = Listing.objects.exclude(pk=listing.pk)
    return make_slug(
        listing.name,
        listing.town or listing.postcode,
        lambda slug: others.filter(slug=slug).exists(),
    )


class Setting(Listing):
    """A school, early years setting, college or alternative provision."""

    listing_kind = ListingKind.SETTING

    urn = models.PositiveIntegerField(
        "URN", null=True, blank=True, unique=True, help_text="Unique reference number in GIAS."
    )
    ukprn = models.PositiveIntegerField("UKPRN", null=True, blank=True)
    setting_type = models.CharField(
        "type", max_length=20, choices=SettingType.choices, default=SettingType.MAINSTREAM
    )
    phase = models.CharField(max_length=12, choices=Phase.choices, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    pupils_on_roll = models.PositiveIntegerField(null=True, blank=True)
    section41_approved = models.BooleanField(
        "approved under section 41",
        default=False,
        help_text="Independent special schools and post-16 institutions on the Secretary of "
        "State's list (Children and Families Act 2014, s41).",
    )

    resourced_provision = models.CharField(
        max_length=10, choices=ResourcedProvision.choices, blank=True
    )
    resourced_provision_needs = ParentalManyToManyField(
        Need, blank=True, related_name="resourced_settings", verbose_name="resourced provision for"
    )
    resourced_provision_capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    resourced_provision_on_roll = models.PositiveSmallIntegerField(null=True, blank=True)
    sen_unit_capacity = models.PositiveSmallIntegerField("SEN unit capacity", null=True, blank=True)
    sen_unit_on_roll = models.PositiveSmallIntegerField("SEN unit on roll", null=True, blank=True)

    send_page_url = models.URLField(
        "SEND information report on the setting's website",
        max_length=500,
        blank=True,
        validators=[validate_link],
    )

    # The SEND information report: Schedule 1 of the SEND Regulations 2014 (reg. 51).
    sen_kinds = models.TextField("the kinds of SEN provided for", blank=True)
    sen_identification = models.TextField("identifying and assessing pupils with SEN", blank=True)
    sen_evaluation = models.TextField("how the setting checks its SEN support works", blank=True)
    sen_progress = models.TextField("assessing and reviewing progress", blank=True)
    sen_teaching = models.TextField("approach to teaching", blank=True)
    sen_adaptations = models.TextField("adapting the curriculum and environment", blank=True)
    sen_additional_support = models.TextField("additional support for learning", blank=True)
    sen_activities = models.TextField(
        "joining in activities, including physical activities", blank=True
    )
    sen_wellbeing = models.TextField("emotional, mental and social development", blank=True)
    senco_name = models.CharField("SENCo name", max_length=120, blank=True)
    senco_email = models.EmailField("SENCo email", blank=True)
    senco_phone = models.CharField("SENCo phone", max_length=40, blank=True)
    staff_expertise = models.TextField("staff expertise and training in SEN", blank=True)
    equipment = models.TextField("equipment and facilities", blank=True)
    parent_involvement = models.TextField("how parents are consulted and involved", blank=True)
    pupil_involvement = models.TextField(
        "how children and young people are consulted and involved", blank=True
    )
    complaints = models.TextField("complaints about SEN provision", blank=True)
    partner_agencies = models.TextField(
        "working with health, social care and other services", blank=True
    )
    family_support_services = models.TextField(
        "support services for parents, including SENDIAS", blank=True
    )
    transitions = models.TextField("moving between phases and preparing for adulthood", blank=True)
    local_offer_link = models.TextField("where the Local Offer is published", blank=True)

    # The SENCo and the structured facts families ask for.
    senco_qualification = models.CharField(
        "SENCo qualification",
        max_length=12,
        choices=SencoQualification.choices,
        blank=True,
        help_text="The national SENCo qualification: the NPQ for SENCos (for anyone starting "
        "from 1 September 2024), or the NASENCO if begun before then. If they are working "
        "towards one, give the date they started.",
    )
    senco_qualification_started_on = models.DateField(
        "SENCo qualification started on", null=True, blank=True
    )
    senco_on_leadership_team = models.BooleanField(
        "SENCo is on the senior leadership team", null=True, blank=True
    )
    senco_hours = models.DecimalField(
        "SENCo hours a week",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    staff_send_training = models.TextField("SEND training staff had this year", blank=True)
    notional_send_budget = models.TextField("how the notional SEND budget is used", blank=True)
    sen_support_percent = models.DecimalField(
        "pupils on SEN support (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    ehc_plan_percent = models.DecimalField(
        "pupils with an EHC plan (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    suspensions = models.PositiveIntegerField("suspensions last school year", null=True, blank=True)
    permanent_exclusions = models.PositiveIntegerField(
        "permanent exclusions last school year", null=True, blank=True
    )
    part_time_timetables = models.PositiveIntegerField(
        "pupils on a part-time timetable", null=True, blank=True
    )
    accessibility_plan_url = models.URLField(
        "accessibility plan", max_length=500, blank=True, validators=[validate_link]
    )
    disabled_admissions = models.TextField(
        "admitting disabled pupils and preventing less favourable treatment", blank=True
    )
    report_published_on = models.DateField("report published on", null=True, blank=True)

    search_fields = Listing.search_fields + [
        index.SearchField("get_setting_type_display"),
        index.SearchField("sen_kinds"),
        index.SearchField("sen_teaching"),
        index.SearchField("sen_additional_support"),
        index.SearchField("equipment"),
        index.FilterField("setting_type"),
        index.FilterField("phase"),
        index.FilterField("resourced_provision"),
    ]

    class Meta:
        verbose_name = "school or setting"
        verbose_name_plural = "schools and settings"

    def clean(self):
        super().clean()
        if self.senco_qualification == SencoQualification.IN_PROGRESS and not (
            self.senco_qualification_started_on
        ):
            raise ValidationError(
                {"senco_qualification_started_on": "Give the date the SENCo started it."}
            )
        if self.senco_qualification_started_on and (
            self.senco_qualification_started_on > timezone.localdate()
        ):
            raise ValidationError({"senco_qualification_started_on": "This date is in the future."})


class Service(Listing):
    """A service for children and young people with SEND, or their families."""

    listing_kind = ListingKind.SERVICE

    category = models.CharField(max_length=30, choices=ServiceCategory.choices)
    provider = models.CharField(
        max_length=200, blank=True, help_text="The organisation that runs it."
    )
    eligibility = models.TextField("who can use it", blank=True)
    referral_route = models.TextField("how to get it", blank=True)
    self_referral = models.BooleanField("families can refer themselves", null=True, blank=True)
    cost = models.CharField(
        max_length=200, blank=True, help_text="“Free”, or what it costs and who pays."
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        "current waiting time in weeks",
        null=True,
        blank=True,
        validators=[MaxValueValidator(260)],
    )
    waiting_stated_on = models.DateField("waiting time stated on", null=True, blank=True)
    opening_hours = models.CharField(max_length=200, blank=True)

    search_fields = Listing.search_fields + [
        # The category's name ("Short breaks", "Leisure and activities"), so that the words of
        # a type of service find its services whatever their names say.
        index.SearchField("get_category_display"),
        index.SearchField("provider"),
        index.SearchField("eligibility"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"

    def clean(self):
        super().clean()
        if self.waiting_weeks is not None and not self.waiting_stated_on:
            raise ValidationError({"waiting_stated_on": "Say when this waiting time was true."})
        if self.waiting_stated_on and self.waiting_stated_on > timezone.localdate():
            raise ValidationError({"waiting_stated_on": "This date is in the future."})

    @property
    def group(self):
        return SERVICE_GROUPS.get(self.category)

    @property
    def waiting_time_is_current(self):
        """A waiting time is current if stated within the standard's age limit."""
        return self.waiting_weeks is not None and standard.waiting_time_is_current(
            self.waiting_stated_on
        )

    @property
    def waiting_time_is_out_of_date(self):
        """A waiting time is given, but stated longer ago than the standard allows."""
        return self.waiting_weeks is not None and not self.waiting_time_is_current
