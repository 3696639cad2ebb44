#!/usr/bin/env bash
# What metrics cost a shim's life: spawn + reap of /bin/true with metrics on against off. Usage,
# from the checkout root, after `mvn -q -DskipTests package`:  bash bench/metrics.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.metrics.internal.MetricsBench "$@"
