#!/usr/bin/env bash
# Set up and run the demo site on its embedded default (SQLite, database search, demo data).
# PORT=8765 bash scripts/demo.sh serves on another port where 8000 is taken.
set -euo pipefail
port="${PORT:-8000}"
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt

python manage.py migrate --noinput
python manage.py seed_demo --port "$port"
echo "Serving on http://127.0.0.1:$port/ (admin at http://127.0.0.1:$port/admin/). Ctrl+C stops it."
exec python manage.py runserver "127.0.0.1:$port"
