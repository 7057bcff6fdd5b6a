#!/usr/bin/env bash
# Smoke test of the family search on the Elasticsearch/OpenSearch path: start osmem-server (an
# in-memory OpenSearch-compatible server shipped as a binary in its PyPI wheel), then run the
# live tests in tests/search/test_elasticsearch.py against it through Wagtail's OpenSearch 3
# backend. What it proves and what it does not: docs/search-and-caching.md, "Elasticsearch and OpenSearch".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements-dev.txt

binary=$(python -c "from osmem_server import resolve_binary; print(resolve_binary())")
port=${OSMEM_PORT:-9207}
"$binary" --addr "127.0.0.1:$port" --parent-pid $$ --no-stdin-watch >/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" \
    2>/dev/null && break
  sleep 0.2
done

ELASTICSEARCH_URL="http://127.0.0.1:$port" \
SEARCH_BACKEND=wagtail.search.backends.opensearch3 \
  python -m pytest tests/search/test_elasticsearch.py -p no:cacheprovider -ra "$@"
