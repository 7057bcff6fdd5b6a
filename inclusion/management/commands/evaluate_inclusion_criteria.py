from django.core.management.base import BaseCommand

from inclusion.evaluations import refresh


class Command(BaseCommand):
    help = (
        "Evaluate every live school against the inclusion criteria in force and keep the "
        "results for the regulator's report. Imports, sign-offs and publishing a school do this "
        "too; run it daily so that a SEN information report turning a year old shows."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{refresh():,} schools evaluated.")
