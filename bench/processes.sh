#!/usr/bin/env bash
# Process-service benchmarks against their baselines (C, ProcessBuilder, Kata's polling loop), in
# one run. Builds the C helpers with gcc. Usage, from the checkout root, after
# `mvn -q -DskipTests package`:  bash bench/processes.sh [ROUNDS] [SPAWNS] [NOTICES] [CONCURRENT]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bench/target/bin
mkdir -p "$bin"
gcc -O2 -o "$bin/spawn_true" bench/c/spawn_true.c
gcc -O2 -o "$bin/exit_after" bench/c/exit_after.c
gcc -O2 -o "$bin/notice_pidfd" bench/c/notice_pidfd.c
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
exec java -Xms256m -cp "bench/target/classes:bench/target/lib/*" io.shimhost.bench.ProcessBench "$bin" "$@"
