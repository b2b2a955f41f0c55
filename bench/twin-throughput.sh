#!/usr/bin/env bash
# Serving throughput and latency of the twin (Modbus TCP), as ratios against a baseline run side
# by side: Debian's pymodbus 3.0 serving a register image of the same shape. One load client,
# TwinThroughputBench.java (a single-file Java program on the application jar), drives both.
# Every server is started here on a free loopback port and stopped on exit, whatever happens.
#
# Needs the application jar (./mvnw -q -DskipTests -pl app -am package) and Debian's pymodbus
# for /usr/bin/python3 (apt-get install python3-pymodbus).
#
# Usage: bench/twin-throughput.sh [--connections 1,4,16] [--meters 4] [--rounds 2] [--warmup 500ms]
#                                 [--duration 1500ms] [--server-warmup 40s]
#   --connections    rows of one meter (one twin, one pymodbus server) with N connections each
#   --meters M       a row of M twins against M pymodbus servers, one connection to each (0: none)
#   --rounds R       each row is R rounds of twin then pymodbus, added up, so both see the same
#                    background load
#   --warmup, --duration   of each round (its connections are new, the servers already warm)
#   --server-warmup  longest load on each server set before its rows; it stops earlier once the
#                    rate no longer rises and a JVM's JIT compiler threads have gone quiet
# A full run takes about two minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
python=/usr/bin/python3
connections=1,4,16
meters=4
rounds=2
warmup=500ms
duration=1500ms
server_warmup=40s
lifetime=900   # seconds; every server stops by itself after this, should this script be killed -9

usage() {
  sed -n '/^# Usage:/,/^# A full run/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --connections) connections="$2" ;;
    --meters) meters="$2" ;;
    --rounds) rounds="$2" ;;
    --warmup) warmup="$2" ;;
    --duration) duration="$2" ;;
    --server-warmup) server_warmup="$2" ;;
    *) usage ;;
  esac
  shift 2
done

if [ ! -f "$jar" ]; then
  echo "bench: $jar is missing; build it with: ./mvnw -q -DskipTests -pl app -am package" >&2
  exit 1
fi
if ! "$python" -c 'import pymodbus.server' 2>/dev/null; then
  echo "bench: pymodbus is missing for $python; install it with: apt-get install python3-pymodbus" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-throughput.XXXXXX")"
servers=()   # pids of the running servers

stop_servers() {
  local pid i
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  servers=()
}
cleanup() {
  stop_servers
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until LOG has a line matching SED (which prints the port), or the process PID dies.
await_port() {
  local log="$1" pid="$2" sed="$3" what="$4" port i
  for i in $(seq 600); do
    port="$(sed -n "$sed" "$log" 2>/dev/null | head -1)"
    if [ -n "$port" ]; then
      echo "$port"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: $what exited before listening:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "bench: $what did not listen within 60 s" >&2
  exit 1
}

# Starts COUNT twins, then COUNT pymodbus servers; sets twin_list and pymodbus_list to
# comma-separated 127.0.0.1:PORT@PID and notes in the results how long the start took.
start_servers() {
  local count="$1" i pid port started
  local -a pids=()
  twin_list=""
  pymodbus_list=""
  started=$SECONDS
  for i in $(seq "$count"); do
    timeout "$lifetime" java -jar "$jar" twin --state "$tmp/twin-$i" --tcp 127.0.0.1:0 --http none \
      >"$tmp/twin-$i.log" 2>&1 &
    pids+=("$!")
    servers+=("$!")
  done
  for i in $(seq "$count"); do
    pid="${pids[$((i - 1))]}"
    port="$(await_port "$tmp/twin-$i.log" "$pid" 's/^listening: Modbus TCP on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "twin $i")"
    twin_list="$twin_list${twin_list:+,}127.0.0.1:$port@$pid"
  done
  note "$count twin(s) started (all listening) in $((SECONDS - started)) s"
  pids=()
  started=$SECONDS
  for i in $(seq "$count"); do
    "$python" "$here/pymodbus_server.py" --port 0 --max-seconds "$lifetime" \
      >"$tmp/pymodbus-$i.log" 2>"$tmp/pymodbus-$i.err" &
    pids+=("$!")
    servers+=("$!")
  done
  for i in $(seq "$count"); do
    pid="${pids[$((i - 1))]}"
    port="$(await_port "$tmp/pymodbus-$i.log" "$pid" '1s/^\([0-9][0-9]*\)$/\1/p' "pymodbus server $i")"
    pymodbus_list="$pymodbus_list${pymodbus_list:+,}127.0.0.1:$port@$pid"
  done
  note "$count pymodbus server(s) started (all listening) in $((SECONDS - started)) s"
}

# A line printed under the tables.
note() {
  echo "# $*" >>"$tmp/results.tsv"
}

bench() {
  java -cp "$jar" "$here/TwinThroughputBench.java" --rounds "$rounds" --warmup "$warmup" \
    --duration "$duration" --server-warmup "$server_warmup" --results "$tmp/results.tsv" "$@"
}

echo "machine: $(nproc) cores shared by the servers and the load client; $(uname -sr);" \
  "$(java -version 2>&1 | head -1); Python $("$python" -c 'import platform; print(platform.python_version())')," \
  "pymodbus $("$python" -c 'import pymodbus; print(pymodbus.__version__)')"
echo

if [ "$meters" -gt 0 ]; then
  last=()
else
  last=(--print)
fi
start_servers 1
bench --twin "$twin_list" --pymodbus "$pymodbus_list" --connections "$connections" "${last[@]}"
stop_servers

if [ "$meters" -gt 0 ]; then
  start_servers "$meters"
  bench --twin "$twin_list" --pymodbus "$pymodbus_list" --connections "$meters" --print
  stop_servers
fi
