#!/usr/bin/env bash
# Serves the example portal (examples/portal/) with the built npm package beside it as ./cxzy/,
# under the strict Content-Security-Policy a portal may use (also sent as a header here).
# Builds the package first unless CXZY_SKIP_BUILD=1. Usage: bash scripts/portal.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[ "${CXZY_SKIP_BUILD:-}" = 1 ] || bash scripts/package.sh
stage=target/portal
rm -rf "$stage"
mkdir -p "$stage"
cp -r examples/portal/. "$stage/"
cp -r target/npm/cxzy "$stage/cxzy"
port="${1:-8090}"
echo "example portal: http://127.0.0.1:$port/"
export CXZY_HEADERS='{"Content-Security-Policy": "default-src '"'self'"'; script-src '"'self'"' '"'wasm-unsafe-eval'"'"}'
exec node scripts/serve-static.mjs "$stage" "$port"
