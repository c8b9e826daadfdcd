#!/usr/bin/env bash
# One entry point for people and CI:
#   bash scripts/dev.sh app    set everything up, then run the app on http://localhost:8501
#   bash scripts/dev.sh test   set everything up (incl. test tools and Chromium), then run the whole test suite
#   bash scripts/dev.sh setup  only set up
# Set-up is idempotent and quick when nothing changed: a virtualenv in .venv, pinned Python packages, Leaflet from the
# npm registry into static/vendor (served by the app, no CDN), the boundary data fetched (sha256-checked) and built.
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

setup_assets() {
  if [ ! -f static/vendor/leaflet/leaflet.js ] || [ package-lock.json -nt static/vendor/leaflet/leaflet.js ]; then
    log "installing Leaflet from the npm registry into static/vendor"
    npm ci --no-audit --no-fund --loglevel=error
    rm -rf static/vendor/leaflet && mkdir -p static/vendor
    cp -r node_modules/leaflet/dist static/vendor/leaflet
    touch static/vendor/leaflet/leaflet.js
  fi
}

setup_data() {
  log "fetching and building boundary data"
  .venv/bin/python -m geo data fetch
  .venv/bin/python -m geo data build
  .venv/bin/python -m geo data check
  .venv/bin/python scripts/make_forest_raster.py --if-missing  # illustrative forest raster, 10 m (~10 s, 3.4 MB)
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
    exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" ;;
  test)
    setup_python requirements-dev.txt; setup_assets; setup_data; setup_browser
    log "running the tests"
    shift || true
    exec .venv/bin/python -m pytest "$@" ;;
  *)
    echo "usage: bash scripts/dev.sh app|test|setup" >&2; exit 64 ;;
esac
