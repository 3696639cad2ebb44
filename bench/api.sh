#!/usr/bin/env bash
# The HTTP API (bundles/http), in one run, each figure beside its baseline:
#  1. GET /v1/shims round trips over a keep-alive connection on 10 and on SHIMS shims, against the
#     same table as `shim:ps --format json` over the control socket (a Gogo client already connected);
#  2. starts per second of a short-lived program (/bin/true as the kata-shim binary, detached, each
#     start durable) from 8 API clients at once, against 8 C loops spawning the same program with
#     nothing recorded;
#  3. daemon start to ready, and a script run (shim:types) to exit, with this build against the build
#     before the HTTP API (the parent of the commit that added bundles/http, built in a git worktree),
#     interleaved, RUNS each.
# Usage, from the checkout root, after `mvn -q -DskipTests package` (root, gcc, git):
#   bash bench/api.sh [SHIMS] [RUNS] [STARTS_PER_CLIENT]
set -euo pipefail
cd "$(dirname "$0")/.."
shims=${1:-1000}; runs=${2:-11}; per_client=${3:-250}
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
jar=$(pwd)/run/target/shimhost.jar
cp=(-cp "bench/target/classes:bench/target/lib/*")
work=$(mktemp -d); daemon=
cleanup() { [ -n "$daemon" ] && { kill "$daemon" 2>/dev/null; wait "$daemon" 2>/dev/null; }
  git worktree remove --force "$work/before" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
gcc -O2 -o "$work/spawn_parallel" bench/c/spawn_parallel.c

start_daemon() { # JAR STATE: starts a daemon, returns once its ready line is logged
  java -Dshimhost.state="$2" -jar "$1" --daemon < /dev/null > "$2.log" 2>&1 & daemon=$!
  for i in $(seq 1 1200); do grep -q " ready: " "$2.log" 2>/dev/null && return; sleep 0.01; done
  echo "daemon not ready: $(cat "$2.log")" >&2; exit 1; }
stop_daemon() { kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=; }

state=$work/state; socket=$state/shimhost.sock; api=$state/api.sock
start_daemon "$jar" "$state"
starts() { for i in $(seq "$1" "$2"); do echo "shim:start -c bench -t s$i noopShim"; done > "$work/starts.gogo"
  java -jar "$jar" ctl -s "$socket" -f "$work/starts.gogo" > /dev/null; }
gogo() { java "${cp[@]}" io.shimhost.ctl.ControlRoundTripBench "$socket" "shim:ps --format json" "$1"; }
http() { java "${cp[@]}" io.shimhost.bench.ApiRoundTripBench "$api" /v1/shims "$1"; }

echo "== 1. the table over a keep-alive connection"
starts 1 10
echo "10 shims:"; gogo 2000; http 2000; gogo 2000; http 2000
starts 11 "$shims"
echo "$shims shims:"; gogo 500; http 500; gogo 500; http 500

echo "== 2. starts per second, 8 clients at once, $per_client starts each"
for round in 1 2; do
  "$work/spawn_parallel" /bin/true 8 "$per_client"
  java "${cp[@]}" io.shimhost.bench.ApiStartsBench "$api" /bin/true 8 "$per_client" "r$round"
done
stop_daemon

echo "== 3. daemon start to ready, script run to exit: before the HTTP API and now, $runs runs each"
added=$(git log --format=%H --diff-filter=A -1 -- bundles/http/pom.xml)
git worktree add --detach "$work/before" "$added^" > /dev/null 2>&1
(cd "$work/before" && mvn -q -o -DskipTests package -pl run -am > "$work/before-build.log" 2>&1) \
  || { echo "cannot build the commit before the HTTP API: $(tail -5 "$work/before-build.log")" >&2; exit 1; }
before_jar=$work/before/run/target/shimhost.jar
echo shim:types > "$work/types.gogo"
now() { date +%s%N; }
ready_b=(); ready_a=(); script_b=(); script_a=()
for ((i = 0; i < runs; i++)); do
  for which in b a; do
    j=$jar; [ $which = b ] && j=$before_jar
    rm -rf "$work/s"; t0=$(now); start_daemon "$j" "$work/s"; t=$(( ($(now) - t0) / 1000000 )); stop_daemon
    eval "ready_$which+=($t)"
    rm -rf "$work/s2"; mkdir -m 700 "$work/s2"
    t0=$(now); java -Dshimhost.state="$work/s2" -jar "$j" "$work/types.gogo" > /dev/null 2>&1
    t=$(( ($(now) - t0) / 1000000 )); eval "script_$which+=($t)"
  done
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
rb=$(median "${ready_b[@]}"); ra=$(median "${ready_a[@]}"); sb=$(median "${script_b[@]}"); sa=$(median "${script_a[@]}")
echo "medians of $runs:"
echo "  daemon start to ready, before the HTTP API   $rb ms  1.00x"
echo "  daemon start to ready, with it               $ra ms  $(echo "scale=2; $ra / $rb" | bc)x"
echo "  script run to exit, before the HTTP API      $sb ms  1.00x"
echo "  script run to exit, with it                  $sa ms  $(echo "scale=2; $sa / $sb" | bc)x"
