#!/usr/bin/env bash
# What recording a start costs: spawn + reap of /bin/true alone, with the start recorded after the
# spawn (one table write), and with the intent recorded before it (two writes, as now). Usage, from
# the checkout root, after `mvn -q -DskipTests package`:  bash bench/startrecord.sh [ROUNDS] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.registry.internal.StartRecordBench "$@"
