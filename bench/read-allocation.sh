#!/usr/bin/env bash
# Bytes allocated and time per read of each of the three register blocks, in process, through
# MeterServer.answer (the meter's Modbus side, no transport). Needs compiled modules:
#   ./mvnw -q -B -DskipTests -pl meter -am compile
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(dirname "$here")"
java -cp "$top/meter/target/classes:$top/registers/target/classes:$top/protocol/target/classes" \
  "$here/ReadAllocationBench.java"
