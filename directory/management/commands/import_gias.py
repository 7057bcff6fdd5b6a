import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importers.gias import GiasImporter, ImportFileError


class Command(BaseCommand):
    help = (
        "Import the DfE GIAS 'all establishment data' CSV: upsert settings by URN (open "
        "establishments only by default), report bad rows by line number, apply the good ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="edubasealldata*.csv from Get Information about Schools")
        parser.add_argument(
            "--la",
            nargs="+",
            default=[],
            metavar="CODE",
            help="only these local authorities (GIAS LA codes, e.g. 202 204)",
        )
        parser.add_argument(
            "--include-closed",
            action="store_true",
            help="also read establishments that are not open (proposed to open, etc.)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; change nothing"
        )

    def handle(self, *args, file, la, include_closed, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        for code in la:
            if not (code.isdigit() and len(code) == 3):
                raise CommandError(f"--la takes three-digit GIAS LA codes, not {code!r}")
        self.verbosity = options["verbosity"]
        started = time.monotonic()

        def progress(report):
            if self.verbosity >= 1:
                sys.stderr.write(
                    f"\r{report.rows:,} rows read: {report.created:,} new, "
                    f"{report.updated:,} updated, {len(report.errors):,} bad"
                )
                sys.stderr.flush()

        importer = GiasImporter(
            la_codes=la, include_closed=include_closed, dry_run=dry_run, progress=progress
        )
        try:
            with path.open("rb") as binary:
                report = importer.run(binary, source_name=path.name)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if self.verbosity >= 1:
            sys.stderr.write("\n")

        for line, reason in report.errors:
            self.stdout.write(self.style.ERROR(f"line {line}: {reason} (row not imported)"))
        for line, note in report.warnings:
            self.stdout.write(self.style.WARNING(f"line {line}: {note}"))
        seconds = time.monotonic() - started
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{report.rows:,} rows in {seconds:.1f} s: {report.created:,} {verb} created, "
            f"{report.updated:,} updated, {report.unchanged:,} unchanged, {report.closed:,} "
            f"closed and unpublished; skipped {report.skipped_status:,} not open, "
            f"{report.skipped_out_of_scope:,} not schools or settings, "
            f"{report.skipped_other_authority:,} in other authorities; "
            f"{len(report.errors):,} bad rows not imported."
        )
