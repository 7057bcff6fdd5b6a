"""The languages families read a site in (docs/languages.md).

The instance's languages are Django's `LANGUAGES` (English first, the default); each site
offers English and those others its authority chooses (`AuthoritySettings.languages`). A
language's pages live under its URL prefix (/pl/, /ur/): asking a site for a language it does
not offer is a 404, not English under a Polish address.
"""

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import translation

from directory.change_log import current_version, request_version, site_wide


def family_languages():
    """[(code, name in that language)] for every language but the default (English)."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def is_right_to_left(code):
    return translation.get_language_info(code)["bidi"]


class LanguageCodesField(models.CharField):
    """Some of `family_languages()`, kept as their codes separated by spaces ("pl ur") and
    chosen in the admin with a tick box for each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return (value or "").split()

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return " ".join(code for code, _ in family_languages() if code in codes)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        known = {code for code, _ in family_languages()}
        unknown = [code for code in self.to_python(value) if code not in known]
        if unknown:
            raise forms.ValidationError(f"Not a language this instance offers: {unknown}")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=family_languages,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


def offered_languages(site, version=None):
    """The codes of the languages this site offers besides English, in the instance's order."""
    if site is None:
        return []
    # By name: the settings model is defined with this module's field.
    AuthoritySettings = apps.get_model("home", "AuthoritySettings")

    def read():
        row = AuthoritySettings.objects.filter(site=site).values_list("languages", flat=True)
        codes = LanguageCodesField().to_python(row.first() or "")
        return [code for code, _ in family_languages() if code in codes]

    return site_wide(("site languages", site.pk), version or current_version(), read)


def language_of_path(request):
    """The language the URL asks for (None: English, no prefix)."""
    return translation.get_language_from_path(request.path_info)


class SiteLanguagesMiddleware:
    """A page under a language's prefix is served only where the site offers that language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        code = language_of_path(request)
        if code is None or code == settings.LANGUAGE_CODE:
            return None
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if code not in offered_languages(site, request_version(request)):
            raise Http404("This site does not offer that language.")
        return None
