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
