#!/usr/bin/env bash
# A 60-meter RTU bus at 9600 8E1 with wire timing: `pro380 twin --meters 60 --wire-timing` on
# RTU over TCP, read whole by RtuWireBench.java (every meter, the three block reads, one request
# at a time), each pass timed against the physical bus time of the same traffic.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package).
# Usage: bench/rtu-wire.sh [--meters 60] [--passes 1] [--turnaround 5] [--port 18200]
#   --passes P   P passes with the master sending at once, P leaving the 3.5-char gap (about 25 s each)
#   --turnaround the twin's --turnaround, in ms
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
meters=60 passes=1 turnaround=5 port=18200
while [ $# -ge 2 ]; do
  case "$1" in
    --meters) meters="$2" ;; --passes) passes="$2" ;; --turnaround) turnaround="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/,/^#   --turnaround/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#   --turnaround/p' "$0" >&2; exit 2; }
require_jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-rtu-wire.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

machine_line
start_twin "$tmp/twin.log" 256m --meters "$meters" --wire-timing --turnaround "${turnaround}ms" \
  --rtu-tcp "127.0.0.1:$port" --tcp none --http none --state "$tmp/state"
grep -E '^(PRO380|site|listening):' "$tmp/twin.log" || true
java -cp "$jar" "$here/RtuWireBench.java" --port "$port" --meters "$meters" --passes "$passes" \
  --turnaround-ms "$turnaround"
