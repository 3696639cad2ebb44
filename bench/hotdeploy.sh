#!/usr/bin/env bash
# Hot deployment of the example shim bundle into a running framework, warm and cold.
# Usage, from the checkout root, after `mvn -q -DskipTests package`: bash bench/hotdeploy.sh [WARM] [COLD]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.bench.HotDeployBench \
  run/target/shimhost.jar examples/command-shim/target/command-shim-1.0.0.jar "$@"
