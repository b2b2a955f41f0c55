#!/usr/bin/env bash
# Long fuzz run for docs/reliability.md ("Fuzzing"): seeded fuzzed Modbus frames through the
# protocol layer and meter server in process, then over the real transports of a twin started in
# the same JVM on loopback (Modbus TCP on 127.0.0.1:16380, RTU over TCP on 127.0.0.1:16381), one
# connection per frame. Prints frames, crashes and wrong replies per transport; exit code 1 if
# there was any crash or wrong reply. The harness (FuzzBench) and its oracle live with the
# suite's short run, ProtocolFuzzTest, in twin/src/test/java/org/pro380/twin/fuzz/.
#
# Needs the application jar and the twin's test classes:
#   ./mvnw -q -DskipTests -pl app -am package && ./mvnw -q -pl twin -am test-compile
#
# Usage: bench/fuzz.sh [--frames N] [--transport-frames N] [--seed S] [--tcp-port P] [--rtu-port P]
#                      [--self-check]
#   --frames N            in-process frames per framing (RTU, MBAP); default 1000000
#   --transport-frames N  frames per transport (default: as --frames); 0 skips the transports
#   --self-check          twin with strict broadcast, which the oracle does not allow: must fail
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../app/target/pro380.jar"
classes="$here/../twin/target/test-classes"
if [ ! -f "$jar" ] || [ ! -f "$classes/org/pro380/twin/fuzz/FuzzBench.class" ]; then
  echo "fuzz: build first: ./mvnw -q -DskipTests -pl app -am package && ./mvnw -q -pl twin -am test-compile" >&2
  exit 1
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:$classes" org.pro380.twin.fuzz.FuzzBench "$@"
