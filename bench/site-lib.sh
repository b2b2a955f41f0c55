# Shared by the site benchmarks (bench/site-*.sh, bench/bus-*.sh): start a twin site, time its
# start, read its heap, stop it. Sourced, not run. Every process started here is stopped by
# stop_all (the scripts call it on exit) and by itself after $lifetime seconds.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
lifetime="${lifetime:-1200}"
started_pids=()

require_jar() {
  if [ ! -f "$jar" ]; then
    echo "bench: $jar is missing; build it with: ./mvnw -q -B -DskipTests -pl app -am package" >&2
    exit 1
  fi
}

machine_line() {
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, shared with other developers' builds;" \
    "$(uname -sr); $(java -version 2>&1 | head -1)"
}

# start_twin LOG XMX ARGS...: starts `java -XmxXMX -jar pro380.jar twin ARGS` and waits until it
# prints its banner (every transport of every bus open, every meter powered on, the power-on
# check and first save done; at most 120 s). Sets twin_pid (the JVM) and start_ms.
start_twin() {
  local log="$1" xmx="$2" t0 t1 i wrapper
  shift 2
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # TWIN_JAVA_OPTS: extra JVM options, split on spaces (e.g. -Xlog:gc)
  timeout "$lifetime" java "-Xmx$xmx" ${TWIN_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -jar "$jar" twin "$@" \
    >"$log" 2>&1 </dev/null &
  wrapper=$!
  started_pids+=("$wrapper")
  for i in $(seq 12000); do
    # the banner is printed once the twin has started, all of it at once
    grep -q '^PRO380-Compact twin:' "$log" 2>/dev/null && break
    if ! kill -0 "$wrapper" 2>/dev/null; then
      echo "bench: the twin exited before it was up:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.01
  done
  grep -q '^PRO380-Compact twin:' "$log" || { echo "bench: the twin did not start within 120 s" >&2; exit 1; }
  t1=$(date +%s%N)
  start_ms=$(((t1 - t0) / 1000000))
  twin_pid="$(pgrep -P "$wrapper" java | head -1)"
  [ -n "$twin_pid" ] || { echo "bench: no JVM under $wrapper" >&2; exit 1; }
}

# heap_after_gc PID: heap in use (bytes) right after a full GC.
heap_after_gc() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1 | awk '{print $1 * 1024}'
}

rss_bytes() {
  awk '/^VmRSS:/{print $2 * 1024}' "/proc/$1/status"
}

# stop_twin: SIGTERM (the twin saves and says so), wait up to 30 s, then SIGKILL.
stop_twin() {
  local pid="$twin_pid" i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  twin_pid=""
}

stop_all() {
  local pid
  stop_twin
  for pid in "${started_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  sleep 0.5
  for pid in "${started_pids[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  started_pids=()
}

mb() {
  awk -v b="$1" 'BEGIN{printf "%.1f MB", b / 1e6}'
}
