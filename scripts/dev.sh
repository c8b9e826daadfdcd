#!/usr/bin/env bash
# One entry point for people and CI:
#   bash scripts/dev.sh app    set everything up, then run the app on http://localhost:8501
#   bash scripts/dev.sh test   set everything up (incl. test tools and Chromium), then run the whole test suite
#   bash scripts/dev.sh setup  only set up
# Set-up is idempotent and quick when nothing changed: a virtualenv in .venv, pinned Python packages, Leaflet from the
# npm registry into static/vendor (served by the app, no CDN), the boundary data fetched (sha256-checked) and built,
# and the data store created or migrated (python -m geo db init: seeded from the shipped files when empty).
# The test mode also starts a throw-away PostgreSQL + PostGIS (Debian's packages) for the store tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-app}
PY=${PYTHON:-python3}

log() { printf '\033[1;32m==>\033[0m %s\n' "$*" >&2; }

# A mirror of the upstream boundary files beside the checkout means no network is needed for the data.
if [ -z "${BGGM_DATA_MIRROR:-}" ] && [ -d "$ROOT/../shared/data/upstream" ]; then
  export BGGM_DATA_MIRROR="$ROOT/../shared/data/upstream"
  log "using the local data mirror $BGGM_DATA_MIRROR"
fi

setup_python() {
  local req=$1 stamp=.venv/.installed-$1
  if [ ! -x .venv/bin/python ]; then
    log "creating virtualenv .venv"
    "$PY" -m venv .venv
  fi
  local want
  want=$(cat requirements.txt "$req" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing Python packages from $req"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
}

# Leaflet, and Leaflet.VectorGrid (draws large unit sets from the app's own vector tiles, layers/tiles.py).
setup_assets() {
  local vg=static/vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js
  if [ ! -f static/vendor/leaflet/leaflet.js ] || [ package-lock.json -nt static/vendor/leaflet/leaflet.js ] \
    || [ ! -f "$vg" ] || [ package-lock.json -nt "$vg" ]; then
    log "installing Leaflet and Leaflet.VectorGrid from the npm registry into static/vendor"
    npm ci --no-audit --no-fund --loglevel=error
    rm -rf static/vendor/leaflet static/vendor/leaflet.vectorgrid && mkdir -p static/vendor/leaflet.vectorgrid
    cp -r node_modules/leaflet/dist static/vendor/leaflet
    cp node_modules/leaflet.vectorgrid/dist/Leaflet.VectorGrid.bundled.min.js "$vg"
    touch static/vendor/leaflet/leaflet.js "$vg"
  fi
}

# Everything the data set-up reads or writes, as one hash: its inputs' contents, the settings that pick where it
# reads and writes, and the size and time of its outputs (so a deleted or rebuilt output counts as a change).
data_stamp() {
  local build=${BGGM_BUILD_DIR:-data/boundaries/build}
  {
    cat data/boundaries/sources.toml data/boundaries/communes_2025_merged_from.csv data/monitoring/forest_classes.toml \
      geo/boundaries/build.py scripts/make_forest_raster.py
    find geo/store/migrations -name '*.py' -type f | sort | xargs cat
    printf '%s\n' "${BGGM_DATA_MIRROR:-}" "$build" "${BGGM_DATABASE_URL:-}"
    stat -c '%n %s %Y' "$build/manifest.json" data/monitoring/build/forest/forest_classes_2020_10m.tif 2>&1
    if [ -z "${BGGM_DATABASE_URL:-}" ]; then stat -c '%n %s' data/store/bggm.sqlite 2>&1; fi
  } | sha256sum | cut -d' ' -f1
}

# With nothing changed since the last successful data set-up, it is skipped without starting Python (issue 13:
# 8–10 s before, most of it importing and re-checking). Delete .setup-data-stamp to force it.
setup_data() {
  local stamp=.setup-data-stamp
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(data_stamp)" ]; then
    log "boundary data, forest raster and data store up to date (delete $stamp to redo)"
    return
  fi
  rm -f "$stamp"
  log "fetching and building boundary data"
  .venv/bin/python -m geo data fetch
  .venv/bin/python -m geo data build
  .venv/bin/python -m geo data check
  .venv/bin/python scripts/make_forest_raster.py --if-missing  # illustrative forest raster, 10 m (~10 s, 3.4 MB)
  log "creating or migrating the data store (BGGM_DATABASE_URL, default data/store/bggm.sqlite)"
  .venv/bin/python -m geo db init
  data_stamp > "$stamp"
}

# A PostgreSQL 15 + PostGIS cluster of its own for the store tests, in BGGM_PG_DIR (default: a folder under /tmp),
# on a free local port; reused while it runs. initdb and pg_ctl refuse root: as root the server runs as the user
# postgres (runuser). Exports BGGM_TEST_DATABASE_URL for the tests.
setup_postgres() {
  local bin=/usr/lib/postgresql/15/bin as="" dir port
  if [ "$(id -u)" = 0 ]; then SUDO=""; as="runuser -u postgres --"; else SUDO="sudo"; fi
  if [ ! -x "$bin/pg_ctl" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    log "installing Debian's postgresql-15 and postgresql-15-postgis-3 for the store tests"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >/dev/null
  fi
  dir=${BGGM_PG_DIR:-/tmp/bggm-pg-$(id -u)}
  mkdir -p "$dir"
  if [ -n "$as" ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $dir/data"
    $as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! $as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "starting PostgreSQL on 127.0.0.1:$port"
    $as "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    echo "$port" > "$dir/port"
  fi
  port=$(cat "$dir/port")
  export BGGM_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop_postgres() {
  local dir=${BGGM_PG_DIR:-/tmp/bggm-pg-$(id -u)} as=""
  if [ "$(id -u)" = 0 ]; then as="runuser -u postgres --"; fi
  $as /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
}

setup_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian's chromium and chromium-driver for the browser tests"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

case "$MODE" in
  setup)
    setup_python requirements-dev.txt; setup_assets; setup_data ;;
  app)
    setup_python requirements.txt; setup_assets; setup_data
    log "starting the app on http://localhost:${PORT:-8501}"
    # Production settings: no file watcher and no rerun on save (the watcher alone took 7.5 % of the server's CPU).
    exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" \
      --server.fileWatcherType none --server.runOnSave false ;;
  test)
    setup_python requirements-dev.txt; setup_assets; setup_data; setup_browser; setup_postgres
    log "running the tests"
    shift || true
    status=0
    .venv/bin/python -m pytest "$@" || status=$?
    if [ "${CI:-}" = true ]; then stop_postgres; fi
    exit "$status" ;;
  *)
    echo "usage: bash scripts/dev.sh app|test|setup" >&2; exit 64 ;;
esac
