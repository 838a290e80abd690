#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080, installing whatever this machine lacks first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve "$@"
