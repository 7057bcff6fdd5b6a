#!/usr/bin/env python
import os
import sys
from pathlib import Path

# The project package lives in site/ (a top-level package called "site" would clash with Python's
# own `site` module), so put that folder on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
