#!/usr/bin/env bash
# Figures of `cxzy serve`'s rooms (issue 13), against SQLite and a throwaway Postgres: 100
# participants posting one sealed ballot each at once (wall time, p50 and p99 latency), and the
# server killed with SIGKILL mid-load (acknowledged ballots all listed after the restart).
# Prints figures; asserts only what the tests assert (no timing is a pass or a fail).
set -euo pipefail
cd "$(dirname "$0")/.."
pg_dir=$(mktemp -d /tmp/cxzy-pg.XXXXXX)
port=55533
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
trap 'bash scripts/postgres.sh stop "$pg_dir"' EXIT
CXZY_TEST_POSTGRES=$(bash scripts/postgres.sh start "$pg_dir" "$port")
export CXZY_TEST_POSTGRES
cargo test -q --release -p cxzy-cli --test serve -- --nocapture --test-threads 1 2>&1 | grep -oE 'rooms (load|crash) .*'
