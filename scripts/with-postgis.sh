#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL/PostGIS cluster on a free local port.
# The cluster lives under var/pgtest and is stopped and removed afterwards, whatever happens.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
data="$(mktemp -d /tmp/weerbaar-pg.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  chown postgres:postgres "$data"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$data" -U weerbaar --auth=trust -E UTF8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
"$bindir/psql" -h 127.0.0.1 -p "$port" -U weerbaar -d postgres -qc "CREATE DATABASE weerbaar" >/dev/null
"$bindir/psql" -h 127.0.0.1 -p "$port" -U weerbaar -d weerbaar -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null

export DATABASE_URL="postgres://weerbaar@127.0.0.1:$port/weerbaar"
echo "PostGIS cluster on 127.0.0.1:$port"
cd "$root"
"$@"
