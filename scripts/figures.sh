#!/usr/bin/env bash
# Prints the figures the app is held to:
#   (a) first-load sizes, raw and gzipped (gzip -9), of everything the first visit loads — the
#       page (with its inlined CSS), the JS, the WASM and the chosen framework — against the
#       200 KB (204,800 bytes) gzipped budget;
#   (b) Lighthouse 12 mobile scores (performance, accessibility, best practices) of the served
#       release build, and the failing audits of accessibility and best practices;
#   (c) the rescoring time in the browser (web/tests/rescoring.rs, headless Chromium).
# Builds the release app first (set CXZY_SKIP_BUILD=1 to measure dist/ as it is), serves dist/ on
# a free port and stops the server at the end. The Lighthouse report is kept in test-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
ARTIFACTS="${CXZY_ARTIFACTS:-test-artifacts}"
FRAMEWORK="${CXZY_FRAMEWORK:-member-five-leads}"
BUDGET=204800
mkdir -p "$ARTIFACTS"

section() { printf '\n== %s\n' "$*"; }

if [ "${CXZY_SKIP_BUILD:-0}" != 1 ]; then
  section "release build (trunk build --release)"
  trunk build --release --quiet
fi

# ------------------------------------------------------------------ (a) sizes
section "(a) first-load sizes (bytes; gzip -9)"
# The files index.html loads (dist/ also holds editor.html's, loaded only by the criteria editor).
js=dist/$(grep -o 'cxzy-web-[0-9a-f]*\.js' dist/index.html | head -1)
wasm=dist/$(grep -o 'cxzy-web-[0-9a-f]*_bg\.wasm' dist/index.html | head -1)
fw="dist/frameworks/$FRAMEWORK.json"
gz() { gzip -9 -c "$1" | wc -c; }
css=$(mktemp)
trap 'rm -f "$css"' EXIT
# The stylesheet Trunk inlined into index.html (counted inside index.html, shown for itself).
awk '/<style/{on=1} on{print} /<\/style>/{on=0}' dist/index.html > "$css"
printf '%-44s %10s %10s\n' file raw gzip
total_raw=0
total_gz=0
for f in dist/index.html "$js" "$wasm" "$fw"; do
  raw=$(wc -c < "$f")
  g=$(gz "$f")
  if [ "$f" = "$fw" ]; then
    # The start page loads no framework; 开始评分 fetches the chosen one.
    printf '%-44s %10d %10d\n' "first visit (page, JS, WASM)" "$total_raw" "$total_gz"
  fi
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + g))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$g"
  if [ "$f" = dist/index.html ]; then
    printf '%-44s %10d %10d\n' "  of which inlined CSS (<style>)" "$(wc -c < "$css")" "$(gz "$css")"
  fi
done
printf '%-44s %10d %10d\n' "total with the framework" "$total_raw" "$total_gz"
printf 'budget: %d bytes gzipped (200 KB); used %d.%d%%; %s\n' "$BUDGET" \
  $((total_gz * 100 / BUDGET)) $((total_gz * 1000 / BUDGET % 10)) \
  "$([ "$total_gz" -le "$BUDGET" ] && echo "within budget, $((BUDGET - total_gz)) bytes to spare" || echo "OVER budget by $((total_gz - BUDGET)) bytes")"
if [ -f dist/editor.html ]; then
  # The secretary's build: the same app with the criteria editor and the rating rounds compiled
  # in (sealing, opening, scanning), loaded only on their pages.
  ejs=dist/$(grep -o 'cxzy-web-[0-9a-f]*\.js' dist/editor.html | head -1)
  ewasm=dist/$(grep -o 'cxzy-web-[0-9a-f]*_bg\.wasm' dist/editor.html | head -1)
  printf '%-44s %10d %10d\n' "secretary's build (editor.html, JS, WASM)" \
    $(( $(wc -c < dist/editor.html) + $(wc -c < "$ejs") + $(wc -c < "$ewasm") )) \
    $(( $(gz dist/editor.html) + $(gz "$ejs") + $(gz "$ewasm") ))
  # The collector's QR decoder, fetched only where the browser has no BarcodeDetector.
  [ -f dist/jsqr-1.4.0.js ] && printf '%-44s %10d %10d\n' "  + jsqr-1.4.0.js (collector, on demand)" \
    "$(wc -c < dist/jsqr-1.4.0.js)" "$(gz dist/jsqr-1.4.0.js)"
fi

# ------------------------------------------------------------------ (b) Lighthouse
section "(b) Lighthouse 12, mobile (default emulation and throttling), start page"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Served as deployed: compressed, cache headers, the strict CSP (scripts/serve-static.mjs --csp).
node scripts/serve-static.mjs dist "$port" --csp >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$css"' EXIT
for _ in $(seq 50); do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done
url="http://127.0.0.1:$port/"
report="$ARTIFACTS/lighthouse.json"
if lighthouse "$url" --only-categories=performance,accessibility,best-practices \
  --output=json --output-path="$report" --quiet \
  --chrome-flags="--headless=new --no-sandbox --lang=zh-CN"; then
  node - "$report" <<'EOF'
const report = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
console.log(`lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor}, ${report.finalDisplayedUrl}`);
for (const id of ['performance', 'accessibility', 'best-practices']) {
  const c = report.categories[id];
  console.log(`${c.title.padEnd(16)} ${Math.round(c.score * 100)}`);
}
const m = (id) => report.audits[id]?.displayValue ?? '—';
console.log(`  FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
for (const id of ['accessibility', 'best-practices', 'performance']) {
  const c = report.categories[id];
  if (c.score === 1) continue;
  const failing = c.auditRefs
    .map((r) => report.audits[r.id])
    .filter((a) => a && a.score !== null && a.score < 1 && !['notApplicable', 'informative', 'manual'].includes(a.scoreDisplayMode));
  console.log(`failing ${id} audits: ${failing.length ? '' : '(none with a score)'}`);
  for (const a of failing) console.log(`  ${a.id} (score ${a.score})${a.displayValue ? ` — ${a.displayValue}` : ''}: ${a.title}`);
}
EOF
  echo "report: $report"
else
  echo "lighthouse failed (see above)"
fi
kill "$server" 2>/dev/null || true

# ------------------------------------------------------------------ (c) rescoring
section "(c) rescoring time (cargo test -p cxzy-web --target wasm32-unknown-unknown --test rescoring)"
log=$(mktemp)
if cargo test -p cxzy-web --target wasm32-unknown-unknown --test rescoring -- --nocapture >"$log" 2>&1; then
  grep -E 'ms per change|^rescoring' "$log" || { echo "(the test passed but printed no figure)"; tail -5 "$log"; }
  echo "(measured in the test's debug build of the app's code, in headless Chromium)"
else
  echo "the rescoring test did not run or failed (web/tests/rescoring.rs):"
  tail -15 "$log"
fi
rm -f "$log"
