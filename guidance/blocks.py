"""The building blocks of a guide page, one for each kind of thing families need to read.

Each block says what text a family reads in it (`reading_text`: headings, call-out labels and
citations included, as the page shows them; not URLs or a letter to copy), and which section
headings it adds to the page's “On this page” list (`toc_items`). Each has a `description` and a
`preview_value` for the editor's block picker.
"""

import re
from html import unescape
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from directory.links import validate_link
from directory.taxonomy import LISTING_KINDS, NEED_TYPES

# Headings inside guide pages start at h2; the page title is the h1.
PARAGRAPH_FEATURES = ["h2", "h3", "bold", "link", "ol", "ul", "document-link"]
SHORT_FEATURES = ["bold", "link", "ol", "ul"]


H2 = re.compile(r"<h2[^>]*>(?P<text>.*?)</h2>", re.DOTALL)
PREVIEW_TEMPLATE = "guidance/blocks/preview.html"


def source_of(value):
    return value.source if isinstance(value, RichText) else str(value or "")


def rich_text_to_plain(value):
    """The readable text of rich text, headings included (a family reads them too)."""
    source = source_of(value)
    # Block-level ends become sentence breaks so list items are not read as one sentence.
    for tag in ("</p>", "</li>", "</h2>", "</h3>", "<br/>", "<br>"):
        source = source.replace(tag, f"{tag}\n")
    return unescape(strip_tags(source))


def source_line(citation):
    return [f"Source: {citation}"] if citation else []


class ReadableMixin:
    """`reading_text(value)` returns the family-facing text of a block as a list of strings."""

    reading_fields = ()

    def toc_items(self, value):
        """The section headings this block renders, for “On this page”. Most blocks have none."""
        return []

    def list_reading_text(self, list_name, value):
        """The reading text of each item of one of this block's lists of blocks."""
        child = self.child_blocks[list_name].child_block
        return [text for item in value.get(list_name) or [] for text in child.reading_text(item)]

    def reading_text(self, value):
        texts = []
        for name in self.reading_fields:
            field = value.get(name)
            if isinstance(field, RichText):
                texts.append(rich_text_to_plain(field))
            elif field:
                texts.append(str(field))
        return texts


class LawBlock(ReadableMixin, blocks.StructBlock):
    """“What the law says”: a plain summary and the exact source, so families can quote it."""

    summary = blocks.TextBlock(help_text="In plain words, what the law says. One or two sentences.")
    citation = blocks.CharBlock(
        max_length=255,
        help_text="The exact source, e.g. “Children and Families Act 2014, section 36(8)” or "
        "“SEND Code of Practice 2015, paragraph 9.14”.",
    )
    source_url = blocks.URLBlock(
        required=False,
        validators=[validate_link],
        help_text="A link to the source on legislation.gov.uk or GOV.UK.",
    )

    def reading_text(self, value):
        return ["What the law says", value["summary"], *source_line(value["citation"])]

    class Meta:
        icon = "openquote"
        label = "What the law says"
        template = "guidance/blocks/law.html"
        preview_template = PREVIEW_TEMPLATE
        description = "A plain summary of the law with its exact source, so families can quote it."
        preview_value = {
            "summary": "You can ask the council for an EHC needs assessment yourself.",
            "citation": "Children and Families Act 2014, section 36(1)",
            "source_url": "https://www.legislation.gov.uk/ukpga/2014/6/section/36",
        }


class RightsBlock(ReadableMixin, blocks.StructBlock):
    """“You have the right to…”: short statements that each finish that sentence."""

    rights = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        help_text="Each one finishes the sentence “You have the right to …”.",
    )
    citation = blocks.CharBlock(max_length=255, required=False)

    def reading_text(self, value):
        return ["You have the right to:", *value["rights"], *source_line(value["citation"])]

    class Meta:
        icon = "tick-inverse"
        label = "You have the right to…"
        template = "guidance/blocks/rights.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Short statements that each finish “You have the right to…”, with the law."
        preview_value = {
            "rights": ["ask for an EHC needs assessment yourself", "appeal if the council says no"],
            "citation": "Children and Families Act 2014, sections 36 and 51",
        }


class StepBlock(ReadableMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_FEATURES)

    def reading_text(self, value):
        return [value["heading"], rich_text_to_plain(value["text"])]


class StepsBlock(ReadableMixin, blocks.StructBlock):
    """Numbered steps, in the order a family takes them."""

    heading = blocks.CharBlock(max_length=120, required=False)
    steps = blocks.ListBlock(StepBlock())

    def reading_text(self, value):
        return [value["heading"], *self.list_reading_text("steps", value)]

    def toc_items(self, value):
        return [value["heading"]] if value["heading"] else []

    class Meta:
        icon = "list-ol"
        label = "Numbered steps"
        template = "guidance/blocks/steps.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Numbered steps, in the order a family takes them."
        preview_value = {
            "heading": "How to ask",
            "steps": [
                {"heading": "Write to the council", "text": "<p>Keep a copy.</p>"},
                {"heading": "Wait for the answer", "text": "<p>It must reply in 6 weeks.</p>"},
            ],
        }


class QuestionBlock(ReadableMixin, blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=SHORT_FEATURES)

    reading_fields = ("question", "answer")


class QuestionsBlock(ReadableMixin, blocks.StructBlock):
    """Questions and answers that open and close without JavaScript (details and summary)."""

    heading = blocks.CharBlock(max_length=120, default="Questions families ask")
    questions = blocks.ListBlock(QuestionBlock())

    def reading_text(self, value):
        return [value["heading"], *self.list_reading_text("questions", value)]

    def toc_items(self, value):
        return [value["heading"]] if value["heading"] else []

    class Meta:
        icon = "help"
        label = "Questions and answers"
        template = "guidance/blocks/questions.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Questions families ask, each opening to its answer (no JavaScript needed)."
        preview_value = {
            "heading": "Questions families ask",
            "questions": [
                {
                    "question": "Does my child need a diagnosis?",
                    "answer": "<p>No. Help is based on what your child needs.</p>",
                }
            ],
        }


def directory_kind_choices():
    """The `kind` values /directory/ accepts (directory.taxonomy.LISTING_KINDS). A callable, so
    the migrations do not copy the list."""
    return LISTING_KINDS


def directory_need_choices():
    """The `need` values /directory/ accepts."""
    return [(need.code, need.name) for need in NEED_TYPES]


class DirectorySearchValue(blocks.StructValue):
    def query(self):
        """The search's parameters, in the order the directory's own form uses."""
        return [(name, self.get(name)) for name in ("q", "need", "kind") if self.get(name)]

    def url(self):
        """A link to the directory search of the site the family is on: an authority's site
        searches its own area first, so the same link works for every council."""
        return f"{reverse('search:directory')}?{urlencode(self.query())}"


class DirectorySearchBlock(ReadableMixin, blocks.StructBlock):
    """A link to a search of the directory, e.g. “Short breaks near you”: it finds each
    council's own services, so a national page can point to them without naming any."""

    label = blocks.CharBlock(
        max_length=120, help_text="What the link says, e.g. “Short breaks near you”."
    )
    q = blocks.CharBlock(
        max_length=200,
        required=False,
        label="Search words",
        help_text="Words to search for, e.g. “short breaks”. Optional if you choose a type.",
    )
    kind = blocks.ChoiceBlock(
        choices=directory_kind_choices,
        required=False,
        label="Type of service or setting",
    )
    need = blocks.ChoiceBlock(choices=directory_need_choices, required=False, label="Need")

    reading_fields = ("label",)

    def clean(self, value):
        value = super().clean(value)
        if not any(value.get(name) for name in ("q", "kind", "need")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "q": ValidationError(
                        "Give search words, a type or a need, so the link finds something."
                    )
                }
            )
        return value

    class Meta:
        icon = "search"
        label = "Search of the directory"
        value_class = DirectorySearchValue


class WhoCanHelpBlock(ReadableMixin, blocks.StructBlock):
    """Who can help: SENDIAS from the authority's settings, services chosen from the directory,
    searches of the directory (which work on every council's site) and national contacts."""

    heading = blocks.CharBlock(max_length=120, default="Who can help")
    text = blocks.TextBlock(required=False)
    include_sendias = blocks.BooleanBlock(
        required=False,
        default=True,
        label="Show the SENDIAS contact",
        help_text="From the Authority and contacts settings.",
    )
    services = blocks.ListBlock(
        SnippetChooserBlock("directory.Service"),
        required=False,
        help_text="Services in this council's directory; each links to its profile.",
    )
    find = blocks.ListBlock(
        DirectorySearchBlock(),
        required=False,
        default=[],  # blocks saved before this field existed have no searches, not an empty one
        label="Searches of the directory",
        help_text="Links to a search of the directory, e.g. “Short breaks near you”. On each "
        "council's site the search shows that council's services.",
    )
    other_contacts = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("name", blocks.CharBlock(max_length=120)),
                ("description", blocks.CharBlock(max_length=255, required=False)),
                ("url", blocks.URLBlock(required=False, validators=[validate_link])),
                ("phone", blocks.CharBlock(max_length=40, required=False)),
            ]
        ),
        required=False,
        help_text="National organisations not in the directory.",
    )

    def reading_text(self, value):
        texts = [value["heading"]]
        if value["text"]:
            texts.append(value["text"])
        texts += [
            f"{c['name']}: {c['description']}" if c["description"] else c["name"]
            for c in value["other_contacts"]
        ]
        texts += self.list_reading_text("find", value)
        return texts

    def toc_items(self, value):
        return [value["heading"]] if value["heading"] else []

    class Meta:
        icon = "group"
        label = "Who can help"
        template = "guidance/blocks/who_can_help.html"
        preview_template = PREVIEW_TEMPLATE
        description = (
            "SENDIAS from the authority's settings, services and searches of the directory, "
            "and national organisations."
        )
        preview_value = {
            "heading": "Who can help",
            "text": "Free, private advice if you are not sure where to start.",
            "include_sendias": True,
            "find": [{"label": "Short breaks near you", "kind": "short-breaks"}],
            "other_contacts": [
                {
                    "name": "IPSEA",
                    "description": "A national charity that gives free legal advice about SEND.",
                    "url": "https://www.ipsea.org.uk/",
                    "phone": "",
                }
            ],
        }


class DeadlineBlock(ReadableMixin, blocks.StructBlock):
    """A time limit a family must not miss, or one the council must keep."""

    time_limit = blocks.CharBlock(max_length=60, help_text="e.g. “6 weeks” or “2 months”.")
    text = blocks.TextBlock(help_text="What must happen in that time, in plain words.")
    citation = blocks.CharBlock(max_length=255, required=False)

    def reading_text(self, value):
        return [
            f"Time limit: {value['time_limit']}",
            value["text"],
            *source_line(value["citation"]),
        ]

    class Meta:
        icon = "time"
        label = "Deadline"
        template = "guidance/blocks/deadline.html"
        preview_template = PREVIEW_TEMPLATE
        description = "A time limit a family must not miss, or one the council must keep."
        preview_value = {
            "time_limit": "6 weeks",
            "text": "The council must tell you if it will assess your child.",
            "citation": "SEND Regulations 2014, regulation 5(1)",
        }


class TemplateLetterBlock(ReadableMixin, blocks.StructBlock):
    """A letter a family can copy or download and fill in; blanks in [square brackets]."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(help_text="When to use this letter.")
    letter = blocks.TextBlock(
        help_text="The letter itself. Put what the family fills in inside [square brackets]."
    )

    def reading_text(self, value):
        # The letter itself is for the family to send, not to read as guidance.
        return [f"Template letter: {value['title']}", value["description"]]

    def toc_items(self, value):
        return [f"Template letter: {value['title']}"]

    class Meta:
        icon = "mail"
        label = "Template letter"
        template = "guidance/blocks/letter.html"
        preview_template = PREVIEW_TEMPLATE
        description = "A letter a family can download and fill in; blanks in [square brackets]."
        preview_value = {
            "title": "Asking for an EHC needs assessment",
            "description": "Use this letter to ask the council to assess your child.",
            "letter": "To: [the council's SEND team]\n\nPlease assess [child's name].",
        }


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    def reading_text(self, value):
        return [rich_text_to_plain(value)]

    def toc_items(self, value):
        return [unescape(strip_tags(m.group("text"))) for m in H2.finditer(source_of(value))]

    def get_context(self, value, parent_context=None):
        from wagtail.templatetags.wagtailcore_tags import richtext

        from .table_of_contents import add_ids_to_h2s

        context = super().get_context(value, parent_context)
        html = str(richtext(value))
        context["html"] = mark_safe(add_ids_to_h2s(html, context.get("headings") or []))  # noqa: S308 - our rich text
        return context

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "guidance/blocks/paragraph.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Paragraphs, headings and lists. A heading starts a new section."
        preview_value = (
            "<h2>The four areas of need</h2><p>Schools think about four broad areas.</p>"
            "<ul><li>Communication and interaction</li><li>Cognition and learning</li></ul>"
        )


class GuideStreamBlock(blocks.StreamBlock):
    text = ParagraphBlock()
    law = LawBlock()
    rights = RightsBlock()
    steps = StepsBlock()
    questions = QuestionsBlock()
    who_can_help = WhoCanHelpBlock()
    deadline = DeadlineBlock()
    letter = TemplateLetterBlock()


def reading_text(stream_value):
    """The words a family reads in a guide page's body, in order, one string per block part."""
    texts = []
    for child in stream_value:
        texts += child.block.reading_text(child.value)
    return [text for text in texts if text and text.strip()]


def letter_filename(title):
    return f"{slugify(title) or 'letter'}.txt"
