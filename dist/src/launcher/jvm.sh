# The JVM settings of the pro380 launchers (the repository's ./pro380, the Linux image's
# bin/pro380, the Debian package's /usr/bin/pro380), sourced by them: bash, builtins and
# coreutils only. docs/benchmarks.md#memory-and-start says what each setting saves.
#
# pro380_jvm JAVA JAR [COMMAND] sets the array pro380_opts:
#   - a small heap that grows with the job and gives back what it no longer needs (the serial
#     collector; the maximum stays the JVM's, a quarter of the memory, for large sites);
#   - smaller thread stacks and code cache; the C library's memory returned to the system every
#     second (the compilers' arenas of a twin's first seconds under load, 3 MB at the end of 10 s);
#   - for the twin (COMMAND twin), C2 inlines a frequently called method of up to 100 bytes of
#     bytecode instead of 325: it compiled Netty's whole pipeline into one method
#     (ChannelHandlerContext.read, 7 KB of bytecode inlined) with 20 MB of arenas, the twin's
#     peak under load; the CPU per request did not change (simulate keeps the default);
#   - for the bridge (COMMAND bridge), the first compiler only: a poller needs no C2 code, and
#     without it keeps 6 MB less (28 MB less at its peak) for 7 % more CPU a reading;
#   - a class-data archive (AppCDS) of the JDK's and the application's classes that a twin
#     loads, beside the jar or in the user's cache, made once from a short twin run that answers
#     one Modbus read, and again when the jar or the Java runtime is newer than it (an attempt
#     that failed is not repeated for the same jar);
#     the bridge has its own (pro380-bridge.jsa), made by a short bridge run against such a
#     twin; without coreutils or a writable place the JVM runs without it.
# PRO380_JAVA_OPTS, added after these, overrides any of them; PRO380_CDS=off leaves the archive out.

# glibc gives each thread that allocates its own arena of up to 64 MB; two are enough here.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

pro380_jvm() {
  local java="$1" jar="$2" command="${3:-}" archive
  pro380_opts=(-XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40
    -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000)
  [ "$command" = twin ] && pro380_opts+=(-XX:FreqInlineSize=100)
  [ "$command" = bridge ] && pro380_opts+=(-XX:TieredStopAtLevel=1)
  [ "${PRO380_CDS:-on}" = off ] && return 0
  archive="$(pro380_cds_archive "$jar")" || return 0
  # the bridge has an archive of its own classes: the twin's would map 1,400 classes it never uses
  [ "$command" = bridge ] && archive="${archive%.jsa}-bridge.jsa"
  if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ] || [ "$(pro380_real "$java")" -nt "$archive" ]; then
    # a failed attempt is not repeated for the same jar
    [ -f "$archive.failed" ] && [ ! "$jar" -nt "$archive.failed" ] && return 0
    pro380_cds_train "$java" "$jar" "$archive" "$command" || { : >"$archive.failed"; return 0; } 2>/dev/null
  fi
  [ -f "$archive" ] && pro380_opts+=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  return 0
}

# The archive's path: beside the jar where that is writable, else in the user's cache, named
# after the jar's path (an archive is valid only for the jar at the path it was made with).
pro380_cds_archive() {
  local jar="$1" dir="${1%/*}" cache
  if [ -w "$dir" ]; then
    echo "${jar%.jar}.jsa"
    return 0
  fi
  cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/pro380"
  command -v mkdir >/dev/null && mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || return 1
  echo "$cache/${jar//[^A-Za-z0-9._-]/_}.jsa"
}

# The file a command or symbolic link finally names, for its modification time.
pro380_real() {
  local path
  path="$(command -v "$1")" || return 0
  command -v readlink >/dev/null && readlink -f "$path" || echo "$path"
}

# Makes the archive: a twin on a free loopback port answers one Modbus read (holding registers
# 0x4000 x34 of unit 1) and stops; the JVM lists the classes it loaded, and a second JVM dumps
# those alone into one static archive, the JDK's classes with the application's (a dynamic archive
# on top of the JDK's base one maps the base's unused classes too, and JDK 17 leaves picocli's
# Java 5 classes out of a dynamic archive, not out of a static one). Without the control API:
# every page of the archive is resident in every process that maps it, and the API's classes
# (HTTP, the JSON mapper) were 5 MB of an idle twin's memory, API used or not; they load from the
# jar at the first call instead. For the bridge's archive (COMMAND bridge) the twin lists none; a
# bridge with a config file polls it for 3 s and lists the classes it loaded. Silent; another
# launcher making it at the same time only replaces it with an equal one.
pro380_cds_train() {
  local java="$1" jar="$2" archive="$3" command="${4:-}" state list line port="" out pid conn twin_list=()
  command -v rm >/dev/null && command -v mkdir >/dev/null && command -v mv >/dev/null || return 1
  state="$archive.state.$$"
  list="$state/classes.list"
  rm -rf "$state" "$archive.$$" && mkdir -p "$state" || return 1
  [ "$command" = bridge ] || twin_list=(-XX:DumpLoadedClassList="$list")
  coproc PRO380_TRAIN {
    exec "$java" "${pro380_opts[@]}" ${twin_list[@]+"${twin_list[@]}"} \
      -jar "$jar" twin --tcp 127.0.0.1:0 --http none --state "$state" 2>&1 </dev/null
  }
  # bash unsets the coprocess's variables when it exits: a copy of its output and its pid
  pid="${PRO380_TRAIN_PID:-}"
  if [ -n "${PRO380_TRAIN[0]:-}" ]; then exec {out}<&"${PRO380_TRAIN[0]}"; else exec {out}</dev/null; fi
  while [ -n "$pid" ] && IFS= read -r -t 30 -u "$out" line; do
    case "$line" in
      "listening: Modbus TCP on 127.0.0.1:"*) port="${line##*:}"; break ;;
    esac
  done
  if [ -n "$port" ] && exec {conn}<>"/dev/tcp/127.0.0.1/$port"; then
    # transaction id 0x4141, so that the reply's first byte is not a NUL, which read drops
    printf '\x41\x41\x00\x00\x00\x06\x01\x03\x40\x00\x00\x22' >&"$conn"
    IFS= read -r -t 10 -N 1 -u "$conn" line || true
    exec {conn}<&-
    # the bridge's archive: a bridge of the config file's kind polls the twin for 3 s
    [ "$command" = bridge ] && printf '{"lines":[{"tcp":"127.0.0.1:%s","meters":[{"unit":1,"interval":"1s"}]}]}' \
      "$port" >"$state/bridge.json" && "$java" "${pro380_opts[@]}" -XX:DumpLoadedClassList="$list" \
      -jar "$jar" bridge --config "$state/bridge.json" --db "$state/bridge.db" --run-for 3s >/dev/null 2>&1 </dev/null
  fi
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  exec {out}<&-
  # the class path as the launcher gives it (-jar JAR): the JVM checks that it is the same
  [ -s "$list" ] && "$java" "${pro380_opts[@]}" -Xshare:dump -XX:SharedClassListFile="$list" \
    -XX:SharedArchiveFile="$archive.$$" -cp "$jar" >/dev/null 2>&1 </dev/null &&
    [ -s "$archive.$$" ] && mv -f "$archive.$$" "$archive" 2>/dev/null
  rm -rf "$state"
  rm -f "$archive.$$"
  [ -f "$archive" ]
}
