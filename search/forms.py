"""The directory search form: every parameter of /directory/ is validated here.

Values a family could not have chosen from the page (an unknown need code, an age of 200, a
radius of 0) are form errors: the page says what is wrong and answers 400. So is a postcode we
cannot find (search/views.py): searching without it would list everything, far and near.
"""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from directory.geo import normalise_outward_code, normalise_postcode
from directory.taxonomy import LISTING_KINDS, MAX_AGE, MIN_AGE, NEED_TYPES

from .options import (  # noqa: F401
    DEFAULT_RADIUS,
    KM_PER_MILE,
    PHASE_CHOICES,
    RADIUS_MILES,
    SERVICE,
)

MAX_QUERY_LENGTH = 200
RADIUS_CHOICES = [(r, f"Within {r} mile{'s' if r > 1 else ''}") for r in RADIUS_MILES]


def radius_choices():
    """RADIUS_CHOICES in the language of the request."""
    return [
        (r, ngettext("Within %(miles)s mile", "Within %(miles)s miles", r) % {"miles": r})
        for r in RADIUS_MILES
    ]


KIND_CHOICES = LISTING_KINDS
NEED_CHOICES = [(need.code, need.name) for need in NEED_TYPES]
ORDER_CHOICES = [
    ("relevance", gettext_noop("Best match")),
    ("distance", gettext_noop("Nearest first")),
    ("name", gettext_noop("Name (A to Z)")),
]
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": format_lazy(
                _("Search words must be {count} characters or fewer."), count=MAX_QUERY_LENGTH
            )
        },
    )
    need = forms.MultipleChoiceField(
        label=_("Needs"),
        required=False,
        choices=NEED_CHOICES,
        error_messages={"invalid_choice": _("Choose needs from the list.")},
    )
    kind = forms.MultipleChoiceField(
        label=_("Type of school, setting or service"),
        required=False,
        choices=KIND_CHOICES,
        error_messages={"invalid_choice": _("Choose types from the list.")},
    )
    phase = forms.MultipleChoiceField(
        label=_("School phase"),
        required=False,
        choices=PHASE_CHOICES,
        error_messages={"invalid_choice": _("Choose school phases from the list.")},
    )
    age = forms.IntegerField(
        label=_("Child's age"),
        required=False,
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        error_messages={
            "invalid": _("Enter the age as a whole number, like 7."),
            "min_value": format_lazy(
                _("Enter an age from {low} to {high}."), low=MIN_AGE, high=MAX_AGE
            ),
            "max_value": format_lazy(
                _("Enter an age from {low} to {high}."), low=MIN_AGE, high=MAX_AGE
            ),
        },
    )
    la = forms.ChoiceField(
        label=_("Local authority"),
        required=False,
        error_messages={"invalid_choice": _("Choose a local authority from the list.")},
    )
    near = forms.BooleanField(label=_("Include neighbouring authorities"), required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=12,
        error_messages={
            "max_length": _("Enter a postcode, like NB1 2NE, or just its first half, like NB1.")
        },
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=RADIUS_CHOICES,
        error_messages={"invalid_choice": _("Choose a distance from the list.")},
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=ORDER_CHOICES,
        error_messages={"invalid_choice": _("Choose how to sort from the list.")},
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].choices = [("", _("Any"))] + [(a.code, a.name) for a in authorities]

    def clean_q(self):
        text = CONTROL_CHARACTERS.sub(" ", self.cleaned_data["q"])
        return " ".join(text.split())

    def clean_postcode(self):
        text = " ".join(self.cleaned_data["postcode"].split()).upper()
        return normalise_postcode(text) or normalise_outward_code(text) or text

    @property
    def postcode_is_wellformed(self):
        value = self.cleaned_data.get("postcode") or ""
        return bool(normalise_postcode(value) or normalise_outward_code(value))


EMPTY_PHRASE = re.compile(r'"[^"\w]*"')


def clean_words(text):
    """Search words as a backend may see them: no control characters (a NUL ends an SQLite
    string), no unmatched quote or empty "phrase" (which some backends read as a phrase that
    matches nothing), single spaces, and nothing at all unless a letter or digit is left."""
    text = CONTROL_CHARACTERS.sub(" ", text)
    if text.count('"') % 2:
        last = text.rfind('"')
        text = text[:last] + " " + text[last + 1 :]
    text = " ".join(EMPTY_PHRASE.sub(" ", text).split())
    return text if any(character.isalnum() for character in text) else ""


class SiteSearchForm(forms.Form):
    """The header's search box (/search/?q=)."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": format_lazy(
                _("Search words must be {count} characters or fewer."), count=MAX_QUERY_LENGTH
            )
        },
    )

    def clean_q(self):
        return clean_words(self.cleaned_data["q"])
