#!/usr/bin/env bash
# pro380 simulate's benchmark (bench/SimulateBench.java) side by side: a baseline revision and the
# working tree, built each from its own sources, run alternately so that both see the same machine.
# Each side runs its own revision's SimulateBench. See docs/profiles.md.
# Usage: bench/simulate-compare.sh BASE_REV [METERS] [ROUNDS]    (defaults: 1000 meters, 2 rounds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
base_rev="${1:?usage: bench/simulate-compare.sh BASE_REV [METERS] [ROUNDS]}"
meters="${2:-1000}"
rounds="${3:-2}"
work="$(mktemp -d)"
git -C "$root" worktree add -q --detach "$work/base" "$base_rev"
trap 'git -C "$root" worktree remove --force "$work/base"; rm -rf "$work"' EXIT
(cd "$work/base" && ./mvnw -q -B -DskipTests -pl app -am package)
(cd "$root" && ./mvnw -q -B -DskipTests -pl app -am package)
for round in $(seq "$rounds"); do
  for side in base now; do
    tree="$root"
    [ "$side" = base ] && tree="$work/base"
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$tree/app/target/pro380.jar" \
      "$tree/bench/SimulateBench.java" "$meters" | grep -v '^pro380 simulate:' | sed "s/^/round $round $side: /"
  done
done
