#!/usr/bin/env bash
# How many meters one twin process holds: for each size N, starts `pro380 twin --meters N` with a
# heap limit, times its start (until its banner: every bus port open, every meter powered on,
# the power-on check and first save done), reads its heap after a full GC and its resident
# memory, then watches its memory being saved for a while: the sequence numbers of meter 1 and
# meter N in main.nv (each save round writes every meter), and the CPU of its save thread.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package).
# Usage: bench/site-capacity.sh [--sizes 1,10000,100000] [--xmx 1g] [--watch 10] [--port 18000]
#                               [--save-interval 1s]
#   Bus ports PORT.. on 127.0.0.1 while they fit below 19000; bigger sites run with --tcp none.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
sizes=1,10000,100000 xmx=1g watch=10 port=18000 save_interval=1s
while [ $# -ge 2 ]; do
  case "$1" in
    --sizes) sizes="$2" ;; --xmx) xmx="$2" ;; --watch) watch="$2" ;; --port) port="$2" ;;
    --save-interval) save_interval="$2" ;;
    *) sed -n '/^# Usage:/,/^#   Bus/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/,/^#   Bus/p' "$0" >&2; exit 2; }
require_jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-site-capacity.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# sequence FILE K: the sequence number in meter K's record of FILE (323 bytes a meter, at byte 6).
sequence() {
  python3 -c 'import sys
with open(sys.argv[1], "rb") as f:
    f.seek((int(sys.argv[2]) - 1) * 323 + 6)
    print(int.from_bytes(f.read(8), "big"))' "$1" "$2"
}

# thread_ticks PID NAME: CPU ticks of the process's threads called NAME.
thread_ticks() {
  local t total=0
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = "$2" ]; then
      total=$((total + $(awk '{print $14 + $15}' "$t/stat")))
    fi
  done
  echo "$total"
}

proc_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

machine_line
echo "-Xmx$xmx, --save-interval $save_interval, each size watched for $watch s"
echo
echo "| meters | buses | start | heap after full GC | heap per meter | resident memory" \
  "| save rounds/s (meter 1 / meter N) | save thread CPU | whole process CPU, idle |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
hz=$(getconf CLK_TCK)
IFS=, read -ra list <<<"$sizes"
for n in "${list[@]}"; do
  buses=$(((n + 246) / 247))
  if [ $((port + buses)) -le 19000 ]; then tcp="127.0.0.1:$port"; else tcp=none; fi
  rm -rf "$tmp/state"
  start_twin "$tmp/twin-$n.log" "$xmx" --meters "$n" --tcp "$tcp" --http none --state "$tmp/state" \
    --save-interval "$save_interval"
  heap=$(heap_after_gc "$twin_pid")
  rss=$(rss_bytes "$twin_pid")
  s1=$(sequence "$tmp/state/main.nv" 1); sn=$(sequence "$tmp/state/main.nv" "$n")
  save0=$(thread_ticks "$twin_pid" pro380-save); all0=$(proc_ticks "$twin_pid"); t0=$(date +%s%N)
  sleep "$watch"
  e1=$(sequence "$tmp/state/main.nv" 1); en=$(sequence "$tmp/state/main.nv" "$n")
  save1=$(thread_ticks "$twin_pid" pro380-save); all1=$(proc_ticks "$twin_pid"); t1=$(date +%s%N)
  awk -v n="$n" -v b="$buses" -v tcp="$tcp" -v ms="$start_ms" -v heap="$heap" -v rss="$rss" \
    -v r1="$((e1 - s1))" -v rn="$((en - sn))" -v sv="$((save1 - save0))" -v all="$((all1 - all0))" \
    -v hz="$hz" -v secs="$(((t1 - t0) / 1000000))" 'BEGIN {
      s = secs / 1000
      printf "| %\047d | %d%s | %.1f s | %.0f MB | %.0f B | %.0f MB | %.2f / %.2f | %.2f cores | %.2f cores |\n",
        n, b, tcp == "none" ? " (no ports)" : "", ms / 1000, heap / 1e6, heap / n, rss / 1e6, r1 / s, rn / s,
        sv / hz / s, all / hz / s }'
  grep -E 'WARN|ERROR|Exception' "$tmp/twin-$n.log" | head -3 | sed 's/^/    log: /' || true
  stop_twin
done
