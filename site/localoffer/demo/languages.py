"""The demo in Polish and Urdu (one right to left): the national site offers both, and a few
guide pages have SAMPLE translations - written by the developers, published
as "not checked by the parent carer forum" (which the pages say), not for families
(docs/languages.md)."""

from wagtail.models import Locale

from guidance.models import EHCDeadlinesPage, GuideIndexPage, GuidePage
from home.models import AuthoritySettings

LANGUAGES = ("pl", "ur")

SAMPLE_NOTE = {
    "pl": "Przykładowe tłumaczenie do wersji demonstracyjnej: nie zostało sprawdzone i nie "
    "jest przeznaczone dla rodzin. Zawsze czytaj angielską stronę.",
    "ur": "ڈیمو کے لیے نمونے کا ترجمہ: اسے چیک نہیں کیا گیا اور یہ خاندانوں کے لیے نہیں ہے۔ "
    "ہمیشہ انگریزی صفحہ پڑھیں۔",
}

# slug: {language: (title, summary, a paragraph of the page's text)}
SAMPLES = {
    "guide": {"pl": ("Poradnik", "", ""), "ur": ("رہنما", "", "")},
    "ehc-deadlines": {
        "pl": (
            "Kalkulator terminów EHC",
            "Oblicz najpóźniejsze terminy, na jakie pozwala prawo.",
            "",
        ),
        "ur": (
            "EHC کی تاریخوں کا کیلکولیٹر",
            "وہ آخری تاریخیں معلوم کریں جن کی قانون اجازت دیتا ہے۔",
            "",
        ),
    },
    "ask-for-an-ehc-needs-assessment": {
        "pl": (
            "Wniosek o ocenę potrzeb EHC",
            "Ty możesz poprosić urząd o ocenę potrzeb Twojego dziecka.",
            "Rodzic lub młoda osoba może sam poprosić urząd o ocenę potrzeb EHC. Napisz do "
            "urzędu. Urząd musi odpowiedzieć w ciągu 6 tygodni.",
        ),
        "ur": (
            "EHC ضروریات کے جائزے کی درخواست",
            "آپ کونسل سے اپنے بچے کی ضروریات کا جائزہ لینے کو کہہ سکتے ہیں۔",
            "والدین یا نوجوان خود کونسل سے EHC ضروریات کے جائزے کی درخواست کر سکتے ہیں۔ "
            "کونسل کو لکھیں۔ کونسل کو 6 ہفتوں میں جواب دینا ہوگا۔",
        ),
    },
    "mediation": {
        "pl": (
            "Mediacja",
            "Mediacja to spotkanie, na którym Ty i urząd szukacie porozumienia.",
            "Zanim odwołasz się do Trybunału, zwykle musisz porozmawiać z doradcą ds. "
            "mediacji. Nie musisz brać udziału w samej mediacji.",
        ),
        "ur": (
            "ثالثی",
            "ثالثی ایک میٹنگ ہے جس میں آپ اور کونسل اتفاق رائے تلاش کرتے ہیں۔",
            "ٹریبونل میں اپیل سے پہلے عام طور پر آپ کو ثالثی کے مشیر سے بات کرنی ہوتی ہے۔ "
            "آپ کو خود ثالثی میں حصہ لینا ضروری نہیں۔",
        ),
    },
}


def offer_languages(sites):
    """Each given site offers Polish and Urdu."""
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    for site in sites:
        settings_ = AuthoritySettings.for_site(site)
        if list(settings_.languages) != list(LANGUAGES):
            settings_.languages = list(LANGUAGES)
            settings_.save()


def _sample(page, code):
    """The page's sample translation into `code`, published and marked unchecked; made once."""
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return None
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    words = SAMPLES.get(page.slug, {}).get(code)
    if words:
        title, summary, text = words
        translation.title = title
        if summary and hasattr(translation, "summary"):
            translation.summary = summary
        if isinstance(translation, GuidePage):
            paragraphs = [SAMPLE_NOTE[code], text]
            translation.body = [
                {"type": "text", "value": "".join(f"<p>{p}</p>" for p in paragraphs if p)}
            ]
    if hasattr(translation, "published_without_sign_off"):
        # Nobody checked it: the page says so (templates/guidance/coproduction.html).
        translation.published_without_sign_off = True
        translation.last_checked_on = None
        translation.next_check_due = None
    translation.save_revision().publish()
    return translation


def seed(site, home):
    """The national site in Polish and Urdu, with sample translations of its home page, the
    guide's contents, the calculator and two guide pages."""
    offer_languages([site])
    made = []
    index = GuideIndexPage.objects.child_of(home).filter(locale=home.locale).first()
    if index is None:
        return made
    pages = [home.specific, index.specific]
    pages += list(EHCDeadlinesPage.objects.child_of(index).live())
    pages += list(GuidePage.objects.child_of(index).live().filter(slug__in=list(SAMPLES)))
    for code in LANGUAGES:
        for page in pages:
            translation = _sample(page, code)
            if translation is not None:
                made.append(translation)
    return made
