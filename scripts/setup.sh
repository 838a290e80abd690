#!/usr/bin/env bash
# Installs whatever this machine lacks to build, serve and test cxzy; quick when all is there.
# Only the package registries are reachable: every tool comes from crates.io, npm or Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*" >&2; }

# The wasm-bindgen CLI must match the library version exactly; Cargo.lock is the single source.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Debian packages: Chromium and its driver for wasm-bindgen-test and Playwright; a CJK font
#    so that screenshots of the (Chinese-first) app are legible.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  log "installing chromium, chromium-driver and fonts-noto-cjk (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

# 2b. PostgreSQL's server, for the tests of `cxzy serve --database` (scripts/postgres.sh starts a
#     throwaway cluster; the package's own cluster is not used).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# 3. Cargo tools, pinned (see docs/toolchain.md for why these versions and flags).
TRUNK_VERSION=0.21.14
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (a few minutes)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "=$TRUNK_VERSION" --locked --quiet
fi

WB_VERSION=$(wasm_bindgen_version)
if [ -z "$WB_VERSION" ]; then
  log "Cargo.lock names no wasm-bindgen version"; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION" \
  || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$WB_VERSION"; then
  log "installing wasm-bindgen-cli $WB_VERSION (a few minutes)"
  # Not --locked: one of its pinned dependencies is missing from the registry mirror.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "=$WB_VERSION" --quiet
fi

# 4. npm tools: wasm-opt (binaryen), Playwright's driver, pdf.js (reads the printed report),
#    Lighthouse 12 (scripts/figures.sh), TypeScript (the JS API's types), Ajv (checks the JSON
#    Schemas against real documents), jsQR (the one npm file the app ships: the collector's QR
#    decoder where browsers lack BarcodeDetector); versions pinned in package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ ! -d node_modules/pdfjs-dist ] || [ ! -x node_modules/.bin/lighthouse ] \
  || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/ajv-formats ] || [ ! -d node_modules/jsqr ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

log "ready: $(trunk --version), $(wasm-bindgen --version), $(node_modules/.bin/wasm-opt --version 2>/dev/null | head -1), $(chromium --version 2>/dev/null)"
