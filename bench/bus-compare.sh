#!/usr/bin/env bash
# One bus port of 247 meters side by side with two baselines, driven by the same load client
# (TwinThroughputBench.java, closed loop, every reply checked) reading unit ids 1..247 in turn,
# a full read (the three block reads) of each:
#   - the twin: `pro380 twin --meters 247` (one bus; its Modbus TCP port is the bus's gateway);
#   - Debian's pymodbus 3.0 with 247 unit ids in one ModbusServerContext
#     (bench/pymodbus_bus_server.py);
#   - libmodbus 3.1 answering every unit id with the same register image
#     (bench/libmodbus_server.c, compiled here with gcc and pkg-config).
# Each table is twin against one baseline, rounds alternating, so both see the same load.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package), python3-pymodbus,
# libmodbus-dev, gcc.
# Usage: bench/bus-compare.sh [--connections 1,4,16] [--rounds 3] [--port 18100]
#   Ports PORT (twin), PORT + 1 (pymodbus), PORT + 2 (libmodbus) on 127.0.0.1.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
connections=1,4,16 rounds=3 port=18100
while [ $# -ge 2 ]; do
  case "$1" in
    --connections) connections="$2" ;; --rounds) rounds="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/,/^#   Ports/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#   Ports/p' "$0" >&2; exit 2; }
require_jar
python=/usr/bin/python3
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-bus-compare.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

gcc -O2 -Wall -o "$tmp/libmodbus_server" "$here/libmodbus_server.c" $(pkg-config --cflags --libs libmodbus)

# await_line LOG PID WHAT: waits until LOG has a first line (the port), or PID exits.
await_line() {
  local i
  for i in $(seq 300); do
    [ -s "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "bench: $3 exited:" >&2; cat "$1" "$1.err" >&2 2>/dev/null; exit 1; }
    sleep 0.1
  done
  echo "bench: $3 did not listen within 30 s" >&2
  exit 1
}

machine_line
echo "pymodbus $("$python" -c 'import pymodbus; print(pymodbus.__version__)')," \
  "libmodbus $(pkg-config --modversion libmodbus)"
start_twin "$tmp/twin.log" 1g --meters 247 --tcp "127.0.0.1:$port" --http none --state "$tmp/state"
grep -E '^(site|listening):' "$tmp/twin.log"
"$python" "$here/pymodbus_bus_server.py" --port $((port + 1)) --units 247 --max-seconds "$lifetime" \
  >"$tmp/pymodbus.log" 2>"$tmp/pymodbus.log.err" &
pymodbus_pid=$!
started_pids+=("$pymodbus_pid")
"$tmp/libmodbus_server" $((port + 2)) "$lifetime" >"$tmp/libmodbus.log" 2>"$tmp/libmodbus.log.err" &
libmodbus_pid=$!
started_pids+=("$libmodbus_pid")
await_line "$tmp/pymodbus.log" "$pymodbus_pid" "pymodbus"
await_line "$tmp/libmodbus.log" "$libmodbus_pid" "libmodbus server"

bench() {
  java -cp "$jar" "$here/TwinThroughputBench.java" --units 247 --connections "$connections" --rounds "$rounds" \
    --twin "127.0.0.1:$port@$twin_pid" "$@"
}
status=0
echo
echo "### against pymodbus, 247 unit ids in one ModbusServerContext"
bench --pymodbus "127.0.0.1:$((port + 1))@$pymodbus_pid" --baseline pymodbus --results "$tmp/pymodbus.tsv" --print \
  || status=$?
echo
echo "### against libmodbus, every unit id answered from one register image"
bench --pymodbus "127.0.0.1:$((port + 2))@$libmodbus_pid" --baseline libmodbus --results "$tmp/libmodbus.tsv" \
  --print || status=$?
grep -E 'WARN|ERROR' "$tmp/twin.log" | head -5 || true
exit "$status"
