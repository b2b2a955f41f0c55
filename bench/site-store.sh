#!/usr/bin/env bash
# Benchmark of a site's non-volatile memory: one save round and one power-on check for sites of
# 1,000, 10,000 and 100,000 meters, on this machine's disk (SiteStoreBench.java, a single-file
# Java program on the application jar). Each size gets a fresh state directory, removed after.
# Needs the application jar (built by ./pro380 or: ./mvnw -q -DskipTests -pl app -am package).
# Usage: bench/site-store.sh [DIR] [ROUNDS] [SIZES]   (defaults: /tmp, 10, 1000,10000,100000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
if [ ! -f "$jar" ]; then
  echo "bench: $jar is missing; build it with: ./mvnw -q -DskipTests -pl app -am package" >&2
  exit 1
fi
dir="${1:-/tmp}"
echo "machine: $(nproc) cores; $(uname -sr); $(java -version 2>&1 | head -1);" \
  "$dir on $(df --output=source,fstype "$dir" | tail -1 | tr -s ' ')"
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" "$here/SiteStoreBench.java" \
  "$dir" "${2:-10}" "${3:-1000,10000,100000}"
