"""The relevance set (search/relevance_set.json) on the configured backend, over the demo
directory: families find what exists on the first page, nothing they must not, and no "0 found"
where the directory holds a match (issue 24's targets)."""

import pytest
from django.core.management import call_command

from search.relevance import cases, measure


def test_the_set_is_what_the_issue_asks_for():
    every = cases()
    assert len(every) >= 150
    kinds = {case["kind"] for case in every}
    assert {"everyday", "acronym", "misspelling", "plural", "question", "negative"} <= kinds
    assert all(
        case.get("must") or case.get("must_any") or case.get("must_not") or case.get("none")
        for case in every
    )


@pytest.mark.django_db
def test_families_find_what_the_demo_holds(capsys):
    call_command("seed_demo")
    capsys.readouterr()
    figures, outcomes = measure()
    failing = [
        (o.case["q"], o.missing, o.unwanted)
        for o in outcomes
        if (o.positive and not o.found) or (o.negative and not o.clean)
    ]
    assert figures["first-page recall"] >= 0.95, failing
    assert figures["zero-result rate"] == 0, failing
    assert figures["negative precision"] == 1, failing
    call_command("search_relevance")
    assert "first-page recall" in capsys.readouterr().out
