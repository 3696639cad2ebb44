#!/usr/bin/env bash
# Per-shim usage: `GET /v1/stats` (every running shim's figures, read from /proc) over a keep-alive
# connection with SHIMS running shims (a `sleep` each, detached kataShims), against `GET /v1/shims`
# (the table alone, no /proc read) on the same table, interleaved. Usage, from the checkout root,
# after `mvn -q -DskipTests package` (root):  bash bench/stats.sh [SHIMS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
shims=${1:-1000}; rounds=${2:-50}
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
jar=$(pwd)/run/target/shimhost.jar
cp=(-cp "bench/target/classes:bench/target/lib/*")
work=$(mktemp -d); daemon=
# each shim execs a sleep of a length of its own (3600.RUN s), by which the cleanup finds them: they
# outlive the daemon, as shims do
run=$RANDOM$RANDOM
cleanup() { [ -n "$daemon" ] && { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null || true; }
  pkill -f "^sleep 3600\.$run\$" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
printf '#!/bin/sh\nexec sleep 3600.%s\n' "$run" > "$work/sleeper"; chmod +x "$work/sleeper"
state=$work/state; api=$state/api.sock
java -Dshimhost.state="$state" -jar "$jar" --daemon < /dev/null > "$work/daemon.log" 2>&1 & daemon=$!
for i in $(seq 1 1200); do grep -q " ready: " "$work/daemon.log" 2>/dev/null && break; sleep 0.05; done
java "${cp[@]}" io.shimhost.bench.ApiStartsBench "$api" "$work/sleeper" 4 $((shims / 4)) s false > /dev/null
running=$(curl -s --unix-socket "$api" 'http://localhost/v1/shims?state=running' | grep -o '"id"' | wc -l)
echo "$running shims running"
for round in 1 2; do
  java "${cp[@]}" io.shimhost.bench.ApiRoundTripBench "$api" /v1/shims "$rounds"
  java "${cp[@]}" io.shimhost.bench.ApiRoundTripBench "$api" /v1/stats "$rounds"
done
