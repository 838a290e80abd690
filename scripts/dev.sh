#!/usr/bin/env bash
# Development: Trunk's dev server with live reload (a debug build: large and slow, not what users
# get; `bash scripts/serve.sh` serves the release build as deployed). Extra arguments go to
# `trunk serve` (e.g. --port 9000, --address 0.0.0.0).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec trunk serve "$@"
