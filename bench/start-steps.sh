#!/usr/bin/env bash
# Where the main thread's CPU goes in a start of a twin of one meter (control API on): each step
# of bench/StartSteps.java in the order pro380 takes them (picocli and the command models, the
# parse, the config, Netty's platform checks, Twin.start), median of --runs starts, with the launcher's JVM settings and
# class-data archive (the step class comes from a directory after the jar, which the archive
# allows). CPU time hardly depends on the machine's load; compare two builds by giving each one's
# launcher (a repository's ./pro380, or a copy of it beside app/target and dist/src/launcher).
#
# Usage: bench/start-steps.sh [--launcher PATH] [--runs 5] [--port 18530]
set -euo pipefail
runs=5 port=18530
while [ $# -ge 2 ]; do
  case "$1" in
    --launcher) launcher="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" ;;
    --runs) runs="$2" ;; --port) port="$2" ;;
    *) sed -n '/^# Usage:/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/p' "$0" >&2; exit 2; }
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lean-lib.sh"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-start-steps.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
"$launcher" --version >/dev/null # builds the jar and the class-data archive on first use
machine_line
dir="$(dirname "$launcher")"
jar="$dir/$(sed -n 's/^jar="\$here\/\(.*\)"$/\1/p' "$launcher")"
javac -cp "$jar" -d "$tmp" "$here/StartSteps.java"
# shellcheck source=dist/src/launcher/jvm.sh
source "$dir/dist/src/launcher/jvm.sh"
pro380_jvm java "$jar" twin

for i in $(seq "$runs"); do
  rm -rf "$tmp/state"
  java "${pro380_opts[@]}" -cp "$jar:$tmp" org.pro380.app.StartSteps twin --tcp "127.0.0.1:$port" \
    --http "127.0.0.1:$((port + 1))" --state "$tmp/state" >"$tmp/run.$i" 2>/dev/null </dev/null &
  started_pids+=($!)
  for _ in $(seq 600); do grep -q '^done$' "$tmp/run.$i" && break; sleep 0.1; done
  stop_all
  grep -q '^done$' "$tmp/run.$i" || { echo "start-steps: run $i did not start" >&2; exit 1; }
done
echo
printf '| main thread CPU, median of %s starts | ms |\n|---|---:|\n' "$runs"
cat "$tmp"/run.* | awk -F'\t' 'NF == 2 {
    if (!($1 in n)) order[++steps] = $1
    v[$1, ++n[$1]] = $2
  } END {
    for (s = 1; s <= steps; s++) {
      name = order[s]; k = n[name]
      for (i = 1; i <= k; i++) {
        x = v[name, i] + 0
        for (j = i - 1; j >= 1 && sorted[j] > x; j--) sorted[j + 1] = sorted[j]
        sorted[j + 1] = x
      }
      median = sorted[int((k + 1) / 2)]; total += median
      printf "| %s | %d |\n", name, median
    }
    printf "| **to the transports bound** | **%d** |\n", total
  }'
