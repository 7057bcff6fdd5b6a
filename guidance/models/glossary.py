from django.db import models
from django.utils.text import slugify
from wagtail.search import index


class GlossaryTerm(index.Indexed, models.Model):
    """A word families meet in the guide, explained once; pages explain it at its first use."""

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

    search_fields = [
        index.SearchField("term", boost=2),
        index.SearchField("short_explanation"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:80]
        super().save(*args, **kwargs)

    def spellings(self):
        extra = [s.strip() for s in self.other_spellings.split(",") if s.strip()]
        return [self.term, *extra]
