"""The relevance set: queries families type, with the listings each must find on the first page
(and, for negative cases, must not), measured on the configured backend.

The set (search/relevance_set.json) is built against the demo directory (`seed_demo`). Each
case has `q`, a `kind` (everyday, acronym, misspelling, plural, question, prefix, name,
negative), and any of:
- `must`: every one of these listings (by name) on the first page;
- `must_any`: at least one of these on the first page (a broad need: which of its dozens of
  listings come first is the ranking's choice);
- `must_not`: none of these on the first page;
- `none`: true when the search must find nothing at all.

`measure()` runs each case as the search page does (search.spelling.search_correcting: a word
that finds nothing is corrected) and returns the figures: first-page recall over the cases
that must find something, the share of those finding nothing, and the share of negative cases
with nothing they must not find.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.db.models import Q

RELEVANCE_SET = Path(__file__).with_name("relevance_set.json")
FIRST_PAGE = 20


def cases():
    return json.loads(RELEVANCE_SET.read_text())["cases"]


@dataclass
class Outcome:
    case: dict
    total: int
    first_page: list
    typed: str | None
    searched: str
    missing: list = field(default_factory=list)
    unwanted: list = field(default_factory=list)

    @property
    def positive(self):
        return bool(self.case.get("must") or self.case.get("must_any"))

    @property
    def negative(self):
        return bool(self.case.get("must_not") or self.case.get("none"))

    @property
    def found(self):
        return not self.missing

    @property
    def clean(self):
        return not self.unwanted


def run_case(case, authorities=None):
    from directory.change_log import current_version
    from directory.models import Listing, LocalAuthority

    from .query import DirectorySearch
    from .spelling import search_correcting

    version = current_version()
    authorities = authorities if authorities is not None else list(LocalAuthority.objects.all())
    data = {"q": case["q"], "need": [], "kind": []}
    search, typed = search_correcting(
        data, lambda words: DirectorySearch(words, None, authorities, version=version)
    )
    total = search.count()
    ids = list(search.ids_between(0, FIRST_PAGE)) if total else []
    names = dict(Listing.objects.filter(pk__in=ids).values_list("pk", "name"))
    first_page = [names[pk] for pk in ids if pk in names]
    outcome = Outcome(case, total, first_page, typed, search.q)
    shown = set(first_page)
    outcome.missing = [name for name in case.get("must", []) if name not in shown]
    if case.get("must_any") and not shown & set(case["must_any"]):
        outcome.missing.append("one of " + ", ".join(case["must_any"][:3]) + "…")
    outcome.unwanted = [name for name in case.get("must_not", []) if name in shown]
    if case.get("none") and total:
        outcome.unwanted.append(f"{total} results")
    return outcome


def measure(selected=None):
    """(figures, outcomes) for every case (or the selected ones)."""
    from directory.models import Listing, LocalAuthority

    named = set()
    for case in selected or cases():
        named.update(case.get("must", []) + case.get("must_any", []) + case.get("must_not", []))
    known = set(Listing.objects.filter(Q(name__in=named)).values_list("name", flat=True))
    if named - known:
        raise LookupError(
            "The relevance set names listings this directory does not hold (run "
            f"`python manage.py seed_demo`): {', '.join(sorted(named - known)[:5])}"
        )
    authorities = list(LocalAuthority.objects.all())
    outcomes = [run_case(case, authorities) for case in selected or cases()]
    positive = [o for o in outcomes if o.positive]
    negative = [o for o in outcomes if o.negative]
    figures = {
        "backend": backend_name(),
        "cases": len(outcomes),
        "positive cases": len(positive),
        "first-page recall": sum(o.found for o in positive) / max(1, len(positive)),
        "zero-result rate": sum(o.total == 0 for o in positive) / max(1, len(positive)),
        "negative cases": len(negative),
        "negative precision": sum(o.clean for o in negative) / max(1, len(negative)),
        "corrected": sum(o.typed is not None for o in outcomes),
    }
    return figures, outcomes


def backend_name():
    from django.conf import settings

    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    backend = config["BACKEND"]
    if "ENGINE" in config:  # search/backends/engine.py: name the cluster's backend too
        backend = f"{backend} ({config['ENGINE']})"
    return f"{backend} on {connection.vendor}"
