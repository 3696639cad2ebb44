#!/usr/bin/env bash
# Launch time of the executable jar: from `java -jar run/target/shimhost.jar SCRIPT` to the first
# line of output of the script's first command (shim:types), and to exit, against the bare JVM
# (`java -version`) measured in the same loop, interleaved, so both see the same machine load.
# Usage: bench/launch-time.sh [RUNS]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
jar=run/target/shimhost.jar
[ -f "$jar" ] || { echo "no $jar: build first (mvn -q -DskipTests package)" >&2; exit 1; }
script=$(mktemp --suffix=.gogo); trap 'rm -f "$script"' EXIT
echo "shim:types" > "$script"

now() { date +%s%N; }
first=(); whole=(); jvm=()
for ((i = 0; i < runs; i++)); do
  t0=$(now)
  java -version >/dev/null 2>&1
  jvm+=($(( ($(now) - t0) / 1000000 )))

  t0=$(now)
  java -jar "$jar" "$script" | {
    read -r _
    echo $(( ($(now) - t0) / 1000000 )) > /tmp/shimhost-first.$$
    cat >/dev/null
  }
  whole+=($(( ($(now) - t0) / 1000000 )))
  first+=($(cat /tmp/shimhost-first.$$))
done
rm -f /tmp/shimhost-first.$$

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
m_jvm=$(median "${jvm[@]}"); m_first=$(median "${first[@]}"); m_whole=$(median "${whole[@]}")
echo "runs: $runs (medians, ms)"
echo "bare JVM (java -version) start to exit:      $m_jvm"
echo "shimhost.jar start to first command output:  $m_first  ($(awk -v a="$m_first" -v b="$m_jvm" 'BEGIN {printf "%.1fx", a/b}') the bare JVM)"
echo "shimhost.jar start to exit:                  $m_whole  ($(awk -v a="$m_whole" -v b="$m_jvm" 'BEGIN {printf "%.1fx", a/b}') the bare JVM)"
