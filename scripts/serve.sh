#!/usr/bin/env bash
# Serves the app as it is deployed, with the workshop rooms and the scoring API: one binary,
# `cxzy serve`, with the release build of the app (trunk build --release) embedded in it —
# precompressed, cache headers, the strict Content-Security-Policy. Installs whatever this
# machine lacks first. Rooms are kept in SQLite under ./cxzy-data unless told otherwise.
#
#   bash scripts/serve.sh                    http://127.0.0.1:8080/
#   bash scripts/serve.sh --lan              on this machine's network too: prints the address
#                                            and a QR code (a workshop on a travel router)
#   bash scripts/serve.sh --port 9000 --data DIR | --database postgres://… | --room-days N
#   bash scripts/serve.sh --static           the pages only, by Node (scripts/serve-static.mjs)
#
# For development with live reload (a debug build, much larger): bash scripts/dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
static=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --static) static=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
trunk build --release --quiet
if [ "$static" = 1 ]; then
  port=8080 lan=()
  set -- "${args[@]}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --lan) lan=(--lan) ;;
      --port) port="${2:?--port needs a number}"; shift ;;
      *) echo "serve.sh --static: unknown option $1 (--lan, --port N)" >&2; exit 2 ;;
    esac
    shift
  done
  exec node scripts/serve-static.mjs dist "$port" --csp "${lan[@]}"
fi
# The binary embeds dist/ as it is now (core/server/build.rs).
cargo build --release -q -p cxzy-cli
exec target/release/cxzy serve "${args[@]}"
