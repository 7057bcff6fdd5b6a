"""The page's language for <html lang dir>, and its other languages: the switcher's links and
the hreflang alternates (docs/languages.md)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from home.languages import family_languages, is_right_to_left
from home.models import AuthoritySettings

register = template.Library()


@register.simple_tag(takes_context=True)
def page_language(context):
    """{"code", "dir", "prefix", "path"} of the page being rendered: "prefix" starts the
    site's own links in this language ("" in English, "/pl" in Polish); "path" is the
    request's path without it (which part of the site this is)."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
    request = context.get("request")
    path = request.path if request is not None else "/"
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    return {
        "code": code,
        "dir": "rtl" if is_right_to_left(code) else "ltr",
        "prefix": prefix,
        "path": path,
    }


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each language the site offers that it has: [{"code", "name", "url",
    "current", "dir"}], English first; [] when it has no other. A Wagtail page is in a language
    once its translation there is live (signed off); the directory's and the site's own pages
    have every language the site offers (their fixed text is translated)."""
    request = context.get("request")
    if request is None:
        return []
    if Site.find_for_request(request) is None:  # no site answers: English only
        return []
    # The site's settings, which every page reads already (Wagtail keeps them on the request).
    codes = AuthoritySettings.for_request(request).languages
    codes = [code for code, _ in family_languages() if code in codes]
    if not codes:
        return []
    names = dict(settings.LANGUAGES)
    current = translation.get_language()
    page = context.get("page")
    if isinstance(page, Page):
        wanted = {settings.LANGUAGE_CODE, *codes}
        urls = {
            translation_.locale.language_code: translation_.get_url(request)
            for translation_ in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            .specific(defer=True)
            if translation_.locale.language_code in wanted
        }
    else:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code in [settings.LANGUAGE_CODE, *codes]}
    if len(urls) < 2:
        return []
    return [
        {
            "code": code,
            "name": names[code],
            "url": urls[code],
            "current": code == current,
            "dir": "rtl" if is_right_to_left(code) else "ltr",
        }
        for code in [settings.LANGUAGE_CODE, *codes]
        if urls.get(code)
    ]
