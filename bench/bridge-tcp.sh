#!/usr/bin/env bash
# The bridge polling 1,000 twin meters over Modbus TCP at a 1 s interval into SQLite: readings a
# second, CPU of the bridge's JVM and database growth, measured over a window after a warm-up,
# reported per meter-day. The twin runs its meters on buses of --bus-size (one Modbus TCP port
# each); the bridge gets one line per bus from a config file.
#
# Needs the application jar (./mvnw -q -B -DskipTests -pl app -am package).
# Usage: bench/bridge-tcp.sh [--meters 1000] [--bus-size 200] [--warmup 30] [--window 60] [--port 18300]
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/site-lib.sh"
meters=1000 bus_size=200 warmup=30 window=60 port=18300
while [ $# -ge 2 ]; do
  case "$1" in
    --meters) meters="$2" ;; --bus-size) bus_size="$2" ;; --warmup) warmup="$2" ;; --window) window="$2" ;;
    --port) port="$2" ;;
    *) sed -n '/^# Usage:/p' "$0" >&2; exit 2 ;;
  esac
  shift 2
done
[ $# -eq 0 ] || { sed -n '/^# Usage:/p' "$0" >&2; exit 2; }
require_jar
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-bridge-tcp.XXXXXX")"
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

machine_line
start_twin "$tmp/twin.log" 1g --meters "$meters" --bus-size "$bus_size" --tcp "127.0.0.1:$port" --http none \
  --state "$tmp/state"
buses=$(((meters + bus_size - 1) / bus_size))
{
  echo '{"lines": ['
  for b in $(seq 0 $((buses - 1))); do
    last=$((meters - b * bus_size < bus_size ? meters - b * bus_size : bus_size))
    sep=$([ "$b" -lt $((buses - 1)) ] && echo , || true)
    echo "  {\"name\": \"bus$((b + 1))\", \"tcp\": \"127.0.0.1:$((port + b))\", \"meters\": [{\"units\": \"1..$last\", \"interval\": \"1s\"}]}$sep"
  done
  echo ']}'
} >"$tmp/bridge.json"
db="$tmp/bridge.db"
timeout "$lifetime" java -Xmx512m -jar "$jar" bridge --config "$tmp/bridge.json" --db "$db" \
  --run-for "$((warmup + window + 10))s" >"$tmp/bridge.log" 2>&1 </dev/null &
wrapper=$!
started_pids+=("$wrapper")
sleep 2
bridge_pid="$(pgrep -P "$wrapper" java | head -1)"
sample() { # cpu ticks of the bridge JVM, rows, bytes of the database (with its WAL)
  local ticks rows bytes
  ticks=$(awk '{print $14 + $15}' "/proc/$bridge_pid/stat")
  rows=$(sqlite3 "$db" "SELECT count(*) FROM reading WHERE gap IS NULL")
  bytes=$(($(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0)))
  echo "$ticks $rows $bytes $(date +%s%N)"
}
sleep "$warmup"
read -r t0 r0 b0 n0 < <(sample)
sleep "$window"
read -r t1 r1 b1 n1 < <(sample)
hz=$(getconf CLK_TCK)
awk -v t="$((t1 - t0))" -v r="$((r1 - r0))" -v b="$((b1 - b0))" -v ns="$((n1 - n0))" -v hz="$hz" -v m="$meters" 'BEGIN {
  s = ns / 1e9; cpu = t / hz
  printf "window %.1f s: %d readings (%.0f a second, %d meters at 1 s), gaps: see below\n", s, r, r / s, m
  printf "bridge CPU: %.1f s in %.1f s = %.2f cores; %.0f us a reading\n", cpu, s, cpu / s, cpu / r * 1e6
  printf "database: +%.1f MB in %.1f s = %.0f bytes a reading; %.1f MB a meter-day at 1 s, %.1f MB at 10 s\n",
    b / 1e6, s, b / r, b / r * 86400 / 1e6, b / r * 8640 / 1e6
}'
wait "$wrapper" || true
echo "gap rows: $(sqlite3 "$db" "SELECT count(*) FROM reading WHERE gap IS NOT NULL")"
grep -E 'WARN|lost' "$tmp/bridge.log" | head -5 || true
