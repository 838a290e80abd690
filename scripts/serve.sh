#!/usr/bin/env bash
# Serves the app as it is deployed: the release build (trunk build --release), compressed, with
# cache headers and the strict Content-Security-Policy (scripts/serve-static.mjs --csp).
# Installs whatever this machine lacks first.
#
#   bash scripts/serve.sh              http://127.0.0.1:8080/
#   bash scripts/serve.sh --lan        also on this machine's network addresses (open on a phone)
#   bash scripts/serve.sh --port 9000
#
# For development with live reload (a debug build, much larger): bash scripts/dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=8080
lan=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lan) lan=(--lan) ;;
    --port) port="${2:?--port needs a number}"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown option $1 (--lan, --port N)" >&2; exit 2 ;;
  esac
  shift
done
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --quiet
exec node scripts/serve-static.mjs dist "$port" --csp "${lan[@]}"
