#!/usr/bin/env bash
# Resident memory (VmRSS) of pro380's long-running jobs with the launcher's default JVM settings,
# beside pymodbus's simulator, side by side in one run:
#   - a twin of one meter (control API on), idle after answering one read, then under 16
#     connections reading as fast as they can (bench/modbus_load.c, the three blocks in turn);
#   - a twin of 247 meters (one gateway port), idle, then under 16 connections reading unit ids
#     1..247 in turn;
#   - the bridge polling 60 meters (a 60-meter twin) every second into SQLite;
#   - pymodbus (bench/pymodbus_server.py, bench/pymodbus_bus_server.py) under the same loads.
# Idle figures are taken after --settle seconds; loaded ones at the end of --load seconds of load,
# with the peak (VmHWM) beside. --nmt adds the JVM's own account (Native Memory Tracking) of the
# idle one-meter twin.
#
# Needs gcc, libmodbus-dev, python3-pymodbus; the launcher builds the jar on first use.
# Usage: bench/memory.sh [--launcher PATH] [--settle 5] [--load 10] [--bridge 30] [--port 18500] [--nmt]
#   Ports PORT.. PORT + 5 on 127.0.0.1.
set -euo pipefail
settle=5 load=10 bridge_seconds=30 port=18500 nmt=""
while [ $# -ge 1 ]; do
  case "$1" in
    --launcher) launcher="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --settle) settle="$2"; shift ;; --load) load="$2"; shift ;; --bridge) bridge_seconds="$2"; shift ;;
    --port) port="$2"; shift ;; --nmt) nmt=1 ;;
    *) sed -n '/^# Usage:/,/^#   Ports/p' "$0" >&2; exit 2 ;;
  esac
  shift
done
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
python=/usr/bin/python3
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-memory.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
build_tools "$tmp"
"$launcher" --version >/dev/null # builds the jar and the class-data archive on first use
machine_line
echo
printf '| job | idle | under 16 connections (end / peak) |\n|---|---:|---:|\n'

# row NAME PORT UNITS PID: idle after --settle s, then under 16 connections for --load s.
row() {
  local name="$1" p="$2" units="$3" pid="$4" idle
  "$tmp/modbus_load" "$p" 1 "$units" 0 200 "$pid" >/dev/null
  sleep "$settle"
  idle="$(rss_mb "$pid")"
  "$tmp/modbus_load" "$p" 16 "$units" 0 "$((load * 1000))" "$pid" >"$tmp/load.tsv"
  printf '| %s | %s MB | %s / %s MB (%s req/s) |\n' "$name" "$idle" "$(rss_mb "$pid")" "$(rss_mb "$pid" VmHWM)" \
    "$(cut -f1 "$tmp/load.tsv")"
}

java_opts="${nmt:+-XX:NativeMemoryTracking=summary}"
PRO380_JAVA_OPTS="${PRO380_JAVA_OPTS:-} $java_opts" start_launched "$tmp/twin1.log" twin --tcp "127.0.0.1:$port" \
  --http "127.0.0.1:$((port + 1))" --state "$tmp/twin1"
twin1=$launched_pid
if [ -n "$nmt" ]; then
  "$tmp/modbus_load" "$port" 1 1 0 200 "$twin1" >/dev/null
  sleep "$settle"
  jcmd "$twin1" VM.native_memory summary >"$tmp/nmt.txt"
fi
row "twin, 1 meter" "$port" 1 "$twin1"
stop_pid "$twin1"

start_baseline "$tmp/py1.log" "$python" "$here/pymodbus_server.py" --port "$((port + 2))" --max-seconds "$lifetime"
py1=$launched_pid
row "pymodbus, 1 device" "$((port + 2))" 1 "$py1"
stop_pid "$py1"

start_launched "$tmp/twin247.log" twin --meters 247 --tcp "127.0.0.1:$((port + 3))" --http none --state "$tmp/twin247"
twin247=$launched_pid
row "twin, 247 meters (one gateway port)" "$((port + 3))" 247 "$twin247"
stop_pid "$twin247"

start_baseline "$tmp/py247.log" "$python" "$here/pymodbus_bus_server.py" --port "$((port + 4))" --units 247 \
  --max-seconds "$lifetime"
py247=$launched_pid
row "pymodbus, 247 unit ids" "$((port + 4))" 247 "$py247"
stop_pid "$py247"

start_launched "$tmp/twin60.log" twin --meters 60 --tcp "127.0.0.1:$((port + 5))" --http none --state "$tmp/twin60"
twin60=$launched_pid
cat >"$tmp/bridge.json" <<JSON
{"lines": [{"name": "site", "tcp": "127.0.0.1:$((port + 5))", "meters": [{"units": "1..60", "interval": "1s"}]}]}
JSON
"$launcher" bridge --config "$tmp/bridge.json" --db "$tmp/bridge.db" --run-for "$((bridge_seconds + 30))s" \
  >"$tmp/bridge.log" 2>&1 </dev/null &
bridge=$!
started_pids+=("$bridge")
sleep "$bridge_seconds"
kill -0 "$bridge" 2>/dev/null || { echo "bench: the bridge exited:" >&2; cat "$tmp/bridge.log" >&2; exit 1; }
printf '| bridge, 60 meters polled every second | %s MB (peak %s MB, after %s s) | |\n' "$(rss_mb "$bridge")" \
  "$(rss_mb "$bridge" VmHWM)" "$bridge_seconds"
if [ -n "$nmt" ]; then
  echo
  echo "Native Memory Tracking of the idle one-meter twin (committed):"
  grep -E '^(Total|-)' "$tmp/nmt.txt" | sed 's/reserved=[0-9]*KB, //'
fi
