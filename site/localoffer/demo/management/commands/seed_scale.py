import sys
import time

from django.core.management.base import BaseCommand, CommandError

from localoffer.demo import inclusion_demo, scale


class Command(BaseCommand):
    help = (
        "Generate national-scale benchmark data: N listings (about 70% settings, 30% services) "
        "over 153 fictional authorities with their own postcodes. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listings", type=int, default=34000)
        parser.add_argument(
            "--no-index", action="store_true", help="skip adding them to the search index"
        )

    def handle(self, *args, listings, no_index, **options):
        if not 1 <= listings <= 200_000:
            raise CommandError("--listings takes a number from 1 to 200,000.")
        started = time.monotonic()

        def progress(done):
            sys.stderr.write(f"\r{done:,} written")
            sys.stderr.flush()

        created = scale.seed(listings, progress=progress)
        sys.stderr.write("\n")
        if not no_index and created:
            scale.index(progress=lambda done: sys.stderr.write(f"\r{done:,} indexed"))
            sys.stderr.write("\n")
        # DfE-format figures for its state-funded schools (docs/inclusion-profile.md).
        figures = inclusion_demo.seed_scale_figures()
        self.stdout.write(
            "Inclusion figures: "
            + ", ".join(
                f"{r.applied:,} {d} school-years new or changed" for d, r in figures.items()
            )
            + "."
        )
        self.stdout.write(
            f"{created:,} listings created ({listings:,} wanted) in "
            f"{time.monotonic() - started:.1f} s."
        )
