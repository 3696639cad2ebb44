#!/usr/bin/env bash
# What capturing a shim's output costs: spawn + reap of /bin/true with stdio on /dev/null, with
# output appended to a log, and with the log watched; then the JVM's threads with N captured shims.
# Usage, from the checkout root, after `mvn -q -DskipTests package`:  bash bench/capture.sh [ROUNDS] [SHIMS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.registry.internal.CaptureBench "$@"
