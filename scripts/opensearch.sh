#!/usr/bin/env bash
# A real OpenSearch node on this machine, for the live tests, benchmarks and CI: the server jars
# from Maven Central started by the small launcher in engines/opensearch (docs/opensearch.md).
#
#   scripts/opensearch.sh start       build if needed, start a node in the background on a free
#                                     loopback port with fresh data under var/opensearch, wait
#                                     until the cluster is green or yellow, print its URL
#   scripts/opensearch.sh url         print the running node's URL (exit 1 if none runs)
#   scripts/opensearch.sh stop        stop it and delete its data
#   scripts/opensearch.sh run CMD...  run CMD with ELASTICSEARCH_URL and SEARCH_BACKEND set for a
#                                     node: the running one, or one started for CMD alone and
#                                     stopped after it (also when CMD fails or is interrupted)
#   scripts/opensearch.sh build       build only (CI does this before the timed steps)
#
# Settings: OPENSEARCH_HEAP (512m), OPENSEARCH_START_TIMEOUT in seconds (180: a loaded machine
# starts the node in about 6 s alone but far slower beside other work), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
project=$root/engines/opensearch
state=$root/var/opensearch
heap=${OPENSEARCH_HEAP:-512m}
timeout=${OPENSEARCH_START_TIMEOUT:-180}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# The backend for this engine's line (OpenSearch 2.19 answers the OpenSearch 3 client and backend).
backend=wagtail.search.backends.opensearch3

say() { echo "opensearch: $*" >&2; }

build() {
  local stamp=$project/target/lib/.built
  if [ -f "$stamp" ] && [ -z "$(find "$project/pom.xml" "$project/src" -newer "$stamp")" ]; then
    return
  fi
  command -v mvn >/dev/null || { say "Maven (mvn) is needed to build the node"; exit 1; }
  say "building the node (engines/opensearch)..."
  # Offline first: with the jars already in ~/.m2 this needs no network and is quick.
  if ! mvn -q -B -o -f "$project/pom.xml" compile >/dev/null 2>&1; then
    mvn -q -B -f "$project/pom.xml" compile
  fi
  touch "$stamp"
}

running_pid() {  # the node's process id, if it runs (not another process given its old id)
  local pid
  pid=$(cat "$state/node.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q OpenSearchNode || return 1
  fi
  echo "$pid"
}

health() {  # prints the cluster's status (green, yellow, red), or nothing if it does not answer
  python3 - "$1" <<'PY' 2>/dev/null || true
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_cluster/health", timeout=2) as response:
    print(json.load(response)["status"])
PY
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {  # $1: a process id the node stops with (empty: it runs until `stop`)
  local exit_with=${1:-} pid port url status waited=0
  if pid=$(running_pid); then
    url=$(cat "$state/node.url")
    say "already running (pid $pid) at $url"
    echo "$url"
    return
  fi
  build
  rm -rf "$state/home"
  mkdir -p "$state/home/data" "$state/home/logs" "$state/home/config"
  port=$(free_port)
  url=http://127.0.0.1:$port
  local options=(-Xms"$heap" -Xmx"$heap" -XX:+HeapDumpOnOutOfMemoryError
    -XX:HeapDumpPath="$state/home/logs" -Djava.io.tmpdir="$state/home"
    -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true)
  [ -n "$exit_with" ] && options+=(-Dlocaloffer.exitWithPid="$exit_with")
  # The node's settings: the launcher adds single-node discovery, loopback and netty4. Disk
  # watermarks are off: a test node on a nearly full disk should not turn its indexes read-only.
  "$java" "${options[@]}" -cp "$project/target/classes:$project/target/lib/*" \
    uk.localoffer.engine.OpenSearchNode \
    path.home="$state/home" path.data="$state/home/data" path.logs="$state/home/logs" \
    http.port="$port" cluster.routing.allocation.disk.threshold_enabled=false \
    >"$state/node.log" 2>&1 &
  pid=$!
  echo "$pid" >"$state/node.pid"
  echo "$url" >"$state/node.url"
  while :; do
    status=$(health "$url")
    if [ "$status" = green ] || [ "$status" = yellow ]; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      say "the node stopped while starting; the end of $state/node.log:"
      tail -n 30 "$state/node.log" >&2
      rm -f "$state/node.pid" "$state/node.url"
      exit 1
    fi
    if [ "$waited" -ge "$timeout" ]; then
      say "no green or yellow cluster at $url after ${timeout}s (status: ${status:-no answer});" \
        "stopping it. The end of $state/node.log:"
      tail -n 30 "$state/node.log" >&2
      stop
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  say "node $pid answers at $url (cluster $status, ${waited}s)"
  echo "$url"
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$state/node.pid" "$state/node.url"
  rm -rf "$state/home"
}

mkdir -p "$state"
case "${1:-}" in
  build) build ;;
  start) start "" ;;
  stop) stop ;;
  url)
    running_pid >/dev/null || { say "no node is running (scripts/opensearch.sh start)"; exit 1; }
    cat "$state/node.url"
    ;;
  run)
    shift
    [ $# -gt 0 ] || { say "usage: $0 run COMMAND [ARGS...]"; exit 2; }
    if running_pid >/dev/null; then
      url=$(cat "$state/node.url")
    else
      trap stop EXIT
      trap 'exit 130' INT TERM
      url=$(start $$)
    fi
    ELASTICSEARCH_URL=$url SEARCH_BACKEND=$backend "$@"
    ;;
  *)
    echo "usage: $0 start|stop|url|run COMMAND...|build" >&2
    exit 2
    ;;
esac
