import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importers.gias import ImportFileError
from inclusion.importers import IMPORTERS
from inclusion.models import Dataset


class Command(BaseCommand):
    help = (
        "Import DfE's published school-level figures for the inclusion profile: 'sen' (Special "
        "educational needs in England, school underlying data) or 'exclusions' (Suspensions and "
        "permanent exclusions, school level). Upserts by URN and year, reports every bad row, "
        "applies all the good school-years in one transaction and recomputes the norms."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=[choice.value for choice in Dataset])
        parser.add_argument(
            "file", help="the CSV file as downloaded from explore-education-statistics"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; change nothing"
        )

    def handle(self, *args, dataset, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        started = time.monotonic()
        importer = IMPORTERS[dataset](dry_run=dry_run)
        try:
            with path.open("rb") as binary:
                report = importer.run(binary, source_name=path.name)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for line, reason in report.errors:
            self.stdout.write(self.style.ERROR(f"line {line}: {reason} (row not imported)"))
        for urn, period, lines in report.refused:
            self.stdout.write(
                self.style.WARNING(
                    f"URN {urn} {period}: not imported, because of line(s) "
                    + ", ".join(str(line) for line in lines)
                )
            )
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.rows:,} rows in {time.monotonic() - started:.1f} s: school-years "
            f"{report.created:,} {verb} created, {report.updated:,} updated, "
            f"{report.unchanged:,} unchanged; {report.skipped:,} rows not for this profile; "
            f"{len(report.errors):,} bad rows, {len(report.refused):,} school-years not imported."
        )
