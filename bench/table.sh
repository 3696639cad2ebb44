#!/usr/bin/env bash
# The shim table at 10 and at ROWS rows (noop shims, ended: kept by a retention set above ROWS): the
# daemon's resident memory (VmRSS after a full GC) and `shim:ps` round trips from a client already
# connected; then ROWS more starts with the default retention (1,000 ended shims): the table stays
# at the retention. Usage, from the checkout root, after `mvn -q -DskipTests package`:
#   bash bench/table.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
[ -d bench/target/lib ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
jar=$(pwd)/run/target/shimhost.jar
work=$(mktemp -d); daemon=
trap '[ -n "$daemon" ] && kill $daemon 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/home/conf"; chmod -R 700 "$work"
state=$work/state; socket=$state/shimhost.sock
daemon() {
  java -Dshimhost.home="$work/home" -Dshimhost.state="$state" -jar "$jar" --daemon < /dev/null > "$work/daemon.out" 2>&1 &
  daemon=$!
  for i in $(seq 1 600); do [ -S "$socket" ] && break; sleep 0.05; done
}
stop() { kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=; }
starts() { for i in $(seq "$1" "$2"); do echo "shim:start -c bench -t s$i noopShim"; done > "$work/starts.gogo"
  java -jar "$jar" ctl -s "$socket" -f "$work/starts.gogo" > /dev/null; }
rss() { jcmd "$daemon" GC.run > /dev/null; sleep 0.5; awk '/VmRSS/ { print $2 }' "/proc/$daemon/status"; }
roundtrip() { java -cp "bench/target/classes:bench/target/lib/*" io.shimhost.ctl.ControlRoundTripBench "$socket" shim:ps "$1"; }
count() { java -jar "$jar" ctl -s "$socket" shim:ps -q | wc -l; }

echo "retention.count = $((rows * 2))" > "$work/home/conf/io.shimhost.registry.cfg"
daemon
starts 1 10
small=$(rss); echo "10 rows: $(count) in the table, RSS $small kB"; roundtrip 2000
starts 11 "$rows"
large=$(rss); echo "$rows rows: $(count) in the table, RSS $large kB ($(echo "scale=2; $large / $small" | bc)x of 10 rows)"
roundtrip 200
echo "table file: $(stat -c %s "$state/shims.table") + journal $(stat -c %s "$state/shims.journal") bytes"
stop

rm "$work/home/conf/io.shimhost.registry.cfg"; rm -rf "$state"
daemon
starts 1 "$rows"; starts $((rows + 1)) $((rows * 2))
echo "default retention, $((rows * 2)) starts: $(count) rows kept, RSS $(rss) kB"
stop; daemon
echo "restarted: $(count) rows read back"
