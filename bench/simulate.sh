#!/usr/bin/env bash
# Benchmark of pro380 simulate: a year of 1-second steps for one meter (goal: under 1 s CPU) and
# a year at 15-minute steps for 1,000 meters into SQLite (goal: under 60 s). See docs/profiles.md.
# Needs the application jar (built by ./pro380 or: ./mvnw -q -DskipTests -pl app -am package).
# Usage: bench/simulate.sh [METERS]      (default 1000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
if [ ! -f "$jar" ]; then
  echo "bench: $jar is missing; build it with: ./mvnw -q -DskipTests -pl app -am package" >&2
  exit 1
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" "$here/SimulateBench.java" "$@"
