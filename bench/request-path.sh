#!/usr/bin/env bash
# Bytes allocated and CPU per request on the twin's request path, in process: a twin of --meters
# meters (Modbus TCP and RTU over TCP on free loopback ports) driven by client threads whose own
# allocation and CPU are left out (bench/RequestPathBench.java). Bytes per request do not depend
# on the machine's load; compare two builds by giving each one's jar:
#   bench/request-path.sh [--jar app/target/pro380.jar] [--meters 1] [--connections 1,4,16]
#                         [--requests 200000] [--warmup 600000] [--rounds 3]
# The jar is built with: ./mvnw -q -B -DskipTests -pl app -am package
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$(dirname "$here")/app/target/pro380.jar"
if [ "${1:-}" = --jar ]; then
  jar="$2"
  shift 2
fi
[ -f "$jar" ] || { echo "request-path: no jar at $jar (build it with ./mvnw -q -B -DskipTests -pl app -am package)" >&2; exit 2; }
cd "${TMPDIR:-/tmp}"
exec java -XX:+UseSerialGC -cp "$jar" "$here/RequestPathBench.java" "$@"
