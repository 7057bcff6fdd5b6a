from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


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
    sendias_website = models.URLField("SENDIAS website", blank=True)
    sendias_hours = models.CharField("SENDIAS opening hours", max_length=200, blank=True)

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
