#!/usr/bin/env bash
# The bridge's poller on a 60-meter RTU bus at 9600 8E1 with wire timing (`pro380 twin --meters 60
# --wire-timing` on RTU over TCP): full rounds of every register of every meter against the
# physical limit, side by side with value-by-value polling as mbmd-style tools do
# (BridgeRtuBench.java). Figures in docs/bridge.md.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package).
# Usage: bench/bridge-rtu.sh [--meters 60] [--rounds 3] [--vbv-meters 60] [--turnaround 5] [--port 18210]
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
meters=60 rounds=3 vbv=60 turnaround=5 port=18210
while [ $# -ge 2 ]; do
  case "$1" in
    --meters) meters="$2" ;; --rounds) rounds="$2" ;; --vbv-meters) vbv="$2" ;;
    --turnaround) turnaround="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/p' "$0" >&2; exit 2; }
require_jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-bridge-rtu.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

machine_line
start_twin "$tmp/twin.log" 256m --meters "$meters" --wire-timing --turnaround "${turnaround}ms" \
  --rtu-tcp "127.0.0.1:$port" --tcp none --http none --state "$tmp/state"
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" "$here/BridgeRtuBench.java" --port "$port" \
  --meters "$meters" --rounds "$rounds" --vbv-meters "$vbv" --turnaround-ms "$turnaround"
