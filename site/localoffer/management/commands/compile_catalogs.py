"""Compile the translation catalogs (locale/*/LC_MESSAGES/*.po) to the .mo files Django reads.

Django's own `compilemessages` runs GNU gettext's msgfmt, a system package the demo's machines
need not have (README: the demo needs only Python and pip). polib (pinned in requirements.txt)
writes the same .mo files in pure Python. scripts/venv.sh runs this after each install and the
test suite before its first test; a deployment runs it with collectstatic (docs/languages.md).
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogs(only_stale=True):
    """Write each catalog's .mo beside its .po; returns the .mo files written."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if (
                only_stale
                and mo_path.exists()
                and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            ):
                continue
            # Written aside, then moved into place: a process reading the catalog (another test
            # process, a running server) never sees half a file.
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the translation catalogs (locale/) to .mo files, without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Compile every catalog, not only changed ones."
        )

    def handle(self, *args, **options):
        written = compile_catalogs(only_stale=not options["all"])
        for path in written:
            self.stdout.write(f"Compiled {path}")
        if not written:
            self.stdout.write("Every catalog is compiled.")
