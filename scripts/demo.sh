#!/usr/bin/env bash
# Set up and run the demo site on its embedded default (SQLite, database search, demo data).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt

python manage.py migrate --noinput
python manage.py seed_demo
echo "Serving on http://127.0.0.1:8000/ (admin at http://127.0.0.1:8000/admin/). Ctrl+C stops it."
exec python manage.py runserver 127.0.0.1:8000
