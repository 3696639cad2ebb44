#!/usr/bin/env bash
# Process-service benchmarks against their baselines (C, Go's os/exec, ProcessBuilder, Kata's polling
# loop), in one run. Builds the C helpers with gcc and the Go one with go. Usage, from the checkout root, after
# `mvn -q -DskipTests package`:  bash bench/processes.sh [ROUNDS] [SPAWNS] [NOTICES] [CONCURRENT]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bench/target/bin
mkdir -p "$bin"
gcc -O2 -o "$bin/spawn_true" bench/c/spawn_true.c
gcc -O2 -o "$bin/exit_after" bench/c/exit_after.c
gcc -O2 -o "$bin/notice_pidfd" bench/c/notice_pidfd.c
# Go's os/exec, as Kata v1 spawns its shims: Debian's golang-go builds it (apt-get install golang-go)
rm -f "$bin/spawn_true_go"
if command -v go > /dev/null; then
  GOCACHE="$(pwd)/bench/target/go-cache" GO111MODULE=off go build -o "$bin/spawn_true_go" bench/go/spawn_true.go
else
  echo "no go command: the Go row is left out (apt-get install golang-go)" >&2
fi
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
ulimit -n 65536 2>/dev/null || true
exec java -Xms256m -cp "bench/target/classes:bench/target/lib/*" io.shimhost.bench.ProcessBench "$bin" "$@"
