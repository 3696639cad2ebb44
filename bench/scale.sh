#!/usr/bin/env bash
# N shims on one node (10,000 by default): the cost of a start among the first 1,000 against the
# last 1,000, the JVM's threads, the heap per shim. Usage, from the checkout root, after
# `mvn -q -DskipTests package`:  bash bench/scale.sh [SHIMS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.registry.internal.ScaleBench "$@"
