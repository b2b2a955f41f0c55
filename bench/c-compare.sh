#!/usr/bin/env bash
# The twin against a C server on libmodbus (bench/libmodbus_server.c), both driven by the same C
# load generator on libmodbus's client (bench/modbus_load.c: closed loop per connection, the
# meter's three blocks in turn, every reply checked by libmodbus), side by side in one run:
#   - one meter at 1, 4 and 16 connections;
#   - a gateway port of 247 meters (`twin --meters 247`; libmodbus answers every unit id from one
#     image) at 1, 4 and 16 connections, each connection reading unit ids 1..247 in turn.
# The twins run through the launcher with its default JVM settings. Each is first loaded in 2 s
# windows until it is warm: its JIT compiler threads (from /proc/PID/task) used under 3 % of its
# CPU in 2 windows in a row, at most --server-warmup seconds (on a loaded machine that takes
# a minute or more; measured cold, the twin spends most of its CPU compiling). Each row is --rounds rounds of twin then
# libmodbus (0.5 s uncounted, --duration counted), added up; latency from request written to reply
# complete, p50/p99 of the round with the median rate; CPU of the server process from /proc.
#
# Needs gcc, libmodbus-dev; the launcher builds the jar on first use.
# Usage: bench/c-compare.sh [--launcher PATH] [--connections 1,4,16] [--rounds 3] [--duration 1500]
#                           [--server-warmup 180] [--port 18520]
set -euo pipefail
connections=1,4,16 rounds=3 duration=1500 server_warmup=180 port=18520
while [ $# -ge 2 ]; do
  case "$1" in
    --launcher) launcher="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" ;;
    --connections) connections="$2" ;; --rounds) rounds="$2" ;; --duration) duration="$2" ;;
    --server-warmup) server_warmup="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/,/^#  /p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#  /p' "$0" >&2; exit 2; }
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
lean_begin c-compare

start_baseline "$tmp/libmodbus.log" "$tmp/libmodbus_server" "$port" "$lifetime"
libmodbus=$launched_pid
start_launched "$tmp/twin1.log" twin --tcp "127.0.0.1:$((port + 1))" --http none --state "$tmp/twin1"
twin1=$launched_pid
start_launched "$tmp/twin247.log" twin --meters 247 --tcp "127.0.0.1:$((port + 2))" --http none --state "$tmp/twin247"
twin247=$launched_pid
warm "$((port + 1))" "$twin1" 1 "twin, 1 meter"
warm "$((port + 2))" "$twin247" 247 "twin, 247 meters"

# measure PORT PID CONNECTIONS UNITS: one round, a line of modbus_load's figures.
measure() {
  "$tmp/modbus_load" "$1" "$3" "$4" 500 "$duration" "$2"
}
echo
echo "| load | twin req/s | libmodbus req/s | req/s twin/libmodbus | p50 twin / libmodbus | p99 twin / libmodbus | p99 twin/libmodbus | CPU per request twin / libmodbus | twin RSS |"
echo "|---|---:|---:|---:|---|---|---:|---|---:|"
for units in 1 247; do
  twin=$twin1 twin_port=$((port + 1))
  [ "$units" = 247 ] && twin=$twin247 twin_port=$((port + 2))
  for c in ${connections//,/ }; do
    : >"$tmp/t" && : >"$tmp/l"
    for _ in $(seq "$rounds"); do
      measure "$twin_port" "$twin" "$c" "$units" >>"$tmp/t"
      measure "$port" "$libmodbus" "$c" "$units" >>"$tmp/l"
    done
    name="1 meter, $c connections"
    [ "$units" = 247 ] && name="247-meter gateway, $c connections"
    # columns of modbus_load: req/s p50 p99 server-cores client-cores; the rates added up, the
    # latencies of the median round, CPU per request from the cores and rates added up
    paste <(sort -n "$tmp/t") <(sort -n "$tmp/l") | awk -F'\t' -v n="$name" -v r="$rounds" -v rss="$(rss_mb "$twin")" '
      {tr += $1; lr += $6; tc += $4; lc += $9; tp50[NR] = $2; tp99[NR] = $3; lp50[NR] = $7; lp99[NR] = $8}
      END {
        m = int((NR + 1) / 2)
        tcpu = tc / tr * 1e6; lcpu = lc / lr * 1e6
        printf "| %s | %.0f | %.0f | **%.2f** | %.0f / %.0f µs | %.0f / %.0f µs | **%.2f** | %.1f / %.1f µs (%.2f) | %s MB |\n",
          n, tr / r, lr / r, tr / lr, tp50[m], lp50[m], tp99[m], lp99[m], tp99[m] / lp99[m], tcpu, lcpu, tcpu / lcpu, rss
      }'
  done
done
echo
echo "other processes: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
