from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Revision,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .signoff import SignOffRequired

# Words so common that explaining them would rewrite every page (“the, and, a”).
STOP_WORDS = frozenset(
    """a about after all also am an and any are as at be because been before but by can could
    did do does each for from get got had has have he her here him his how i if in into is it
    its just may me more most must my no not now of on one only or our out over she should so
    some than that the their them then there these they this those to too up us very was we
    were what when where which who why will with would yes you your""".split()
)


def split_spellings(text):
    return [s.strip() for s in text.split(",") if s.strip()]


class GlossaryTerm(
    SignOffRequired,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A word families meet in the guide, explained once; pages explain it at its first use.

    A term changes the text of every guide page that uses it, so, like the pages, it has drafts
    and revisions and goes live only through the guide's coproduction workflow (the forum's
    sign-off; signoff.py). Pages use only live terms, as they were published.
    """

    term = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    other_spellings = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other ways the word is written, separated by commas, e.g. “EHCP, EHC plans”.",
    )
    short_explanation = models.CharField(
        max_length=200,
        help_text="Shown in brackets after the word's first use on a page. Keep it short and "
        "plain, e.g. “a legal document that says what help your child must get”.",
    )
    explanation = models.TextField(
        blank=True, help_text="A fuller explanation for the “Words we use” page."
    )

    _revisions = GenericRelation(Revision, related_query_name="glossaryterm")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="glossaryterm",
        for_concrete_model=False,
    )

    search_fields = [
        index.SearchField("term", boost=2),
        index.SearchField("short_explanation"),
        index.AutocompleteField("term"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    def free_slug(self):
        base = slugify(self.term)[:74] or "term"
        slug, n = base, 2
        taken = GlossaryTerm.objects.exclude(pk=self.pk)
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def spellings(self):
        return [self.term, *split_spellings(self.other_spellings)]

    def clean(self):
        super().clean()
        errors = {}
        for field, spellings in (
            ("term", [self.term.strip()] if self.term else []),
            ("other_spellings", split_spellings(self.other_spellings)),
        ):
            problems = self.spelling_problems(spellings)
            if problems:
                errors[field] = problems
        if not errors:
            clash = self.clash_with_other_terms()
            if clash:
                errors["other_spellings" if clash[1] != self.term.lower() else "term"] = clash[0]
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def spelling_problems(spellings):
        problems = []
        for spelling in spellings:
            letters = sum(c.isalnum() for c in spelling)
            if letters < 2:
                problems.append(
                    f"“{spelling}” is too short: a spelling needs at least two letters, or it "
                    "would be explained inside other words."
                )
            elif spelling.lower() in STOP_WORDS:
                problems.append(
                    f"“{spelling}” is too common a word to explain: it would change the text "
                    "of nearly every page."
                )
        return problems

    def clash_with_other_terms(self):
        """(message, spelling) for the first spelling given twice, here or by another term
        (live, or in its latest draft); None when every spelling is new."""
        mine = [s.lower() for s in self.spellings() if s]
        seen = set()
        for spelling in mine:
            if spelling in seen:
                return f"“{spelling}” is given more than once.", spelling
            seen.add(spelling)
        others = GlossaryTerm.objects.exclude(pk=self.pk)
        drafts = {
            revision.object_id: revision.content
            for revision in Revision.objects.filter(
                pk__in=others.exclude(latest_revision=None).values("latest_revision")
            )
        }
        for other in others:
            versions = [other.spellings()]
            draft = drafts.get(str(other.pk))
            if draft:
                versions.append(
                    [draft.get("term", ""), *split_spellings(draft.get("other_spellings", ""))]
                )
            for version in versions:
                theirs = {s.lower() for s in version if s}
                common = [s for s in mine if s in theirs]
                if common:
                    return f"“{common[0]}” is already a spelling of “{other.term}”.", common[0]
        return None
