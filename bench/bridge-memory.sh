#!/usr/bin/env bash
# Resident memory of `pro380 bridge` polling 60 meters every second (a 60-meter twin on
# loopback, the bridge reading --config as bench/memory.sh's bridge row), for several variants
# side by side in one run against the same twin. Each variant is NAME=LAUNCHER[=JAVA_OPTS]: the
# launcher with its default JVM settings, JAVA_OPTS added (PRO380_JAVA_OPTS); a variant whose
# options name -XX:SharedArchiveFile runs with PRO380_CDS=off, so that archive replaces the
# launcher's. Printed per variant: RSS 30 s after the start (what bench/memory.sh reads), RSS
# once the JIT compiler threads have been idle for 8 s (at most --max seconds: C2 may still be
# compiling at 30 s on a busy machine, and its arenas go back within 5 s), the peak (VmHWM), the
# bridge's CPU, and the rows it wrote (60 a second when it keeps up).
#
# --train LAUNCHER FILE first makes a class-data archive of the bridge's own classes (a bridge
# run of 10 s with -XX:ArchiveClassesAtExit=FILE against the twin), for a variant to use.
#
# Usage: bench/bridge-memory.sh [--port 18520] [--max 150] [--train LAUNCHER FILE]... NAME=LAUNCHER[=JAVA_OPTS]...
# Example: bench/bridge-memory.sh --train ./pro380 /tmp/bridge.jsa main=/tmp/main/pro380 branch=./pro380 \
#   'bridge archive=./pro380=-XX:SharedArchiveFile=/tmp/bridge.jsa -Xshare:auto'
set -euo pipefail
port=18520 max=150 trains=() variants=()
while [ $# -ge 1 ]; do
  case "$1" in
    --port) port="$2"; shift ;;
    --max) max="$2"; shift ;;
    --train) trains+=("$2" "$3"); shift 2 ;;
    *=*) variants+=("$1") ;;
    *) sed -n '/^# Usage:/,/^#   .bridge archive/p' "$0" >&2; exit 2 ;;
  esac
  shift
done
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-bridge-memory.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

start_launched "$tmp/twin.log" twin --meters 60 --tcp "127.0.0.1:$port" --http none --state "$tmp/twin"
cat >"$tmp/bridge.json" <<JSON
{"lines": [{"name": "site", "tcp": "127.0.0.1:$port", "meters": [{"units": "1..60", "interval": "1s"}]}]}
JSON

# bridge NAME LAUNCHER JAVA_OPTS SECONDS: starts a bridge in the background; sets bridge_pid.
bridge() {
  local cds=on
  case "$3" in *SharedArchiveFile* | *ArchiveClassesAtExit*) cds=off ;; esac
  PRO380_CDS="$cds" PRO380_JAVA_OPTS="$3" "$2" bridge --config "$tmp/bridge.json" --db "$tmp/$1.db" \
    --run-for "$4s" >"$tmp/$1.log" 2>&1 </dev/null &
  bridge_pid=$!
  started_pids+=("$bridge_pid")
}

for ((i = 0; i < ${#trains[@]}; i += 2)); do
  bridge train "${trains[i]}" "-XX:ArchiveClassesAtExit=${trains[i + 1]} -Xlog:cds=off -Xlog:cds+dynamic=off" 10
  wait "$bridge_pid" || true
  [ -s "${trains[i + 1]}" ] || { echo "bench: no archive made: ${trains[i + 1]}" >&2; cat "$tmp/train.log" >&2; exit 1; }
  rm -f "$tmp/train.db"
done

machine_line
echo
printf '| variant | RSS at 30 s | RSS, compiler idle | peak | CPU | rows |\n|---|---:|---:|---:|---:|---:|\n'
for variant in "${variants[@]}"; do
  name="${variant%%=*}" rest="${variant#*=}"
  launcher="${rest%%=*}" opts=""
  [ "$rest" = "$launcher" ] || opts="${rest#*=}"
  bridge "${name// /_}" "$launcher" "$opts" "$((max + 30))"
  pid=$bridge_pid
  sleep 30
  kill -0 "$pid" 2>/dev/null || { echo "bench: the bridge ($name) exited:" >&2; cat "$tmp/${name// /_}.log" >&2; exit 1; }
  at30="$(rss_mb "$pid")"
  quiet=0 t=30 last="$(ticks "$pid" | cut -d' ' -f1)"
  while [ "$t" -lt "$max" ] && [ "$quiet" -lt 4 ]; do
    sleep 2
    t=$((t + 2))
    now="$(ticks "$pid" | cut -d' ' -f1)"
    if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    last="$now"
  done
  idle="$(rss_mb "$pid")" peak="$(rss_mb "$pid" VmHWM)" cpu="$(ticks "$pid" | cut -d' ' -f2)"
  stop_pid "$pid"
  printf '| %s | %s MB | %s MB (after %s s) | %s MB | %.1f s | %s |\n' "$name" "$at30" "$idle" "$t" "$peak" \
    "$(awk -v c="$cpu" -v h="$(getconf CLK_TCK)" 'BEGIN {print c / h}')" "$(sqlite3 "$tmp/${name// /_}.db" 'SELECT count(*) FROM reading')"
done
