#!/usr/bin/env bash
# Cold start: from the command to the first line of output of its first command (shim:types), and
# to exit, against the bare JVM (`java -version`), all in one loop, interleaved, so that every
# row sees the same machine load:
#   - java -jar run/target/shimhost.jar FILE   (the framework booted in a plain JVM)
#   - run/target/shimhost FILE                 (the start script: class-data archive, C1, serial GC)
#   - run/target/shimhost ctl shim:types       (the client, with a daemon already running)
#   - java -jar run/target/shimhost.jar --version  (answered by the jar's main class, no framework)
# and a daemon's start to its control socket, `java -jar shimhost.jar --daemon` against
# `shimhost --daemon` (the script: the archive, the JVM's default compilers and collector).
# Usage: bench/launch-time.sh [RUNS]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
jar=run/target/shimhost.jar
script=run/target/shimhost
[ -f "$jar" ] && [ -x "$script" ] || { echo "no $jar or $script: build first (mvn -q -DskipTests package)" >&2; exit 1; }
[ -f run/target/shimhost.jsa ] || echo "note: no run/target/shimhost.jsa: the script runs without a class-data archive" >&2
work=$(mktemp -d)
daemon=""
cleanup() { [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
echo "shim:types" > "$work/types.gogo"

# the daemon the client talks to, on a state folder of its own
java -Dshimhost.state="$work/daemon" -jar "$jar" --daemon >"$work/daemon.log" 2>&1 &
daemon=$!
for ((i = 0; i < 100; i++)); do [ -S "$work/daemon/shimhost.sock" ] && break; sleep 0.1; done
[ -S "$work/daemon/shimhost.sock" ] || { echo "the daemon did not start:" >&2; cat "$work/daemon.log" >&2; exit 1; }

now() { date +%s%N; }
# time_first NAME COMMAND...: appends the ms to the first line to first_NAME, to exit to whole_NAME
time_first() {
  local name=$1; shift
  local t0; t0=$(now)
  "$@" 2>/dev/null | {
    read -r _
    echo $(( ($(now) - t0) / 1000000 )) > "$work/first"
    cat >/dev/null
  }
  eval "whole_$name+=($(( ($(now) - t0) / 1000000 )))"
  eval "first_$name+=($(cat "$work/first"))"
}
# time_socket jar|script: appends the ms from a daemon's start to STATE/shimhost.sock to socket_jar|socket_script
time_socket() {
  local state="$work/socket-$1" t0 pid
  t0=$(now)
  if [ "$1" = jar ]; then
    java -Dshimhost.state="$state" -jar "$jar" --daemon >/dev/null 2>&1 &
  else
    SHIMHOST_JAVA_OPTS="-Dshimhost.state=$state" "$script" --daemon >/dev/null 2>&1 &
  fi
  pid=$!
  for ((j = 0; j < 3000; j++)); do [ -S "$state/shimhost.sock" ] && break; sleep 0.01; done
  eval "socket_$1+=($(( ($(now) - t0) / 1000000 )))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$state"
}

jvm=(); first_jar=(); whole_jar=(); first_script=(); whole_script=(); first_ctl=(); whole_ctl=()
first_version=(); whole_version=()
socket_jar=(); socket_script=()
for ((i = 0; i < runs; i++)); do
  t0=$(now)
  java -version >/dev/null 2>&1
  jvm+=($(( ($(now) - t0) / 1000000 )))
  time_first jar java -Dshimhost.state="$work/jar" -jar "$jar" "$work/types.gogo"
  SHIMHOST_JAVA_OPTS="-Dshimhost.state=$work/script" time_first script "$script" "$work/types.gogo"
  time_first ctl "$script" ctl -s "$work/daemon/shimhost.sock" shim:types
  time_first version java -jar "$jar" --version
  time_socket jar
  time_socket script
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a/b}'; }
m_jvm=$(median "${jvm[@]}")
echo "runs: $runs (medians, ms; ratios to the bare JVM)"
printf '%-44s %6s\n' "bare JVM (java -version), start to exit" "$m_jvm"
row() {
  local first whole
  first=$(eval "median \"\${first_$1[@]}\""); whole=$(eval "median \"\${whole_$1[@]}\"")
  printf '%-44s %6s %6s  to exit %6s %6s\n' "$2" "$first" "$(ratio "$first" "$m_jvm")" "$whole" "$(ratio "$whole" "$m_jvm")"
}
printf '%-44s %13s  %15s\n' "" "first output" ""
row jar "java -jar shimhost.jar FILE"
row script "shimhost FILE (start script)"
row ctl "shimhost ctl shim:types (daemon running)"
row version "java -jar shimhost.jar --version"
echo "daemon start to its socket: java -jar $(median "${socket_jar[@]}"), shimhost $(median "${socket_script[@]}") ($(awk -v a="$(median "${socket_script[@]}")" -v b="$(median "${socket_jar[@]}")" 'BEGIN {printf "%.2fx", a/b}'))"
echo "script against java -jar, first output: $(awk -v a="$(median "${first_script[@]}")" -v b="$(median "${first_jar[@]}")" 'BEGIN {printf "%.2fx", a/b}')"
