#!/usr/bin/env bash
# Benchmark of a full PRO380 read: snapshot (one request per block) against value by value.
# Needs the application jar (built by ./pro380 or: ./mvnw -q -DskipTests -pl app -am package).
# Usage: bench/run.sh [ROUNDS]      (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
if [ ! -f "$jar" ]; then
  echo "bench: $jar is missing; build it with: ./mvnw -q -DskipTests -pl app -am package" >&2
  exit 1
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" "$here/SnapshotBench.java" "$@"
