"""A family reading in Polish or Urdu meets no English fixed text on the pages they act on: a
guide page, the directory search (with results, and with an error) and the calculator (and
its errors). Each page is read in English and in the language; any text on both that is not
the data itself (names of places, listings and the authority, postcodes) is fixed text left
untranslated."""

import datetime
import re

import pytest
from django.conf import settings

from .conftest import LANGUAGES, words_on


@pytest.fixture
def listings(make_setting, make_service, postcodes):
    return [
        make_setting(postcode="NB1 2BB"),
        make_service(waiting_weeks=6, waiting_stated_on=datetime.date.today()),
    ]


def data_words(site, listings):
    from home.models import AuthoritySettings

    settings_ = AuthoritySettings.for_site(site)
    words = {
        settings_.authority_name,
        settings_.service_name,
        settings_.sendias_name,
        settings_.phase,
        *dict(settings.LANGUAGES).values(),  # each language's own name, in the switcher
        "Northbrook",
        "Open Referral UK",
        "SENDIAS",
        "NB1",
        "NB1 1AA",
        "NB1 2BB",
        "NB1 2NE",
    }
    for listing in listings:
        words.add(listing.name)
        words.add(listing.age_range)
    return {word for word in words if word}


def bare(text):
    """The words of a piece of text, without the numbers and punctuation around data
    (": Oakfield Primary School", "Northbrook (1)")."""
    return " ".join(re.sub(r"[\d()—:;,.]+", " ", text).split())


def is_address(text):
    """An email address or a web address: the same in every language."""
    return " " not in text and ("@" in text or "/" in text or ".org" in text)


def pages(guide):
    """(English URL, the page's path in another language (without its prefix), expected
    status) of each page walked."""
    page, calculator = guide["page"], guide["calculator"]
    return (
        [
            ("/guide/asking-for-help/", 200),
            ("/directory/?q=school", 200),
            ("/directory/?q=speech&postcode=NB1+1AA", 200),
            ("/directory/?q=nothing-matches-this", 200),
            ("/directory/?age=200&postcode=XX", 400),
            ("/guide/ehc-deadlines/", 200),
            (
                "/guide/ehc-deadlines/?request_received_day=31&request_received_month=2"
                "&request_received_year=2026",
                400,
            ),
        ],
        page,
        calculator,
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_untranslated_fixed_text(client, code, translated_guide, listings, offers_languages):
    walked, _, _ = pages(translated_guide)
    allowed = data_words(offers_languages, listings)
    for path, status in walked:
        english = client.get(path)
        assert english.status_code == status, path
        translated = client.get(f"/{code}{path}")
        assert translated.status_code == status, f"/{code}{path}"
        html = translated.content.decode()
        assert f'<html lang="{code}" dir="{"rtl" if code == "ur" else "ltr"}">' in html
        left_in_english = {
            text
            for text in words_on(english) & words_on(translated)
            if bare(text) not in {bare(word) for word in allowed} and not is_address(text)
        }
        assert not left_in_english, f"/{code}{path}: {sorted(left_in_english)}"
