"""Words a full-text search ignores ("after", "about", "over": PostgreSQL's English stop words)
never empty a family's search. Runs on the database the suite runs on; it failed on PostgreSQL
while its embedded search matched word by word and a stop word's query is empty (issue 31)."""

import re

import pytest
from django.db import connection

from directory.taxonomy import ServiceCategory


def names(response):
    return re.findall(
        r'class="result-card__heading"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def services(make_service):
    make_service(
        "Riverside After School Club",
        category=ServiceCategory.LEISURE,
        description="Games, crafts and tea for disabled children after school.",
    )
    make_service(
        "Holiday Swimming Club",
        category=ServiceCategory.LEISURE,
        description="Swimming sessions over the summer holidays for children with SEND.",
    )
    make_service(
        "Family Information Service",
        category=ServiceCategory.SENDIAS,
        description="Everything about support for families in the area.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("after school club", ["Riverside After School Club"]),
        ("club after school", ["Riverside After School Club"]),
        ("swimming over the holidays", ["Holiday Swimming Club"]),
        ("everything about support", ["Family Information Service"]),
        # A stop word never widens a search either: every other word must still match.
        ("after school swimming", []),
    ],
)
def test_a_stop_word_is_dropped_not_matched(client, services, words, found):
    response = client.get("/directory/", {"q": words})
    assert response.status_code == 200
    assert names(response) == found


@pytest.mark.django_db
def test_the_words_postgresql_ignores_are_asked_once_per_process(client, services):
    """A warmed process knows which words are stop words: a search asks nothing more of the
    database for them than a search without any."""
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the stop words are PostgreSQL's")
    from search.backends import postgres

    postgres.forget_ignored_words()
    with CaptureQueriesContext(db) as first:
        assert names(client.get("/directory/", {"q": "club after school"}))
    asked = [q["sql"] for q in first.captured_queries if "numnode" in q["sql"]]
    assert len(asked) == 1  # every word of the search in one question
    with CaptureQueriesContext(db) as again:
        assert names(client.get("/directory/", {"q": "school club after", "age": 9}))
    assert not [q["sql"] for q in again.captured_queries if "numnode" in q["sql"]]
