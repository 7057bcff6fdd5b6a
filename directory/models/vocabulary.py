from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin

from ..vocabulary import parse_words, words_of


class SearchWords(RevisionMixin, models.Model):
    """Officers' additions to the SEND vocabulary (directory/vocabulary.py): words families
    type that mean the same as a term the directory uses ("play scheme" = "short breaks").
    Each save keeps a revision; the next search reads the change (it moves the directory
    version, search/vocabulary.py)."""

    term = models.CharField(
        "the directory's word",
        max_length=100,
        unique=True,
        help_text="What listings say, for example “short breaks”.",
    )
    words = models.TextField(
        "words families use for it",
        help_text="Separate them with commas or put one on each line, for example "
        "“play scheme, holiday club, respite”. A search for any of these words, or for the "
        "directory's word, finds listings that use any of them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("words")]

    class Meta:
        ordering = ["term"]
        verbose_name = "search words"
        verbose_name_plural = "search words"

    def __str__(self):
        return f"{self.term} = {', '.join(self.phrases()[1:])}"

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
