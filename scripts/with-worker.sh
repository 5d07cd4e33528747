#!/usr/bin/env bash
# Run a command (the web server) with the background-job worker beside it; both stop together.
#   scripts/with-worker.sh gunicorn weerbaar.wsgi ...
# Ctrl-C (SIGINT) or SIGTERM is passed on to both once: gunicorn stops, the worker finishes its
# job or releases it (queued again, nothing half written). When either one exits by itself, the
# other gets SIGTERM. A second Ctrl-C stops the worker at once (its job is then failed by the
# next worker's start-up check).
set -uo pipefail
# job control: each child in a process group of its own, so the terminal's Ctrl-C reaches them
# once, from here (and a child still starting up is not left ignoring it)
set -m
weerbaar="${WEERBAAR:-.venv/bin/weerbaar}"

"$weerbaar" worker &
worker=$!
"$@" &
web=$!

stop() {
  kill "-$1" "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop INT; exit 130' INT
trap 'stop TERM; exit 143' TERM

wait -n "$web" "$worker"
status=$?
stop TERM
exit "$status"
