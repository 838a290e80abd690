#!/usr/bin/env bash
# Figures of `cxzy serve`'s scoring API for portal backends (issue 14): requests per second and
# latency of POST /api/v1/score (the benchmark's framework and member assessments, one request
# each, kept-alive connections) and of POST /api/v1/branch (300 results), against a release
# build. Prints figures; asserts nothing.
# Usage: scripts/figures-api.sh [--binary PATH] [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=target/release/cxzy seconds=5 connections=4
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "usage: $0 [--binary PATH] [--seconds N] [--connections N]" >&2; exit 2 ;;
  esac
done
if [ "$binary" = target/release/cxzy ]; then
  cargo build --quiet --release -p cxzy-cli
fi
port=55600
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
docs=$(mktemp) data=$(mktemp -d)
"$binary" serve --port "$port" --data "$data" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$docs" "$data"' EXIT
cargo run --quiet --release -p cxzy-core --example bench_docs -- 64 > "$docs"
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
node --input-type=module - "$docs" "$port" "$seconds" "$connections" <<'JS'
import { readFileSync } from "node:fs";
import http from "node:http";
const [docsPath, port, seconds, connections] = process.argv.slice(2);
const { framework, assessments } = JSON.parse(readFileSync(docsPath, "utf8"));
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
function post(path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", agent,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve([res.statusCode, Buffer.concat(chunks)]));
    });
    req.on("error", reject);
    req.end(body);
  });
}
async function load(label, bodies, path) {
  const latencies = [];
  let n = 0, bytes = 0;
  const until = Date.now() + Number(seconds) * 1000;
  const start = process.hrtime.bigint();
  async function worker(w) {
    for (let i = w; Date.now() < until; i += Number(connections)) {
      const t = process.hrtime.bigint();
      const [status, answer] = await post(path, bodies[i % bodies.length]);
      if (status !== 200) throw new Error(`${path}: ${status} ${answer.toString().slice(0, 300)}`);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      bytes += answer.length;
      n++;
    }
  }
  await Promise.all(Array.from({ length: Number(connections) }, (_, w) => worker(w)));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  console.log(`  ${label.padEnd(44)} ${String(Math.round(n / elapsed)).padStart(6)} requests/s  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  (${Math.round(bytes / n)} B an answer)`);
}
const scoreBodies = assessments.map((a) => JSON.stringify({ framework, assessment: a }));
console.log(`cxzy serve, ${connections} connections, ${seconds} s each (request ${scoreBodies[0].length} B):`);
await load("POST /api/v1/score (benchmark assessment)", scoreBodies, "/api/v1/score");
// 300 results of the benchmark members, scored by the server itself.
const results = [];
for (let i = 0; i < 300; i++) {
  const [, answer] = await post("/api/v1/score", scoreBodies[i % scoreBodies.length]);
  results.push(JSON.parse(answer));
}
const branchBody = JSON.stringify({ framework, results, excellent_quota: 20 });
console.log(`  (branch request: ${branchBody.length} B)`);
await load("POST /api/v1/branch (300 results)", [branchBody], "/api/v1/branch");
agent.destroy();
JS
