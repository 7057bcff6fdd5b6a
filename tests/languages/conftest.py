import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from wagtail.models import Locale

from guidance.models import EHCDeadlinesPage, GuideIndexPage, GuidePage
from home.models import AuthoritySettings, HomePage

LANGUAGES = ("pl", "ur")


@pytest.fixture
def offers_languages(demo_site):
    """The national demo site offering Polish and Urdu, with their Wagtail locales."""
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    settings_ = AuthoritySettings.for_site(demo_site)
    settings_.languages = list(LANGUAGES)
    settings_.save()
    return demo_site


@pytest.fixture
def english_guide(offers_languages):
    """A guide with one page and the calculator, in English, live."""
    home = HomePage.objects.get(locale__language_code="en-gb")
    index = GuideIndexPage(title="Guide", slug="guide")
    home.add_child(instance=index)
    index.save_revision().publish()
    checked = timezone.localdate() - datetime.timedelta(days=30)
    page = GuidePage(
        title="Asking for help",
        slug="asking-for-help",
        summary="How to ask for help.",
        section="ehc",
        body=[{"type": "text", "value": "<p>You can ask for help. The school must listen.</p>"}],
        last_checked_on=checked,
    )
    page.full_clean(exclude=["path", "depth"])
    index.add_child(instance=page)
    page.save_revision().publish()
    calculator = EHCDeadlinesPage(
        title="EHC deadlines calculator",
        slug="ehc-deadlines",
        summary="Work out your dates.",
        section="ehc",
        last_checked_on=checked,
    )
    index.add_child(instance=calculator)
    calculator.save_revision().publish()
    return {"index": index, "page": page, "calculator": calculator}


# A sample translation of each page's own words (as a translator's would be), by language.
PAGE_WORDS = {
    "pl": {
        "Guide": ("Poradnik", ""),
        "Asking for help": ("Jak poprosić o pomoc", "Jak poprosić o pomoc."),
        "EHC deadlines calculator": ("Kalkulator terminów EHC", "Oblicz swoje terminy."),
    },
    "ur": {
        "Guide": ("رہنما", ""),
        "Asking for help": ("مدد کیسے مانگیں", "مدد کیسے مانگیں۔"),
        "EHC deadlines calculator": ("EHC کی تاریخوں کا کیلکولیٹر", "اپنی تاریخیں معلوم کریں۔"),
    },
}
BODY = {
    "pl": "<p>Możesz poprosić o pomoc. Szkoła musi Cię wysłuchać.</p>",
    "ur": "<p>آپ مدد مانگ سکتے ہیں۔ اسکول کو آپ کی بات سننی چاہیے۔</p>",
}


def translate_page(page, code, publish=True):
    """The page's translation into `code` (its parents' too), with its words translated;
    published when `publish`, else left a draft."""
    locale = Locale.objects.get(language_code=code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    title, summary = PAGE_WORDS[code].get(page.title, (page.title, ""))
    translation.title = title
    if hasattr(translation, "summary"):
        translation.summary = summary
    if isinstance(translation, GuidePage):
        translation.body = [{"type": "text", "value": BODY[code]}]
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return type(translation).objects.get(pk=translation.pk)


@pytest.fixture
def translated_guide(english_guide):
    """The guide, its page and the calculator in Polish and Urdu, live (home pages too)."""
    for code in LANGUAGES:
        home = HomePage.objects.get(locale__language_code="en-gb")
        translate_page(home, code)
        for key in ("index", "page", "calculator"):
            translate_page(english_guide[key], code)
    return english_guide


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class TextOfPage(HTMLParser):
    """The words a reader meets: text between tags, and the labels read aloud or shown in
    fields (aria-label, placeholder, alt, title). Text inside an element marked as English
    (lang="en-GB": a law's name, a link to the English page) is meant to be English and is
    left out, as is text not shown (<script>, <style>, <title>)."""

    ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")

    def __init__(self):
        super().__init__()
        self.texts, self._open = [], []

    def _skipping(self):
        return any(skip for _, skip in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english = (attrs.get("lang") or "").lower().startswith("en") and tag != "html"
        if not self._skipping() and not english:
            for name in self.ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append(attrs[name])
        if tag not in VOID:
            self._open.append((tag, english or tag in ("script", "style", "title")))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if not self._skipping():
            self.texts.append(data)


def words_on(response):
    """Each piece of text on the page that holds a word, whitespace made single."""
    parser = TextOfPage()
    parser.feed(response.content.decode())
    pieces = (" ".join(text.split()) for text in parser.texts)
    return {piece for piece in pieces if re.search(r"[^\W\d_]{2,}", piece)}
