"""The guide's page types: the index, guide pages and the EHC deadlines calculator."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from directory.accountability import LOCAL_OFFER_COVERAGE

from .. import blocks, deadlines, glossary, readability, table_of_contents
from ..deadlines_form import DeadlinesForm
from ..panels import ReadabilityPanel
from .coproduction import CHECK_EVERY_MONTHS, ParentCarerForum, next_check_after
from .glossary import GlossaryTerm
from .signoff import SignOffRequiredPage


class GuideSection(models.TextChoices):
    STARTING = "starting", "Getting started"
    SCHOOL = "school", "Support in nursery, school and college"
    EHC = "ehc", "EHC needs assessments and plans"
    DISAGREE = "disagree", "When you disagree"
    LIFE = "life", "Growing up and everyday life"


COVERAGE_CHOICES = [(c.key, c.label) for c in LOCAL_OFFER_COVERAGE]


class CoproducedPage(SignOffRequiredPage, Page):
    """What every guide page records about how it was made and when it was last checked."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences: shown on the guide's contents page and in search.",
    )
    section = models.CharField(max_length=20, choices=GuideSection.choices)
    coproduced_with = ParentalManyToManyField(
        ParentCarerForum,
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        verbose_name="Written with",
        help_text="The parent carer forum(s) who wrote or checked this page with the council.",
    )
    last_checked_on = models.DateField(
        null=True,
        blank=True,
        help_text="Set when a forum signs the page off; change it only to record a check made "
        "another way.",
    )
    # A translation's English page as it was when the translation was made or last brought up
    # to date: when it was checked, and its published version (a later publish of the English
    # page may have changed what the translation says). Empty on an English page.
    translated_from_checked_on = models.DateField(
        "English page checked on",
        null=True,
        blank=True,
        help_text="The date the English page was checked, when this translation was made from it.",
    )
    translated_from_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="English version",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The English page's published version this translation was made from.",
    )
    next_check_due = models.DateField(
        null=True,
        blank=True,
        help_text=f"Left blank, this is {CHECK_EVERY_MONTHS} months after the last check.",
    )
    published_without_sign_off = models.BooleanField(
        default=False,
        editable=False,
        help_text="This version went live without the parent carer forum's sign-off; readers "
        "are told so. Cleared when the forum next signs the page off.",
    )
    reviewed_against_law_on = models.DateField(
        null=True,
        blank=True,
        help_text="When this page's statements were last checked against the law. The national "
        "guide pack sets it; change it when you check the law yourself.",
    )
    guide_pack_version = models.CharField(
        max_length=40,
        blank=True,
        help_text="The version of the national guide pack this page's text came from "
        "(set by load_guide).",
    )
    guide_pack_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A fingerprint of the pack's text for this page, so load_guide knows when the "
        "national text has changed.",
    )
    reading_grade = models.FloatField(
        null=True, blank=True, editable=False, help_text="Flesch-Kincaid grade of the text."
    )
    local_offer_category = models.CharField(
        max_length=40,
        choices=COVERAGE_CHOICES,
        blank=True,
        help_text="The part of the Local Offer (SEND Regulations 2014, Schedule 2) this page "
        "covers, for the coverage report.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_checked_on and not self.next_check_due:
            self.next_check_due = next_check_after(self.last_checked_on)
        if (
            self.last_checked_on
            and self.next_check_due
            and self.next_check_due < self.last_checked_on
        ):
            raise ValidationError({"next_check_due": "The next check must be after the last one."})
        measured = self.readability()
        self.reading_grade = measured.grade if measured else None

    def reading_text(self):
        return [self.summary]

    def readability(self):
        return readability.measure(self.reading_text())

    @property
    def check_overdue(self):
        return bool(self.next_check_due and self.next_check_due < timezone.localdate())

    def english_page(self):
        """The English page this is a translation of (None on an English page)."""
        if self.locale.is_default:
            return None
        source = self.get_translation_or_none(Locale.get_default())
        return source.specific if source is not None else None

    def translate_from(self, english):
        """Record the English page this translation now says (on making it, and whenever a
        translator brings it up to date)."""
        # As stored: the object in hand may predate its latest publish.
        checked_on, revision_id = (
            type(english)
            .objects.filter(pk=english.pk)
            .values_list("last_checked_on", "live_revision_id")
            .get()
        )
        self.translated_from_checked_on = checked_on
        self.translated_from_revision_id = revision_id

    def translation_status(self):
        """For a translation: its English page, and whether that page has been published
        again since the translation was made from it (so it may now say something else)."""
        english = self.english_page()
        if english is None:
            return None
        changed = english.live and english.live_revision_id != self.translated_from_revision_id
        return {"english": english, "out_of_date": changed}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = list(self.coproduced_with.all())
        # Families' pages are served in their own language (a prefix per language): an English
        # address is an English page, which needs no lookup of what it was translated from.
        english_address = translation.get_language() == settings.LANGUAGE_CODE
        context["translation"] = None if english_address else self.translation_status()
        context["siblings"] = self.get_siblings(inclusive=False).live().public().order_by("path")
        return context


def coproduced_content_panels(*panels):
    """The editor's Content tab: the reading level first, then the page's own fields."""
    return [
        ReadabilityPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("section"),
        *panels,
    ]


def coproduced_edit_handler(content_panels):
    """Content, Coproduction (who wrote it, when it was checked) and Promote tabs."""
    coproduction = [
        FieldPanel("coproduced_with", widget=forms.CheckboxSelectMultiple),
        FieldPanel("last_checked_on"),
        FieldPanel("next_check_due"),
        FieldPanel("reviewed_against_law_on"),
        FieldPanel("guide_pack_version", read_only=True),
        FieldPanel("translated_from_checked_on", read_only=True),
        FieldPanel("translated_from_revision", read_only=True),
        FieldPanel("local_offer_category"),
    ]
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(
                [MultiFieldPanel(coproduction, heading="Coproduction")], heading="Coproduction"
            ),
            ObjectList(Page.promote_panels, heading="Promote"),
        ]
    )


class GuideIndexPage(SignOffRequiredPage, RoutablePageMixin, Page):
    """/guide/: the guide's contents, by section, and the “Words we use” glossary."""

    intro = RichTextField(features=["bold", "link"], blank=True)
    authority = models.ForeignKey(
        "directory.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The local authority whose Local Offer this guide is part of. Leave blank if "
        "it is for every authority on this site.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("authority")]
    subpage_types = ["guidance.GuidePage", "guidance.EHCDeadlinesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "guide contents page"

    def guide_pages(self):
        return [
            page
            for page in self.get_children().live().public().specific().order_by("path")
            if isinstance(page, CoproducedPage)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = self.guide_pages()
        context["sections"] = [
            (label, [p for p in pages if p.section == key])
            for key, label in GuideSection.choices
            if any(p.section == key for p in pages)
        ]
        return context

    @path("")
    def contents(self, request):
        return self.render(request)

    @path("words-we-use/")
    def words_we_use(self, request):
        return self.render(
            request,
            context_overrides={"terms": GlossaryTerm.objects.filter(live=True)},
            template="guidance/words_we_use.html",
        )


class GuidePage(RoutablePageMixin, CoproducedPage):
    body = StreamField(blocks.GuideStreamBlock(), use_json_field=True)

    search_fields = CoproducedPage.search_fields + [
        index.SearchField("body"),
        # Questions and answers again, weighted, so a family's question is found by the words
        # of its answer as readily as by the question's own.
        index.SearchField("questions_and_answers", boost=2),
    ]

    content_panels = coproduced_content_panels(FieldPanel("body"))
    edit_handler = coproduced_edit_handler(content_panels)
    parent_page_types = ["guidance.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "guide page"

    def reading_text(self):
        return [self.summary, *blocks.reading_text(self.body)]

    def questions_and_answers(self):
        """The text of every question and its answer on the page, for the search index."""
        return "\n".join(
            blocks.rich_text_to_plain(text) if hasattr(text, "source") else str(text)
            for child in self.body
            if child.block_type == "questions"
            for question in child.value["questions"]
            for text in (question["question"], question["answer"])
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        html, context["contents"] = table_of_contents.render_with_headings(
            self.body, {"page": self, "request": request}
        )
        # A page about a term (its title starts with it) explains that term itself.
        title = self.title.lower()
        terms = [
            term
            for term in GlossaryTerm.objects.filter(live=True)
            if not any(title.startswith(spelling.lower()) for spelling in term.spellings())
        ]
        body_html, terms_used = glossary.explain_first_use(str(html), terms)
        context["body_html"] = mark_safe(body_html)  # noqa: S308 - our own rendered blocks
        context["terms_used"] = terms_used
        return context

    @path("")
    def page(self, request):
        return self.render(request)

    @path("letters/<slug:letter>/")
    def letter_download(self, request, letter):
        """A template letter, filled in with what the site knows (guidance/letters.py), as a
        Word document (?format=docx) or a text file."""
        from directory.sites import authority_for_request
        from home.models import AuthoritySettings

        from .. import letters

        for child in self.body:
            if (
                child.block_type == "letter"
                and blocks.letter_filename(child.value["title"]) == f"{letter}.txt"
            ):
                settings = None
                if authority_for_request(request) is not None:
                    settings = AuthoritySettings.for_request(request)
                title = child.value["title"]
                text = letters.filled_in(child.value["letter"], letters.known_blanks(settings))
                if request.GET.get("format") == "docx":
                    response = HttpResponse(
                        letters.as_docx(title, text),
                        content_type="application/vnd.openxmlformats-officedocument."
                        "wordprocessingml.document",
                    )
                    response["Content-Disposition"] = f'attachment; filename="{letter}.docx"'
                    return response
                response = HttpResponse(
                    letters.as_text(title, text), content_type="text/plain; charset=utf-8"
                )
                response["Content-Disposition"] = f'attachment; filename="{letter}.txt"'
                return response
        raise Http404("No such letter on this page.")


class EHCDeadlinesPage(CoproducedPage):
    """Works out the statutory deadlines a family meets (EHC needs assessment, reviews, moving
    school, appeals and claims) from the family's dates."""

    intro = RichTextField(features=["bold", "link", "ul"], blank=True)

    content_panels = coproduced_content_panels(FieldPanel("intro"))
    edit_handler = coproduced_edit_handler(content_panels)
    parent_page_types = ["guidance.GuideIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "EHC deadlines calculator"

    def reading_text(self):
        return [self.summary, blocks.rich_text_to_plain(self.intro)]

    def serve(self, request, *args, **kwargs):
        today = timezone.localdate()
        submitted = DeadlinesForm.submitted(request.GET)
        form = DeadlinesForm(request.GET if submitted else None, today=today)
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        context["today"] = today
        context["laws"] = deadlines.LAWS
        status = 200
        if submitted and form.is_valid():
            context["deadlines"] = form.deadlines()
            if request.GET.get("format") == "ics":
                return self.calendar_file(request, context["deadlines"], today)
            ics_query = request.GET.copy()
            ics_query["format"] = "ics"
            context["calendar_url"] = "?" + ics_query.urlencode()
        elif submitted:
            status = 400
        return render(request, self.get_template(request), context, status=status)

    def calendar_file(self, request, found, today):
        """The family's dates as an .ics file (guidance/calendar.py)."""
        from ..calendar import deadlines_calendar

        url = request.build_absolute_uri(self.get_url(request))
        response = HttpResponse(
            deadlines_calendar(found, url, today), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="ehc-deadlines.ics"'
        return response
