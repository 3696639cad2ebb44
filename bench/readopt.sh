#!/usr/bin/env bash
# Restart with N recorded running shims: time until all are re-adopted, against baselines in the
# same run, in-process and through the launcher. Usage, from the checkout root, after
# `mvn -q -DskipTests package`:  bash bench/readopt.sh [SHIMS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.registry.internal.ReadoptionBench \
  run/target/shimhost.jar "$@"
