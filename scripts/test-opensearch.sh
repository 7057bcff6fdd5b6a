#!/usr/bin/env bash
# The family search on a real OpenSearch node: scripts/opensearch.sh builds and starts one (the
# server jars from Maven Central, engines/opensearch), the tests in tests/search/
# test_elasticsearch.py run against it through Wagtail's OpenSearch 3 backend, and the node is
# stopped after (docs/opensearch.md). A node that does not start fails this script: the live
# tests never fall back to something else.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements-dev.txt

exec bash scripts/opensearch.sh run \
  python -m pytest tests/search/test_elasticsearch.py -p no:cacheprovider -ra "$@"
