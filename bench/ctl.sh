#!/usr/bin/env bash
# The daemon's control socket: a command's round trip from a client already connected (shim:ps on 10
# and on SHIMS recorded shims), and `ctl shim:ps` from start to exit (`java -jar`, and the start script
# run/target/shimhost with its archive of the client) against the bare JVM
# (`java -version`) and against the same command in script mode, interleaved. Usage, from the
# checkout root, after `mvn -q -DskipTests package`:  bash bench/ctl.sh [SHIMS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
shims=${1:-1000}; runs=${2:-11}
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
jar=$(pwd)/run/target/shimhost.jar
work=$(mktemp -d); trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$work"' EXIT
state=$work/state; socket=$state/shimhost.sock
java -Dshimhost.state="$state" -jar "$jar" --daemon < /dev/null > "$work/daemon.out" 2>&1 & daemon=$!
for i in $(seq 1 600); do [ -S "$socket" ] && break; sleep 0.05; done
starts() { for i in $(seq "$1" "$2"); do echo "shim:start -c bench -t s$i noopShim"; done > "$work/starts.gogo"
  java -jar "$jar" ctl -s "$socket" -f "$work/starts.gogo" > /dev/null; }
roundtrip() { java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.ctl.ControlRoundTripBench "$socket" shim:ps "$1"; }

starts 1 10
echo "round trip, a client already connected, with 10 shims:"; roundtrip 2000
starts 11 "$shims"
echo "round trip, a client already connected, with $shims shims:"; roundtrip 500

# script mode cannot run on the daemon's folder (it is held): it gets a copy of the table
mkdir -p "$work/copy"; cp "$state/shims.table" "$work/copy/"; chmod 700 "$work/copy"
echo shim:ps > "$work/ps.gogo"
now() { date +%s%N; }
jvm=(); ctl=(); started=(); script=()
for ((i = 0; i < runs; i++)); do
  t0=$(now); java -version > /dev/null 2>&1; jvm+=($(( ($(now) - t0) / 1000000 )))
  t0=$(now); java -jar "$jar" ctl -s "$socket" shim:ps > /dev/null; ctl+=($(( ($(now) - t0) / 1000000 )))
  t0=$(now); run/target/shimhost ctl -s "$socket" shim:ps > /dev/null; started+=($(( ($(now) - t0) / 1000000 )))
  t0=$(now); java -Dshimhost.state="$work/copy" -jar "$jar" "$work/ps.gogo" > /dev/null 2>&1; script+=($(( ($(now) - t0) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
j=$(median "${jvm[@]}"); c=$(median "${ctl[@]}"); t=$(median "${started[@]}"); s=$(median "${script[@]}")
echo "start to exit, medians of $runs, $shims shims:"
echo "  java -version (baseline)        $j ms  1.00x"
echo "  java -jar shimhost.jar ctl      $c ms  $(echo "scale=2; $c / $j" | bc)x"
echo "  shimhost ctl (start script)     $t ms  $(echo "scale=2; $t / $j" | bc)x"
echo "  script mode, shim:ps            $s ms  $(echo "scale=2; $s / $j" | bc)x ($(echo "scale=2; $s / $c" | bc)x ctl)"
