#!/usr/bin/env bash
# What recording a start costs in the durable table at two sizes (10 and 10,000 other rows by
# default), against spawn + reap of /bin/true. Usage, from the checkout root, after
# `mvn -q -DskipTests package`:  bash bench/startrecord.sh [ROUNDS] [SMALL] [LARGE]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.registry.internal.StartRecordBench "$@"
