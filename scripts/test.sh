#!/usr/bin/env bash
# Runs every test of cxzy, installing whatever this machine lacks first (scripts/setup.sh):
# format and lints (native and wasm32), the engine's unit, vector, validation and property
# tests natively, the same vectors and validation tests on wasm32 under Node and in headless
# Chromium, the npm package of the JS API and its Node tests, the release build of the app, and
# the end-to-end tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

step() { printf '\n=== %s\n' "$*"; }
passed=0
failed=0
run() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*"; fi
}

step "format, lints and layering"
run cargo fmt --all -- --check
run python3 scripts/module-cycles.py --strict
run cargo clippy --workspace --exclude cxzy-web --all-targets --quiet -- -D warnings
run cargo clippy --target wasm32-unknown-unknown -p cxzy-core -p cxzy-rounds -p cxzy-frameworks -p cxzy-web -p cxzy-tests -p cxzy-wasm --all-targets --quiet -- -D warnings
run cargo clippy --target wasm32-unknown-unknown -p cxzy-web --features element --all-targets --quiet -- -D warnings
run cargo clippy --target wasm32-unknown-unknown -p cxzy-web --features rounds --all-targets --quiet -- -D warnings

step "native tests (unit, golden vectors, validation, properties, command line, cxzy serve on SQLite and Postgres)"
# A throwaway PostgreSQL from Debian's package (scripts/postgres.sh): the rooms' tests run
# against it as against SQLite, the load and SIGKILL tests included.
pg_dir=$(mktemp -d /tmp/cxzy-pg.XXXXXX)
pg_port=55433
while (echo > "/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
cleanup() {
  bash scripts/postgres.sh stop "$pg_dir" || true
  if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi
}
trap cleanup EXIT
# Interrupted (Ctrl-C, a CI timeout's SIGTERM), exit through the EXIT trap too: bash killed by a
# signal it does not trap skips it, which left the throwaway Postgres and the server running.
trap 'exit 130' INT
trap 'exit 143' TERM
CXZY_TEST_POSTGRES=$(bash scripts/postgres.sh start "$pg_dir" "$pg_port")
export CXZY_TEST_POSTGRES
run cargo test --workspace --exclude cxzy-web --quiet
# The engine built with the messages of one language (the package's cxzy/zh is one).
run cargo test -p cxzy-core --no-default-features --features zh --test languages --quiet
run cargo test -p cxzy-core --no-default-features --features en --test languages --quiet
run cargo test -p cxzy-web --lib --features element --quiet
# The secretary's build (editor.html): the criteria editor and the rating rounds.
run cargo test -p cxzy-web --lib --features rounds --quiet

step "wasm32 tests under Node (same vectors and validation tests)"
run cargo test -p cxzy-tests --target wasm32-unknown-unknown --test vectors --test validation --test builtins

step "wasm32 tests in headless Chromium"
run cargo test -p cxzy-tests --target wasm32-unknown-unknown --test vectors_browser
# The app's logic (reducer, what-if, storage, migration) and its rescoring figure.
run cargo test -p cxzy-web --target wasm32-unknown-unknown --tests

step "the JS API: npm package (scripts/package.sh) and its Node tests (vectors, validation cases, misuse, TypeScript, JSON Schemas, the static server)"
run bash scripts/package.sh
run node --test tests/js/

step "release build of the app (Trunk; its hook builds editor.html beside index.html)"
run trunk build --release --quiet

step "end-to-end tests in headless Chromium (Playwright)"
# The specs check the page's figures against the native engine: the `cxzy` command line.
run cargo build -q -p cxzy-cli
# cxzy serve's tests of the embedded app, now that dist/ is built (before, they see no app).
run cargo test -q -p cxzy-server --lib
# The first free port from 8089 (another checkout on this machine may be serving on one).
port=8089
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
# Served as deployed: compressed, with cache headers and the strict CSP (the app must work under it).
node scripts/serve-static.mjs dist "$port" --csp >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
CXZY_BASE_URL="http://127.0.0.1:$port/" run node --test tests/e2e/

echo
echo "test steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
