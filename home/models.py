from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from directory.links import validate_link

from .languages import LanguageCodesField


@register_setting(icon="site")
class AuthoritySettings(BaseSiteSetting):
    """Who runs this Local Offer and how families reach them; shown in the header and footer."""

    authority_name = models.CharField(
        max_length=120,
        default="Local Offer",
        help_text="Shown in the header of every page, e.g. “Northbrook Council”.",
    )
    service_name = models.CharField(
        max_length=120,
        default="SEND Local Offer",
        help_text="The name of this service, shown beside the authority's name.",
    )
    phase = models.CharField(
        max_length=20,
        blank=True,
        default="Beta",
        help_text="Shown in the phase banner (e.g. Alpha, Beta). Leave blank to hide the banner.",
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    contact_hours = models.CharField(
        max_length=200, blank=True, help_text="When the phone line is open."
    )

    sendias_name = models.CharField(
        "SENDIAS service name",
        max_length=200,
        blank=True,
        help_text="The free, impartial SEND information, advice and support service "
        "(Children and Families Act 2014, section 32).",
    )
    sendias_phone = models.CharField("SENDIAS phone", max_length=40, blank=True)
    sendias_email = models.EmailField("SENDIAS email", blank=True)
    sendias_website = models.URLField("SENDIAS website", blank=True, validators=[validate_link])
    sendias_hours = models.CharField("SENDIAS opening hours", max_length=200, blank=True)

    languages = LanguageCodesField(
        "languages besides English",
        help_text="Families can read this Local Offer in these languages too: the fixed text "
        "of every page, and each guide page once its translation is signed off.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("authority_name"), FieldPanel("service_name"), FieldPanel("phase")],
            heading="Authority",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_hours"),
                FieldPanel("contact_address"),
            ],
            heading="Local Offer team contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sendias_name"),
                FieldPanel("sendias_phone"),
                FieldPanel("sendias_email"),
                FieldPanel("sendias_website"),
                FieldPanel("sendias_hours"),
            ],
            heading="SENDIAS (information, advice and support)",
        ),
        FieldPanel("languages"),
    ]

    class Meta:
        verbose_name = "Authority and contacts"

    def __str__(self):
        return self.authority_name


class EntryPointBlock(blocks.StructBlock):
    """One plain-English way in from the home page, e.g. “My child may have SEND”."""

    heading = blocks.CharBlock(max_length=80)
    summary = blocks.TextBlock(max_length=300)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        validators=[validate_link],
        help_text="Used when no page is chosen, e.g. /directory/ for the directory search.",
    )

    class Meta:
        icon = "link"
        template = "components/entry_point.html"


class HomePage(Page):
    """The front door: four plain-English entry points and the SENDIAS contact."""

    intro = RichTextField(features=["bold", "link"], blank=True)
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        blank=True,
        max_num=6,
        help_text="The main ways in. Keep each heading in the words families use.",
    )
    show_help_now = models.BooleanField(
        "Show “Get help now”",
        default=True,
        help_text="Shows the SENDIAS contact from the Authority and contacts settings.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("entry_points"),
        FieldPanel("show_help_now"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Home page"


class FeedbackTheme(models.TextChoices):
    FINDING = "finding", "Finding information"
    MISSING = "missing", "Something missing"
    WRONG = "wrong", "Something wrong or out of date"
    ACCESSIBILITY = "accessibility", "Accessibility"
    SERVICES = "services", "Services and support"
    OTHER = "other", "Other"


class Feedback(models.Model):
    """What a visitor told us about a page, and what the Local Offer team did about it.

    The SEND Regulations 2014 (reg. 56) require the authority to publish comments on its Local
    Offer and its response. Visitors give no personal details; officers publish their own
    summary of what was said (never the raw text, which might name a child) with the response.
    """

    # The Local Offer it was given on (the site's authority); blank on the national site.
    authority = models.ForeignKey(
        "directory.LocalAuthority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
    )
    page = models.CharField("page it was about", max_length=300, blank=True)
    useful = models.BooleanField("was the page useful", null=True, blank=True)
    message = models.TextField("what was missing or wrong", max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    theme = models.CharField(max_length=20, choices=FeedbackTheme.choices, blank=True)
    you_said = models.TextField(
        "you said (public summary)",
        blank=True,
        help_text="A short summary to publish, with no names or details that identify anyone.",
    )
    we_did = models.TextField(
        "we did (public response)", blank=True, help_text="What you changed or will change."
    )
    responded_at = models.DateTimeField(null=True, blank=True, editable=False)
    responded_by = models.ForeignKey(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    published = models.BooleanField(
        "show on the “You said, we did” page",
        default=False,
        help_text="Needs a theme, a summary and a response.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("page", read_only=True),
                FieldPanel("useful", read_only=True),
                FieldPanel("message", read_only=True),
            ],
            heading="What the visitor said",
        ),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("you_said"),
                FieldPanel("we_did"),
                FieldPanel("published"),
            ],
            heading="Our response",
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"Feedback on {self.page or 'the site'} ({self.created_at:%d %b %Y})"

    @property
    def excerpt(self):
        text = " ".join(self.message.split())
        return text if len(text) <= 90 else text[:89] + "…"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.published and not (self.theme and self.you_said.strip() and self.we_did.strip()):
            raise ValidationError(
                {"published": "Choose a theme and write both the summary and the response first."}
            )
