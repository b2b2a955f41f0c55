#!/usr/bin/env bash
# Hostile clients against a running twin (ConnectionsBench.java): one twin is started here on
# free loopback ports (Modbus TCP and HTTP) and stopped on exit, whatever happens.
#
# Needs the application jar (./mvnw -q -DskipTests -pl app -am package) and jcmd (the JDK's).
#
# Usage: bench/connections.sh hostile|nonreading [--nofile N] [--twin-args "ARGS"] [--jar JAR] [BENCH OPTIONS]
#   hostile      2,000 connections come and go while a normal client is served
#   nonreading   clients that pipeline requests and never read the replies; the twin's memory
#   --nofile N   run the twin with at most N open files (ulimit -n)
#   --twin-args  more options for `pro380 twin`, e.g. "--max-connections 1000"
#   --jar JAR    the twin of another build (an older commit, for a before/after comparison)
#   BENCH OPTIONS are ConnectionsBench's: --connections 2000 --wave 500 --hold-ms 300
#                 (hostile) or --megabytes 12 --seconds 10 (nonreading)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
lifetime=600   # seconds; the twin stops by itself after this, should this script be killed -9

[ $# -ge 1 ] || { sed -n '/^# Usage:/,/^set -e/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" | sed '$d' >&2; exit 2; }
mode="$1"
shift
nofile=""
twin_args=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nofile) nofile="$2"; shift 2 ;;
    --twin-args) twin_args="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done

if [ ! -f "$jar" ]; then
  echo "bench: $jar is missing; build it with: ./mvnw -q -DskipTests -pl app -am package" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-connections.XXXXXX")"
twin=""
cleanup() {
  if [ -n "$twin" ]; then
    kill -TERM "$twin" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$twin" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$twin" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck disable=SC2086
( [ -z "$nofile" ] || ulimit -n "$nofile"
  exec timeout "$lifetime" java -jar "$jar" twin --state "$tmp/twin" --tcp 127.0.0.1:0 --http 127.0.0.1:0 \
    $twin_args ) >"$tmp/twin.log" 2>&1 &
launcher=$!
modbus=""
http=""
for _ in $(seq 600); do
  modbus="$(sed -n 's/^listening: Modbus TCP on \(127\.0\.0\.1:[0-9]*\)$/\1/p' "$tmp/twin.log" | head -1)"
  http="$(sed -n 's|^listening: control API on http://\(127\.0\.0\.1:[0-9]*\)/$|\1|p' "$tmp/twin.log" | head -1)"
  [ -n "$modbus" ] && [ -n "$http" ] && break
  kill -0 "$launcher" 2>/dev/null || { echo "bench: the twin exited:" >&2; cat "$tmp/twin.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$modbus" ] || { echo "bench: the twin did not listen within 60 s" >&2; exit 1; }
twin="$(pgrep -P "$launcher" java || echo "$launcher")"   # the JVM under timeout
lines_before="$(wc -l <"$tmp/twin.log")"

echo "machine: $(nproc) cores; $(uname -sr); $(java -version 2>&1 | head -1)"
echo "twin: pid $twin, Modbus TCP $modbus, HTTP $http, open files limit ${nofile:-$(ulimit -n)}${twin_args:+, $twin_args}"
java "$here/ConnectionsBench.java" "$mode" --modbus "$modbus" --http "$http" --pid "$twin" "${bench_args[@]}"
echo "twin log: $(( $(wc -l <"$tmp/twin.log") - lines_before )) lines during the run"
sed -n "$((lines_before + 1)),\$p" "$tmp/twin.log" | grep -v '^\[' | head -5 | sed 's/^/  /'
