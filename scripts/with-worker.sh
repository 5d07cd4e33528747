#!/usr/bin/env bash
# Run a command (the web server) with the background-job worker beside it; both stop together.
#   scripts/with-worker.sh gunicorn weerbaar.wsgi ...
# Ctrl-C reaches both processes from the terminal: gunicorn stops, the worker stops after its
# job or releases it (queued again, nothing half written). When either one exits by itself, the
# other gets SIGTERM. A second Ctrl-C stops the worker at once (its job is then failed by the
# next worker's start-up check).
set -uo pipefail
weerbaar="${WEERBAAR:-.venv/bin/weerbaar}"

"$weerbaar" worker &
worker=$!
"$@" &
web=$!

stop() {
  kill -TERM "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
# the terminal has signalled both already; signalling again would hurry the worker
trap 'wait "$web" "$worker" 2>/dev/null; exit 130' INT
trap 'stop; exit 143' TERM

wait -n "$web" "$worker"
status=$?
stop
exit "$status"
