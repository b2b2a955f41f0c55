#!/usr/bin/env bash
# A site of many meters under a head-end's load: starts `pro380 twin --meters N` with a heap
# limit, times its start, reads its heap after a full GC, then polls every meter at a fixed rate
# with the three block reads over at most C Modbus TCP connections (SitePollBench.java, open
# loop, latency counted from when each request was due), and reads the heap again.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package).
# Usage: bench/site-poll.sh [--meters 10000] [--xmx 1g] [--connections 64] [--hz 1] [--bus-size 247]
#                           [--port 18000] [--warmup 30s] [--duration 30s]
#   The twin's bus ports are PORT .. PORT + buses - 1 on 127.0.0.1 (41 for 10,000 meters).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
meters=10000 xmx=1g connections=64 hz=1 bus_size=247 port=18000 warmup=30s duration=30s
while [ $# -ge 2 ]; do
  case "$1" in
    --meters) meters="$2" ;; --xmx) xmx="$2" ;; --connections) connections="$2" ;; --hz) hz="$2" ;;
    --bus-size) bus_size="$2" ;; --port) port="$2" ;; --warmup) warmup="$2" ;; --duration) duration="$2" ;;
    *) sed -n '/^# Usage:/,/^#   The/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#   The/p' "$0" >&2; exit 2; }
require_jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-site-poll.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

machine_line
start_twin "$tmp/twin.log" "$xmx" --meters "$meters" --bus-size "$bus_size" --tcp "127.0.0.1:$port" --http none \
  --state "$tmp/state"
grep -E '^(site|listening):' "$tmp/twin.log"
heap=$(heap_after_gc "$twin_pid")
echo "twin: -Xmx$xmx, $meters meters, started in $start_ms ms; heap after full GC $(mb "$heap")," \
  "$(awk -v h="$heap" -v n="$meters" 'BEGIN{printf "%.0f", h / n}') bytes a meter (all included);" \
  "RSS $(mb "$(rss_bytes "$twin_pid")")"
status=0
# shellcheck disable=SC2086 # CLIENT_JAVA_OPTS: extra JVM options of the load client
java ${CLIENT_JAVA_OPTS:-} -cp "$jar" "$here/SitePollBench.java" --port "$port" --meters "$meters" \
  --bus-size "$bus_size" --connections "$connections" --hz "$hz" --warmup "$warmup" --duration "$duration" \
  --pid "$twin_pid" || status=$?
heap=$(heap_after_gc "$twin_pid")
echo "twin after the load: heap after full GC $(mb "$heap"), RSS $(mb "$(rss_bytes "$twin_pid")")"
grep -E 'WARN|ERROR' "$tmp/twin.log" | head -5 || true
exit "$status"
