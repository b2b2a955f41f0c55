# Shared by the lean benchmarks (bench/memory.sh, start.sh, c-compare.sh, capture-cost.sh): the C tools on
# libmodbus, a twin started through a launcher with its default JVM settings, its resident
# memory. Sourced, not run. Every process started here is stopped by stop_all (the scripts call
# it on exit) and by itself after $lifetime seconds.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
lifetime="${lifetime:-1200}"
launcher="${launcher:-$root/pro380}"
started_pids=()

machine_line() {
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), shared with other developers' builds;" \
    "$(uname -sr); $(java -version 2>&1 | head -1); libmodbus $(pkg-config --modversion libmodbus)"
  echo "launcher: $launcher"
}

# lean_begin NAME: a new directory $tmp, removed on exit with every process started here, the C
# tools built into it, the launcher's jar (and archive) built, and the machine line printed.
lean_begin() {
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/pro380-$1.XXXXXX")"
  trap 'stop_all; rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
  build_tools "$tmp"
  "$launcher" --version >/dev/null
  machine_line
}

# build_tools DIR: compiles the C tools (gcc, libmodbus-dev) into DIR.
build_tools() {
  local tool flags
  flags="$(pkg-config --cflags --libs libmodbus)"
  for tool in first_read modbus_load libmodbus_server; do
    # shellcheck disable=SC2086 # flags: words of pkg-config
    gcc -O2 -Wall -pthread -o "$1/$tool" "$here/$tool.c" $flags
  done
}

# start_launched LOG ARGS...: runs `$launcher ARGS` (which execs the JVM) in the background and
# waits until it prints a line "listening: Modbus TCP on" (at most 120 s). Sets launched_pid.
start_launched() {
  local log="$1" i
  shift
  "$launcher" "$@" >"$log" 2>&1 </dev/null &
  launched_pid=$!
  started_pids+=("$launched_pid")
  for i in $(seq 1200); do
    grep -q '^listening: Modbus TCP on' "$log" 2>/dev/null && return 0
    kill -0 "$launched_pid" 2>/dev/null || { echo "bench: $* exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: $* did not listen within 120 s" >&2
  exit 1
}

# start_baseline LOG COMMAND...: runs a baseline server that prints its port when it listens
# (at most 120 s: pymodbus with 247 unit ids takes over 30 s on a loaded machine).
start_baseline() {
  local log="$1" i
  shift
  "$@" >"$log" 2>"$log.err" </dev/null &
  launched_pid=$!
  started_pids+=("$launched_pid")
  for i in $(seq 1200); do
    [ -s "$log" ] && return 0
    kill -0 "$launched_pid" 2>/dev/null || { echo "bench: $* exited:" >&2; cat "$log.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: $* did not listen within 120 s" >&2
  exit 1
}

# rss_mb PID [FIELD]: resident memory (VmRSS, or VmHWM for the peak) in MB.
rss_mb() {
  awk -v f="${2:-VmRSS}:" '$1 == f {printf "%.1f", $2 / 1024}' "/proc/$1/status"
}

# stop_pid PID: SIGTERM (a twin saves and says so), up to 30 s, then SIGKILL.
stop_pid() {
  local i
  kill -TERM "$1" 2>/dev/null || return 0
  for i in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

stop_all() {
  local pid
  for pid in "${started_pids[@]}"; do stop_pid "$pid"; done
  started_pids=()
}

# ticks PID: CPU ticks of the process's JIT compiler threads, and of the whole process.
ticks() {
  local t jit=0 all=0 n
  for t in /proc/"$1"/task/*; do
    n=$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null) || continue
    all=$((all + n))
    case "$(cat "$t/comm" 2>/dev/null)" in C1\ Compiler*|C2\ Compiler*) jit=$((jit + n)) ;; esac
  done
  echo "$jit $all"
}

# warm PORT PID UNITS NAME: loads the twin with $tmp/modbus_load until its compiler threads are
# quiet (under 3 % of its CPU in 2 windows of 2 s in a row), at most $server_warmup seconds.
warm() {
  local quiet=0 start=$SECONDS j0 a0 j1 a1
  while [ $((SECONDS - start)) -lt "$server_warmup" ]; do
    read -r j0 a0 < <(ticks "$2")
    "$tmp/modbus_load" "$1" 4 "$3" 0 2000 "$2" >/dev/null
    read -r j1 a1 < <(ticks "$2")
    if [ $(((j1 - j0) * 100)) -lt $((3 * (a1 - a0 + 1))) ]; then quiet=$((quiet + 1)); else quiet=0; fi
    [ "$quiet" -ge 2 ] && break
  done
  echo "$4: warm after $((SECONDS - start)) s of load$([ "$quiet" -ge 2 ] || echo ' (not quiet yet: the limit)')"
}
