#!/usr/bin/env bash
# Install the Debian packages Weerbaar needs, only those that are missing.
#   scripts/system-deps.sh run    what `make run` needs (GDAL, SpatiaLite, venv, gettext, Node)
#   scripts/system-deps.sh test   plus PostgreSQL/PostGIS and Chromium for the test suite
set -euo pipefail
profile="${1:-run}"

packages=(python3-venv python3-dev gdal-bin libgdal-dev libsqlite3-mod-spatialite binutils libproj-dev gettext)
# PyICU (normality, under followthemoney) builds from source: ICU headers, pkg-config, a C++ compiler
packages+=(libicu-dev pkg-config g++)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [[ "$profile" == "test" ]]; then
  packages+=(chromium postgresql postgresql-contrib)
  pg_major=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1 || true)
  if [[ -n "$pg_major" ]]; then
    packages+=("postgresql-${pg_major}-postgis-3")
  else
    packages+=(postgis)
  fi
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# postgis is a metapackage on some releases; make sure the server extension matches the server
if [[ "$profile" == "test" ]]; then
  pg_major=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  dpkg-query -W -f='${Status}' "postgresql-${pg_major}-postgis-3" 2>/dev/null | grep -q "install ok installed" \
    || $sudo apt-get install -y -qq --no-install-recommends "postgresql-${pg_major}-postgis-3" >/dev/null
fi
