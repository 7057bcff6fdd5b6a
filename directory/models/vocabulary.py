from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin

import roles

from ..vocabulary import parse_words, words_of
from .authorities import LocalAuthority


class SearchWordsForm(WagtailAdminModelForm):
    """A council's officer adds words for their own authority; national staff add words for
    every authority (no authority) or for one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("authority")
        if field is None or self.for_user is None:
            return
        ids = roles.authority_ids(self.for_user)
        if ids is None:
            field.empty_label = "Every authority (national words)"
            return
        field.queryset = LocalAuthority.objects.filter(pk__in=ids)
        field.required = True
        field.empty_label = None
        field.help_text = "Your words are used in searches of your authority's area."


class SearchWords(RevisionMixin, models.Model):
    """Officers' additions to the SEND vocabulary (directory/vocabulary.py): words families
    type that mean the same as a term the directory uses ("play scheme" = "short breaks").
    National words (no authority) are used in every search; an authority's in searches of its
    area and on its own Local Offer site (search/vocabulary.py). Each save keeps a revision;
    the next search reads the change (it moves the directory version)."""

    authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_words",
        help_text="Leave empty for words used in every authority's search.",
    )
    term = models.CharField(
        "the directory's word",
        max_length=100,
        help_text="What listings say, for example “short breaks”.",
    )
    words = models.TextField(
        "words families use for it",
        help_text="Separate them with commas or put one on each line, for example "
        "“play scheme, holiday club, respite”. A search for any of these words, or for the "
        "directory's word, finds listings that use any of them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("authority"), FieldPanel("term"), FieldPanel("words")]
    base_form_class = SearchWordsForm

    class Meta:
        ordering = ["term"]
        verbose_name = "search words"
        verbose_name_plural = "search words"
        constraints = [
            models.UniqueConstraint(
                fields=["term", "authority"],
                name="search_words_one_entry_per_term_and_authority",
                violation_error_message="There are words for this term here already: "
                "add to them instead.",
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=models.Q(authority__isnull=True),
                name="search_words_one_national_entry_per_term",
                violation_error_message="There are national words for this term already: "
                "add to them instead.",
            ),
        ]

    def __str__(self):
        words = f"{self.term} = {', '.join(self.phrases()[1:])}"
        return words if self.authority_id is None else f"{words} ({self.authority})"

    def phrases(self):
        """The term, then each of the families' words (as the vocabulary reads them)."""
        return [self.term.strip(), *parse_words(self.words)]

    def clean(self):
        super().clean()
        if not words_of(self.term):
            raise ValidationError({"term": "Give a word with letters or numbers in it."})
        phrases = parse_words(self.words)
        if not phrases:
            raise ValidationError({"words": "Give at least one word families use."})
        empty = [phrase for phrase in phrases if not words_of(phrase)]
        if empty:
            raise ValidationError({"words": f"“{empty[0]}” has no letters or numbers in it."})
        long = [phrase for phrase in phrases if len(words_of(phrase)) > 6]
        if long:
            raise ValidationError(
                {"words": f"“{long[0]}” is too long: use at most six words for each."}
            )
