#!/usr/bin/env bash
# Set up and run the whole test suite: lint, migrations check, then pytest (browser tests too).
# Set DATABASE_URL=postgres://... to run it against PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements-dev.txt

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

ruff check .
ruff format --check .
DJANGO_SETTINGS_MODULE=localoffer.settings.test python manage.py makemigrations --check --dry-run
# The Elasticsearch/OpenSearch path, against a real OpenSearch node (docs/opensearch.md).
bash scripts/test-opensearch.sh -q
# A fresh test database every run: the browser tests flush theirs, so a database reused from
# an earlier run (pyproject's --reuse-db, handy for single tests) can lack the page tree.
# Two processes (pytest-xdist), each with its own test database: the machines have 2 cores.
# TEST_PROCESSES=0 runs everything in this one process (handy with a debugger).
exec python -m pytest --create-db -n "${TEST_PROCESSES:-2}" "$@"
