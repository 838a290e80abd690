#!/usr/bin/env bash
# Prints the figures of the JS API's package (run scripts/package.sh first, or pass --build):
# the scorer module's size (WASM + JS glue of the browser build, raw and gzipped; budget 60 KB
# gzipped) and the throughput of `score` in Node on the benchmark of core/benches/score.rs
# (5 dimensions × 5 indicators, 4 sources × 5 raters), documents made by core's bench_docs example.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--build" ] || [ ! -f target/npm/cxzy/package.json ]; then
  bash scripts/package.sh
fi

web=target/npm/cxzy/web
size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
wasm_raw=$(size "$web/cxzy_bg.wasm"); wasm_gz=$(gz "$web/cxzy_bg.wasm")
js_raw=$(size "$web/cxzy.js"); js_gz=$(gz "$web/cxzy.js")
total_gz=$((wasm_gz + js_gz))
printf 'scorer module (browser build)\n'
printf '  %-14s %8d B raw %8d B gzipped\n' cxzy_bg.wasm "$wasm_raw" "$wasm_gz" cxzy.js "$js_raw" "$js_gz"
printf '  %-14s %8d B raw %8d B gzipped  (budget 61440 B gzipped: %s)\n' total \
  $((wasm_raw + js_raw)) "$total_gz" "$([ "$total_gz" -le 61440 ] && echo met || echo NOT met)"

# cxzy/zh: the same scorer with Chinese messages only.
zh_gz=$(( $(gz "target/npm/cxzy/zh/web/cxzy_bg.wasm") + $(gz "target/npm/cxzy/zh/web/cxzy.js") ))
printf '  %-14s %8d B raw %8d B gzipped  (cxzy/zh, Chinese messages only: %d B less)\n' "zh total" \
  $(( $(size target/npm/cxzy/zh/web/cxzy_bg.wasm) + $(size target/npm/cxzy/zh/web/cxzy.js) )) "$zh_gz" $((total_gz - zh_gz))

# The custom element's bundle (its WASM, glue, element.js and stylesheet) against the app's first
# load (WASM, glue, index.html with the inlined stylesheet): the element must be no larger.
el=target/npm/cxzy
element_gz=$(( $(gz "$el/element/cxzy-element_bg.wasm") + $(gz "$el/element/cxzy-element.js") + $(gz "$el/element.js") + $(gz "$el/cxzy.css") ))
printf 'custom element <cxzy-assessment> (element/ WASM + glue, element.js, cxzy.css): %8d B gzipped\n' "$element_gz"
if [ -f dist/index.html ]; then
  page_gz() { # a page of dist/ with the WASM and glue it loads
    echo $(( $(gz "dist/$(grep -o 'cxzy-web-[0-9a-f]*_bg\.wasm' "dist/$1" | head -1)") \
      + $(gz "dist/$(grep -o 'cxzy-web-[0-9a-f]*\.js' "dist/$1" | head -1)") + $(gz "dist/$1") ))
  }
  app_gz=$(page_gz index.html)
  printf 'the app (dist/: WASM + glue + index.html with its CSS):                   %8d B gzipped (element %s)\n' \
    "$app_gz" "$([ "$element_gz" -le "$app_gz" ] && echo "no larger: met" || echo "LARGER: not met")"
  if [ -f dist/editor.html ]; then
    printf 'the app with the criteria editor (dist/editor.html, loaded only there):      %8d B gzipped\n' "$(page_gz editor.html)"
  fi
else
  echo "the app: no dist/ (trunk build --release) to compare with"
fi

docs=$(mktemp)
trap 'rm -f "$docs"' EXIT
cargo run --quiet --release -p cxzy-core --example bench_docs -- 64 > "$docs"
node --input-type=module - "$docs" <<'JS'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
const { score } = await import(pathToFileURL(resolve("target/npm/cxzy/node/index.js")).href);
const { framework, assessments } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const frameworkText = JSON.stringify(framework);
const texts = assessments.map((a) => JSON.stringify(a));
function rate(label, run) {
  for (let i = 0; i < 200; i++) run(i); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) {
    for (let i = 0; i < 100; i++) run(n++);
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = Math.round((n * 1e9) / Number(elapsed));
  console.log(`  ${label.padEnd(58)} ${String(perSecond).padStart(7)} assessments/s`);
}
console.log(`Node ${process.version}, score() on the benchmark (25 indicators, 20 sheets, 500 ratings):`);
rate("objects in, result object out (JSON.stringify/parse inside)", (i) => score(framework, assessments[i % 64]));
rate("JSON texts in, result object out", (i) => score(frameworkText, texts[i % 64]));
JS
