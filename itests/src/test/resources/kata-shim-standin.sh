#!/bin/sh
# Stand-in for the kata-shim binary, which tests cannot ship. Like Kata's mock shim it checks its
# flags (-agent, -container and -exec-id are required), prints a line on stdout and one on stderr,
# and records what a test wants to know to $KATA_STANDIN_RECORD (argv element by element, pid,
# session id, controlling terminal, process group, environment), then signals its own process group
# with $KATA_STANDIN_GROUP_SIGNAL if set (kata-shim sends SIGABRT to its group on SIGQUIT), then stays alive for $KATA_STANDIN_SLEEP seconds (or the
# number in a file named sleep beside this script; default 0) and exits with $KATA_STANDIN_EXIT
# (default 0). With $KATA_STANDIN_IGNORE_TERM it ignores SIGTERM. With $KATA_STANDIN_WRITE it first writes that many bytes of lines to stdout; with
# $KATA_STANDIN_TICKS it then prints that many numbered lines, one every 0.1 s.
record=${KATA_STANDIN_RECORD:-}
# field N of /proc/$$/stat after the command name: 1 state, 2 ppid, 3 pgrp, 4 session, 5 tty_nr
stat_field() { sed 's/.*) //' /proc/$$/stat | cut -d' ' -f"$1"; }
if [ -n "$record" ]; then
  {
    for a in "$@"; do printf 'arg=%s\n' "$a"; done
    echo "pid=$$"
    echo "session=$(stat_field 4)"
    echo "tty_nr=$(stat_field 5)"
    echo "stdin=$(readlink /proc/$$/fd/0)"
    echo "pgrp=$(stat_field 3)"
    env | sed 's/^/env=/'
  } > "$record.tmp"
fi
agent=""; container=""; execid=""
while [ $# -gt 0 ]; do
  case "$1" in
    -agent) agent="$2"; shift 2 ;;
    -container) container="$2"; shift 2 ;;
    -exec-id) execid="$2"; shift 2 ;;
    -log|-agent-logs-socket) shift 2 ;;
    -terminal|-trace) shift ;;
    *) echo "kata-shim stand-in: unknown flag $1" >&2; exit 2 ;;
  esac
done
[ -n "$agent" ] || { echo "kata-shim stand-in: -agent is required" >&2; exit 1; }
[ -n "$container" ] || { echo "kata-shim stand-in: -container is required" >&2; exit 1; }
[ -n "$execid" ] || { echo "kata-shim stand-in: -exec-id is required" >&2; exit 1; }
[ -n "$record" ] && mv "$record.tmp" "$record"
[ -n "${KATA_STANDIN_GROUP_SIGNAL:-}" ] && kill -s "$KATA_STANDIN_GROUP_SIGNAL" 0
[ -n "${KATA_STANDIN_WRITE:-}" ] && yes "Some more output on stdout" | head -c "$KATA_STANDIN_WRITE"
echo "Some output on stdout"
echo "Some output on stderr" >&2
i=0
while [ "$i" -lt "${KATA_STANDIN_TICKS:-0}" ]; do echo "tick $i of the stand-in's output"; i=$((i + 1)); sleep 0.1; done
# with $KATA_STANDIN_IGNORE_TERM, SIGTERM is ignored, by sleep too (an ignored signal stays ignored across exec)
[ -n "${KATA_STANDIN_IGNORE_TERM:-}" ] && trap '' TERM
pause=${KATA_STANDIN_SLEEP:-$(cat "$(dirname "$0")/sleep" 2>/dev/null || echo 0)}
# exec: the shim's own pid sleeps, so signals sent to the shim reach what keeps it alive
[ "${KATA_STANDIN_EXIT:-0}" = 0 ] && exec sleep "$pause"
sleep "$pause"
exit "$KATA_STANDIN_EXIT"
