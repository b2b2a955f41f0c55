#!/usr/bin/env bash
# Start time of a twin of one meter: from the command to the first answered Modbus read
# (bench/first_read.c starts the launcher, then reads 0x4000 x2 from unit 1 every millisecond
# until one read is answered; also the CPU time the JVM had used by then, which a loaded machine
# inflates less than the wall time, and how much of it its main thread and its JIT compilers used), --runs times each with the launcher's default JVM settings, with
# PRO380_CDS=off (no application class-data archive) and, for comparison, `java -jar` alone.
# Each run has its own new state directory; runs alternate, so that all see the same load.
#
# Needs gcc, libmodbus-dev; the launcher builds the jar and its archive on first use.
# Usage: bench/start.sh [--launcher PATH] [--runs 5] [--port 18510] [--http on|none]
set -euo pipefail
runs=5 port=18510 http=on
while [ $# -ge 2 ]; do
  case "$1" in
    --launcher) launcher="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" ;;
    --runs) runs="$2" ;; --port) port="$2" ;; --http) http="$2" ;;
    *) sed -n '/^# Usage:/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/p' "$0" >&2; exit 2; }
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-start.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
build_tools "$tmp"
"$launcher" --version >/dev/null # builds the jar and the class-data archive on first use
machine_line
http_arg=(--http "127.0.0.1:$((port + 1))")
[ "$http" = none ] && http_arg=(--http none)
jar="$(sed -n 's/^jar="\$here\/\(.*\)"$/\1/p' "$launcher")"

# once NAME COMMAND...: ms to the first answered read, into $tmp/NAME.
once() {
  local name="$1"
  shift
  rm -rf "$tmp/state"
  "$tmp/first_read" "$port" 60 "$@" twin --tcp "127.0.0.1:$port" "${http_arg[@]}" --state "$tmp/state" \
    2>/dev/null >>"$tmp/$name"
}
for _ in $(seq "$runs"); do
  once launcher "$launcher"
  PRO380_CDS=off once no-archive "$launcher"
  [ -n "$jar" ] && once java-jar java -jar "$root/$jar"
done
echo
printf '| start to first answered read, %s runs | median | min | max | JVM CPU by then, median | of which the main thread | of which the compilers |\n' "$runs"
printf '|---|---:|---:|---:|---:|---:|---:|\n'
for name in launcher no-archive java-jar; do
  [ -s "$tmp/$name" ] || continue
  paste <(cut -f1 "$tmp/$name" | sort -n) <(cut -f2 "$tmp/$name" | sort -n) <(cut -f3 "$tmp/$name" | sort -n) \
    <(cut -f4 "$tmp/$name" | sort -n) | awk -v n="$name" '
    {v[NR] = $1; c[NR] = $2; t[NR] = $3; j[NR] = $4} END {
      m = int((NR + 1) / 2)
      printf "| %s | %d ms | %d ms | %d ms | %d ms | %d ms | %d ms |\n", n, v[m], v[1], v[NR], c[m], t[m], j[m]}'
done
