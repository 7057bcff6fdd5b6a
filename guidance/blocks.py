"""The building blocks of a guide page, one for each kind of thing families need to read.

Each block says which of its text families read (`reading_text`), so the reading level is
measured on the words a family sees, not on citations, URLs or a letter's blanks.
"""

import re

from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail import blocks
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from home.links import validate_link

# Headings inside guide pages start at h2; the page title is the h1.
PARAGRAPH_FEATURES = ["h2", "h3", "bold", "link", "ol", "ul", "document-link"]
SHORT_FEATURES = ["bold", "link", "ol", "ul"]


HEADING = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.DOTALL)


def rich_text_to_plain(value):
    """The readable text of rich text. Headings are left out: they are not sentences, and
    counting them would make a page look easier than it is."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    source = HEADING.sub("\n", source)
    # Block-level ends become sentence breaks so list items are not read as one sentence.
    for tag in ("</p>", "</li>", "</h2>", "</h3>", "<br/>", "<br>"):
        source = source.replace(tag, f"{tag}\n")
    return strip_tags(source)


class ReadableMixin:
    """`reading_text(value)` returns the family-facing text of a block as a list of strings."""

    reading_fields = ()

    def list_reading_text(self, list_name, value):
        """The reading text of each item of one of this block's lists of blocks."""
        child = self.child_blocks[list_name].child_block
        return [text for item in value[list_name] for text in child.reading_text(item)]

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

    reading_fields = ("summary",)

    class Meta:
        icon = "openquote"
        label = "What the law says"
        template = "guidance/blocks/law.html"


class RightsBlock(ReadableMixin, blocks.StructBlock):
    """“You have the right to…”: short statements that each finish that sentence."""

    rights = blocks.ListBlock(
        blocks.CharBlock(max_length=300),
        help_text="Each one finishes the sentence “You have the right to …”.",
    )
    citation = blocks.CharBlock(max_length=255, required=False)

    def reading_text(self, value):
        return [f"You have the right to {right}" for right in value["rights"]]

    class Meta:
        icon = "tick-inverse"
        label = "You have the right to…"
        template = "guidance/blocks/rights.html"


class StepBlock(ReadableMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_FEATURES)

    reading_fields = ("text",)


class StepsBlock(ReadableMixin, blocks.StructBlock):
    """Numbered steps, in the order a family takes them."""

    heading = blocks.CharBlock(max_length=120, required=False)
    steps = blocks.ListBlock(StepBlock())

    def reading_text(self, value):
        return self.list_reading_text("steps", value)

    class Meta:
        icon = "list-ol"
        label = "Numbered steps"
        template = "guidance/blocks/steps.html"


class QuestionBlock(ReadableMixin, blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=SHORT_FEATURES)

    reading_fields = ("question", "answer")


class QuestionsBlock(ReadableMixin, blocks.StructBlock):
    """Questions and answers that open and close without JavaScript (details and summary)."""

    heading = blocks.CharBlock(max_length=120, default="Questions families ask")
    questions = blocks.ListBlock(QuestionBlock())

    def reading_text(self, value):
        return self.list_reading_text("questions", value)

    class Meta:
        icon = "help"
        label = "Questions and answers"
        template = "guidance/blocks/questions.html"


class WhoCanHelpBlock(ReadableMixin, blocks.StructBlock):
    """Who can help: services from the directory, and SENDIAS from the authority's settings."""

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
        help_text="Services in the directory; each links to its profile.",
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
        texts = []
        if value["text"]:
            texts.append(value["text"])
        texts += [c["description"] for c in value["other_contacts"] if c["description"]]
        return texts

    class Meta:
        icon = "group"
        label = "Who can help"
        template = "guidance/blocks/who_can_help.html"


class DeadlineBlock(ReadableMixin, blocks.StructBlock):
    """A time limit a family must not miss, or one the council must keep."""

    time_limit = blocks.CharBlock(max_length=60, help_text="e.g. “6 weeks” or “2 months”.")
    text = blocks.TextBlock(help_text="What must happen in that time, in plain words.")
    citation = blocks.CharBlock(max_length=255, required=False)

    reading_fields = ("text",)

    class Meta:
        icon = "time"
        label = "Deadline"
        template = "guidance/blocks/deadline.html"


class TemplateLetterBlock(ReadableMixin, blocks.StructBlock):
    """A letter a family can copy or download and fill in; blanks in [square brackets]."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(help_text="When to use this letter.")
    letter = blocks.TextBlock(
        help_text="The letter itself. Put what the family fills in inside [square brackets]."
    )

    reading_fields = ("description",)

    class Meta:
        icon = "mail"
        label = "Template letter"
        template = "guidance/blocks/letter.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    def reading_text(self, value):
        return [rich_text_to_plain(value)]

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "guidance/blocks/paragraph.html"


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
