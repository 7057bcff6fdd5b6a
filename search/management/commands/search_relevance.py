"""python manage.py search_relevance [--failures] [--json]

Measures the family search on the configured backend against the relevance set
(search/relevance_set.json, built on the demo: run `python manage.py seed_demo` first):
first-page recall, the zero-result rate and negative-case precision."""

import json

from django.core.management.base import BaseCommand, CommandError

from search.relevance import measure


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--failures", action="store_true", help="list each case that fails")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--save-pages", metavar="FILE", help="write each case's first page to FILE (JSON)"
        )
        parser.add_argument(
            "--compare-pages",
            metavar="FILE",
            help="compare each case's first page with those saved from another backend",
        )

    def handle(self, *args, failures=False, **options):
        try:
            figures, outcomes = measure()
        except LookupError as problem:
            raise CommandError(str(problem)) from problem
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
        else:
            self.stdout.write(f"backend: {figures['backend']}")
            self.stdout.write(
                f"{figures['cases']} cases ({figures['positive cases']} must find listings, "
                f"{figures['negative cases']} negative); {figures['corrected']} corrected"
            )
            self.stdout.write(f"first-page recall:  {figures['first-page recall']:.1%}")
            self.stdout.write(f"zero-result rate:   {figures['zero-result rate']:.1%}")
            self.stdout.write(f"negative precision: {figures['negative precision']:.1%}")
        pages = {outcome.case["q"]: outcome.first_page for outcome in outcomes}
        if options["save_pages"]:
            with open(options["save_pages"], "w") as out:
                json.dump({"backend": figures["backend"], "pages": pages}, out, indent=1)
        if options["compare_pages"]:
            with open(options["compare_pages"]) as saved:
                other = json.load(saved)
            self.compare(pages, other["pages"], other["backend"], failures)
        if failures:
            for outcome in outcomes:
                if (outcome.positive and not outcome.found) or (
                    outcome.negative and not outcome.clean
                ):
                    self.stdout.write(
                        f"FAIL {outcome.case['q']!r} ({outcome.case.get('kind', '')}): searched "
                        f"{outcome.searched!r}, {outcome.total} found; missing "
                        f"{outcome.missing}; unwanted {outcome.unwanted}; first "
                        f"{outcome.first_page[:3]}"
                    )

    def compare(self, pages, other, backend, failures):
        """The share of cases whose first page holds the same listings on both backends, and
        whose first five are in the same order."""
        shared = [q for q in pages if q in other]
        same = [q for q in shared if set(pages[q]) == set(other[q])]
        top = [q for q in shared if pages[q][:5] == other[q][:5]]
        self.stdout.write(
            f"same first page as {backend}: {len(same) / max(1, len(shared)):.1%} of cases; "
            f"same first five in order: {len(top) / max(1, len(shared)):.1%}"
        )
        if failures:
            for q in shared:
                if set(pages[q]) != set(other[q]):
                    self.stdout.write(f"DIFFERENT {q!r}: {pages[q][:5]} / {other[q][:5]}")
