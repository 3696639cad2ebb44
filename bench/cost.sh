#!/usr/bin/env bash
# What a change costs the jar's users: a script run (shim:types) and daemon start to ready, of two
# builds of the jar, RUNS each, interleaved (the machine is noisy). Build the old one in a git
# worktree with `mvn -o -q package -DskipTests -pl run -am` (package: it leaves ~/.m2 alone).
# Usage, from the checkout root:  bash bench/cost.sh OLD_JAR NEW_JAR [RUNS]
set -euo pipefail
old=$1; new=$2; runs=${3:-7}
ms() { date +%s%N; }
script_run() { local jar=$1 w; w=$(mktemp -d); echo 'shim:types' > $w/s.gogo; local t0=$(ms); java -Dshimhost.state=$w/state -jar $jar $w/s.gogo > /dev/null 2>&1; echo $(( ($(ms) - t0) / 1000000 )); rm -rf $w; }
daemon_ready() { local jar=$1 w; w=$(mktemp -d); local t0=$(ms); java -Dshimhost.state=$w/state -jar $jar --daemon > $w/log 2>&1 & local d=$!; while ! grep -q ' ready: ' $w/log; do sleep 0.01; done; echo $(( ($(ms) - t0) / 1000000 )); kill $d; wait $d 2>/dev/null; rm -rf $w; }
ls -l "$old" "$new" | awk '{print "jar " $5 " bytes " $9}'
for i in $(seq 1 $runs); do echo "script old $(script_run $old) new $(script_run $new) daemon old $(daemon_ready $old) new $(daemon_ready $new)"; done
