#!/usr/bin/env bash
# Cgroups per shim: (1) a start with a cgroup of its own and three limits against the same start
# without, in the process service; (2) the same through the daemon's HTTP API (4 clients, every
# start durable), rounds interleaved; (3) GET /v1/stats (what shim:stats --format json answers) and
# GET /v1/shims with SHIMS running shims, each in a cgroup of its own with a memory limit.
# Usage, from the checkout root, after `mvn -q -DskipTests package` (root, cgroup v1 or v2):
#   bash bench/cgroups.sh [ROUNDS] [STARTS] [SHIMS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}; starts=${2:-200}; shims=${3:-1000}
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
jar=$(pwd)/run/target/shimhost.jar
cp=(-cp "bench/target/classes:bench/target/lib/*")
limits=', "memory": "256M", "pids": 64, "cpuWeight": 100'
work=$(mktemp -d); daemon=
run=$RANDOM$RANDOM
# cgroups of shims left by the shims' ends outlive the daemon, as shims do: the cleanup removes the new ones
list_cgroups() { find /sys/fs/cgroup -maxdepth 6 -type d -name 'shimhost-*' 2>/dev/null | sort; }
list_cgroups > "$work/before"
cleanup() { [ -n "$daemon" ] && { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null || true; }
  pkill -f "^sleep 3600\.$run\$" 2>/dev/null || true; sleep 1
  list_cgroups | comm -13 "$work/before" - | sort -r | while read -r d; do rmdir "$d" 2>/dev/null || true; done
  rm -rf "$work"; }
trap cleanup EXIT

echo "# 1. the process service"
java -Xms256m "${cp[@]}" io.shimhost.bench.CgroupStartBench "$rounds" "$starts"

echo
echo "# 2. starts through the HTTP API (4 clients x $((starts / 4)) starts of /bin/true, each waited for)"
state=$work/state; api=$state/api.sock
java -Dshimhost.state="$state" -jar "$jar" --daemon < /dev/null > "$work/daemon.log" 2>&1 & daemon=$!
for i in $(seq 1 1200); do grep -q " ready: " "$work/daemon.log" 2>/dev/null && break; sleep 0.05; done
for round in $(seq 1 3); do
  printf 'framework cgroup: '; java "${cp[@]}" io.shimhost.bench.ApiStartsBench "$api" /bin/true 4 $((starts / 4)) "n$round" true
  printf 'own cgroup + limits: '; java "${cp[@]}" io.shimhost.bench.ApiStartsBench "$api" /bin/true 4 $((starts / 4)) "c$round" true "$limits"
done

echo
echo "# 3. $shims running shims, each in a cgroup of its own (memory limit)"
printf '#!/bin/sh\nexec sleep 3600.%s\n' "$run" > "$work/sleeper"; chmod +x "$work/sleeper"
java "${cp[@]}" io.shimhost.bench.ApiStartsBench "$api" "$work/sleeper" 4 $((shims / 4)) s false ', "memory": "64M"' > /dev/null
running=$(curl -s --unix-socket "$api" 'http://localhost/v1/shims?state=running' | grep -o '"cgroup":"/' | wc -l)
echo "$running shims running in cgroups of their own"
for round in 1 2; do
  java "${cp[@]}" io.shimhost.bench.ApiRoundTripBench "$api" /v1/shims 20
  java "${cp[@]}" io.shimhost.bench.ApiRoundTripBench "$api" /v1/stats 20
done
