#!/usr/bin/env bash
# What --capture costs the twin (docs/capture.md, issue: "never slows the twin by more than 10 %
# at 10,000 requests/s"): two twins of one meter side by side in one run, one without a capture
# and one writing every frame into a rotating capture (--capture-size 8MB --capture-files 3, so
# the run rotates files many times), both through the launcher with its default JVM settings and
# both keeping each meter's last frames in memory (that is always on). Both are warmed until their
# JIT compilers are quiet, then driven in turn by the same C load generator on libmodbus's client
# (bench/modbus_load.c) for --rounds rounds: a closed loop at each connection count (the rate at
# saturation), then an open loop at --rate requests/s over 4 and 16 connections (the latency and
# CPU at that rate; a request's latency counts from when it was due).
#
# Needs gcc, libmodbus-dev; the launcher builds the jar on first use.
# Usage: bench/capture-cost.sh [--launcher PATH] [--connections 1,4,16] [--rounds 3] [--duration 1500]
#                              [--rate 10000] [--server-warmup 180] [--port 18540]
set -euo pipefail
connections=1,4,16 rounds=3 duration=1500 rate=10000 server_warmup=180 port=18540
while [ $# -ge 2 ]; do
  case "$1" in
    --launcher) launcher="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" ;;
    --connections) connections="$2" ;; --rounds) rounds="$2" ;; --duration) duration="$2" ;;
    --rate) rate="$2" ;;
    --server-warmup) server_warmup="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/,/^#  /p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#  /p' "$0" >&2; exit 2; }
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
lean_begin capture-cost

start_launched "$tmp/plain.log" twin --tcp "127.0.0.1:$port" --http none --state "$tmp/plain"
plain=$launched_pid
start_launched "$tmp/captured.log" twin --tcp "127.0.0.1:$((port + 1))" --http none --state "$tmp/captured" \
  --capture "$tmp/twin.pcapng" --capture-size 8MB --capture-files 3
captured=$launched_pid
warm "$port" "$plain" 1 "twin"
warm "$((port + 1))" "$captured" 1 "twin --capture"

# compare NAME CONNECTIONS [RATE]: --rounds rounds of each twin in turn, one row of the table.
compare() {
  : >"$tmp/p" && : >"$tmp/c"
  for _ in $(seq "$rounds"); do
    "$tmp/modbus_load" "$port" "$2" 1 500 "$duration" "$plain" ${3:+"$3"} >>"$tmp/p"
    "$tmp/modbus_load" "$((port + 1))" "$2" 1 500 "$duration" "$captured" ${3:+"$3"} >>"$tmp/c"
  done
  # columns of modbus_load: req/s p50 p99 server-cores client-cores
  paste <(sort -n "$tmp/p") <(sort -n "$tmp/c") | awk -F'\t' -v n="$1" -v r="$rounds" '
    {pr += $1; cr += $6; pc += $4; cc += $9; pp50[NR] = $2; cp50[NR] = $7; pp99[NR] = $3; cp99[NR] = $8}
    END {
      m = int((NR + 1) / 2)
      pcpu = pc / pr * 1e6; ccpu = cc / cr * 1e6
      printf "| %s | %.0f | %.0f | **%.2f** | %.0f / %.0f µs | %.0f / %.0f µs | %.1f / %.1f µs (%.2f) |\n",
        n, pr / r, cr / r, cr / pr, pp50[m], cp50[m], pp99[m], cp99[m], pcpu, ccpu, ccpu / pcpu
    }'
}
echo
echo "| load | twin req/s | with --capture req/s | rate with/without | p50 without / with | p99 without / with | CPU per request without / with |"
echo "|---|---:|---:|---:|---|---|---|"
for c in ${connections//,/ }; do compare "closed loop, $c connections" "$c"; done
for c in 4 16; do compare "$rate req/s, $c connections" "$c" "$rate"; done
stop_pid "$captured"
echo
grep -h '^capture' "$tmp/captured.log" || true
echo "capture files at the end: $(ls "$tmp" | grep -c '^twin.pcapng') ($(du -ch "$tmp"/twin.pcapng* | tail -1 | cut -f1))"
echo "other processes: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
