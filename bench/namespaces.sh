#!/usr/bin/env bash
# Namespace benchmarks (root): starts in new and existing namespaces against C and util-linux's
# unshare/nsenter, in one run. Usage, from the checkout root, after `mvn -q -DskipTests package`:
#   bash bench/namespaces.sh [ROUNDS] [PER_ROUND]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bench/target/bin
mkdir -p "$bin"
gcc -O2 -o "$bin/ns_clone" bench/c/ns_clone.c
gcc -O2 -o "$bin/ns_enter" bench/c/ns_enter.c
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
exec java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.bench.NamespaceBench "$bin" "$@"
