import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.importers.oruk import (
    Fetcher,
    Importer,
    SourceError,
    is_url,
    read_file,
    walk_api,
)
from directory.models import LocalAuthority

USERNAME_FIELD = get_user_model().USERNAME_FIELD


class Command(BaseCommand):
    help = (
        "Import services from an Open Referral UK (3.0 or 1.0) API or JSON/ndjson file: upsert by "
        "the source's id, as drafts for approval unless --publish; report each rejected record."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="an ORUK API's base URL (https://…/) or a JSON or ndjson file"
        )
        parser.add_argument(
            "--authority", metavar="CODE", help="the local authority (LA code) to list them under"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check everything; change nothing"
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish new and changed listings at once instead of leaving drafts for an "
            "officer to approve; needs --user, an officer, and publishes only the listings of "
            "the authorities they act for",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="who imports: revisions and the audit log name them (needed with --publish)",
        )
        parser.add_argument("--timeout", type=float, default=10, help="seconds per request")
        parser.add_argument("--retries", type=int, default=3, help="retries per request")
        parser.add_argument(
            "--delay", type=float, default=0.2, help="seconds between requests (be polite)"
        )
        parser.add_argument("--per-page", type=int, default=50, help="services per list page")

    def handle(self, *args, source, authority, dry_run, publish, user, **options):
        self.verbosity = options["verbosity"]
        if user is not None:
            found = get_user_model().objects.filter(**{USERNAME_FIELD: user}).first()
            if found is None or not found.is_active:
                raise CommandError(f"No active user is called {user!r}.")
            user = found
        if authority is not None:
            found = LocalAuthority.objects.filter(code=authority).first()
            if found is None:
                raise CommandError(f"No local authority has the LA code {authority!r}.")
            authority = found
        if options["timeout"] <= 0 or options["retries"] < 0 or options["delay"] < 0:
            raise CommandError("--timeout must be above 0; --retries and --delay not below 0.")
        if not 1 <= options["per_page"] <= 1000:
            raise CommandError("--per-page must be between 1 and 1000.")
        try:
            importer = Importer(
                authority=authority,
                publish=publish,
                dry_run=dry_run,
                source_url=source if is_url(source) else "",
                user=user,
            )
        except ValueError as error:
            raise CommandError(f"--publish needs --user: {error}.") from error
        if is_url(source):
            fetcher = Fetcher(options["timeout"], options["retries"], options["delay"])
            records = walk_api(source, fetcher, per_page=options["per_page"])
        else:
            records = read_file(source)
        started = time.monotonic()

        def progress(report):
            if self.verbosity >= 1:
                sys.stderr.write(
                    f"\r{report.records:,} records: {report.created:,} new, "
                    f"{report.updated:,} updated, {report.unchanged:,} unchanged, "
                    f"{len(report.rejected):,} rejected"
                )
                sys.stderr.flush()

        try:
            report = importer.run(records, progress=progress)
        except SourceError as error:
            if self.verbosity >= 1:
                sys.stderr.write("\n")
            raise CommandError(f"{error} ({importer.report.summary()} before it)") from error
        if self.verbosity >= 1:
            sys.stderr.write("\n")
        for record_id, reason in report.rejected:
            label = record_id if record_id is not None else "(no id)"
            self.stdout.write(self.style.ERROR(f"rejected {label}: {reason}"))
        for record_id, what in report.skipped:
            self.stdout.write(f"skipped {record_id}: {what}, not a service")
        for record_id, warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"{record_id}: {warning}"))
        seconds = time.monotonic() - started
        prefix = "Dry run, nothing changed. " if dry_run else ""
        state = "published" if publish else "drafts for approval"
        self.stdout.write(
            f"{prefix}{report.summary()} in {seconds:.1f} s; new and changed: {state}."
        )
