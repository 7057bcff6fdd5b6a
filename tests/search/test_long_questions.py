"""Issue 24: a family's question that no listing matches whole ("where can my disabled
teenager go swimming at weekends") is not a dead end: the search looks again for any of its
words, best match first, and says so."""

import re
from html import escape

import pytest

from .test_vocabulary import found, services  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

SOME_WORDS = "No school or service has all of your words"


def names(html):
    return re.findall(r'class="result-card__heading"><a [^>]*>([^<]+)<', html)


def test_a_question_no_listing_matches_whole_finds_those_with_some_of_its_words(
    client,
    services,  # noqa: F811
):
    count, html = found(client, "where can my disabled teenager go swimming at weekends")
    assert count >= 1 and SOME_WORDS in html
    assert names(html)[0] == escape(services["swimming"].name)
    # Asked again: the same page, kept (the answers say it was a search for some words).
    again = client.get(
        "/directory/", {"q": "where can my disabled teenager go swimming at weekends"}
    )
    assert names(again.content.decode()) == names(html)

    count, html = found(client, "speech therapy for a toddler who is not talking")
    assert SOME_WORDS in html and names(html)[0] == escape(services["salt"].name)


def test_words_that_match_whole_or_a_single_word_are_not_relaxed(client, services):  # noqa: F811
    count, html = found(client, "swimming")
    assert count == 1 and SOME_WORDS not in html
    count, html = found(client, "respite care")  # one phrase of the vocabulary: one thing
    assert SOME_WORDS not in html
    count, html = found(client, "zebra")
    assert count == 0 and SOME_WORDS not in html
    # Two words are one thing ("holiday club"): not relaxed to "club".
    count, html = found(client, "holiday club")
    assert count == 0 and SOME_WORDS not in html
    # Nothing shares any word: still the zero-results help, not a page of anything.
    count, html = found(client, "zebra giraffe okapi")
    assert count == 0 and SOME_WORDS not in html
    # A negative case of the relevance set stays one: OT is one thing, not "not".
    count, html = found(client, "OT")
    assert escape(services["youth"].name) not in html
