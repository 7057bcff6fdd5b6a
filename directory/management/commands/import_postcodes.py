from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importers.gias import ImportFileError
from directory.importers.postcodes import import_postcodes


class Command(BaseCommand):
    help = (
        "Load postcodes from the ONS Postcode Directory CSV (pcds, lat, long; terminated "
        "postcodes skipped) or a plain CSV (postcode, latitude, longitude)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            with path.open("rb") as binary:
                report = import_postcodes(binary)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for line, reason in report.errors:
            self.stdout.write(self.style.ERROR(f"line {line}: {reason} (row not imported)"))
        self.stdout.write(
            f"{report.rows:,} rows: {report.created:,} created, {report.updated:,} updated, "
            f"{report.unchanged:,} unchanged, {report.skipped:,} terminated or without a "
            f"location skipped; {len(report.errors):,} bad rows not imported."
        )
