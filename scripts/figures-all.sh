#!/usr/bin/env bash
# Prints every figure of issue 14's table in one run, each beside its target:
#   in-process scoring, the command line's rate per line, the bytes written per assessment, the
#   branch view of 10,000 results (cargo bench -p cxzy-core and the release `cxzy`);
#   the scorer module's size (target/npm/cxzy, scripts/package.sh), the app's first load (dist/,
#   trunk build --release), and the module beside SurveyJS in Node (scripts/bench-surveyjs.sh).
# Builds what is missing; `--build` rebuilds the package and the app first. Targets are checked
# here, not by tests: a missed one prints "NOT met". LINES=N sets the command line's input
# (default 20,000 lines; the issue's 100,000 takes 5× as long).
#
#   bash scripts/figures-all.sh [--build]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
LINES="${LINES:-20000}"
PACKAGE="${PACKAGE:-target/npm/cxzy}"   # the npm package to measure (scripts/package.sh)
DIST="${DIST:-dist}"                    # the app's release build to measure
BUILD=0
[ "${1:-}" = "--build" ] && BUILD=1
work=target/figures
mkdir -p "$work"

row() { # row FIGURE VALUE TARGET MET
  printf '%-64s %-30s %-18s %s\n' "$1" "$2" "$3" "$4"
}
met() { [ "$1" = 1 ] && echo met || echo "NOT met"; }
log() { printf '[figures] %s\n' "$*" >&2; }

# ------------------------------------------------------------------ engine, in process
log "cargo bench -p cxzy-core (release; ~2 min)"
bench=$(cargo bench --quiet -p cxzy-core --bench score -- --warm-up-time 1 --measurement-time 4 \
  --output-format bencher 2>/dev/null | grep '^test ')
ns() { # ns NAME-PREFIX → nanoseconds per iteration
  awk -v n="$1" 'index($0, "test " n) == 1 { for (i = 1; i <= NF; i++) if ($i == "bench:") { gsub(",", "", $(i+1)); print $(i+1); exit } }' <<<"$bench"
}
per_s() { awk -v ns="$1" 'BEGIN { printf "%d", 1e9 / ns }'; }
us() { awk -v ns="$1" 'BEGIN { printf "%.1f µs", ns / 1000 }'; }

score_ns=$(ns "assessments/score (validated")
brief_ns=$(ns "assessments/summarize")
read_ns=$(ns "assessments/read: JSON text → assessment")
value_ns=$(ns "assessments/read: JSON text → serde_json::Value")
branch_ns=$(ns "branch/branch view")
again_ns=$(ns "assessments/prepared assessment: score again")
again_brief_ns=$(ns "assessments/prepared assessment: summarize again")

# ------------------------------------------------------------------ the command line
log "the release cxzy and $LINES lines of the benchmark's assessments"
cargo build --quiet --release -p cxzy-cli
cargo run --quiet --release -p cxzy-core --example bench_docs -- 64 > "$work/docs.json"
node -e '
const fs = require("fs");
const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
fs.writeFileSync(process.argv[2], JSON.stringify(d.framework));
const lines = [];
for (let i = 0; i < Number(process.argv[4]); i++) lines.push(JSON.stringify(d.assessments[i % d.assessments.length]));
fs.writeFileSync(process.argv[3], lines.join("\n") + "\n");' \
  "$work/docs.json" "$work/framework.json" "$work/lines.jsonl" "$LINES"
cli() { # cli [FLAG] → "seconds bytes"
  local start end bytes
  start=$(date +%s.%N)
  bytes=$(target/release/cxzy score --framework "$work/framework.json" "$@" - < "$work/lines.jsonl" | wc -c)
  end=$(date +%s.%N)
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') $bytes"
}
read -r full_s full_b <<<"$(cli)"
read -r sum_s sum_b <<<"$(cli --summary)"
read -r csv_s csv_b <<<"$(cli --csv)"
rate() { awk -v n="$LINES" -v s="$1" 'BEGIN { printf "%d", n / s }'; }

# ------------------------------------------------------------------ sizes
if [ "$BUILD" = 1 ] || [ ! -f "$PACKAGE/package.json" ]; then
  log "scripts/package.sh (the npm package)"
  bash scripts/package.sh >&2
fi
if [ "$BUILD" = 1 ] || [ ! -f "$DIST/index.html" ]; then
  log "trunk build --release (the app)"
  trunk build --release --quiet >&2
fi
gz() { gzip -9 -c "$1" | wc -c; }
module_gz=$(( $(gz "$PACKAGE/web/cxzy_bg.wasm") + $(gz "$PACKAGE/web/cxzy.js") ))
zh_gz=$(( $(gz "$PACKAGE/zh/web/cxzy_bg.wasm") + $(gz "$PACKAGE/zh/web/cxzy.js") ))
page_js=$DIST/$(grep -o 'cxzy-web-[0-9a-f]*\.js' "$DIST/index.html" | head -1)
page_wasm=$DIST/$(grep -o 'cxzy-web-[0-9a-f]*_bg\.wasm' "$DIST/index.html" | head -1)
first_gz=$(( $(gz "$DIST/index.html") + $(gz "$page_js") + $(gz "$page_wasm") + $(gz "$DIST/frameworks/member-five-leads.json") ))
first_br=""
if command -v brotli >/dev/null 2>&1; then
  br() { brotli -c -q 11 "$1" | wc -c; }
  first_br=" (Brotli $(( $(br "$DIST/index.html") + $(br "$page_js") + $(br "$page_wasm") + $(br "$DIST/frameworks/member-five-leads.json") )))"
fi

# ------------------------------------------------------------------ beside SurveyJS
log "scripts/bench-surveyjs.sh (Node, survey-core in a scratch folder)"
peer=$(bash scripts/bench-surveyjs.sh)
ratio_full=$(sed -n 's/^cxzy: .* ratio \([0-9.]*\)×$/\1/p' <<<"$peer")
ratio_brief=$(sed -n 's/^cxzy in brief .* ratio \([0-9.]*\)×$/\1/p' <<<"$peer")
peer_rate=$(sed -n 's/^cxzy: .*SurveyJS [0-9.]*: \([0-9,]*\) sheets.*$/\1/p' <<<"$peer")
ours_rate=$(sed -n 's/^cxzy: \([0-9,]*\) sheets.*$/\1/p' <<<"$peer")
brief_rate=$(sed -n 's/^cxzy in brief (summarize, JSON text in): \([0-9,]*\) sheets.*$/\1/p' <<<"$peer")

# ------------------------------------------------------------------ the table
echo
echo "Issue 14's figures — $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core web || echo +dirty), $(nproc) cores"
row "figure" "now" "target" ""
row "in-process scoring, validated, exact, explained (score)" "$(us "$score_ns") = $(per_s "$score_ns")/s" "≥ 200,000/s" "$(met $(( $(per_s "$score_ns") >= 200000 )))"
row "  the same in brief (summarize: total, grade, parts)" "$(us "$brief_ns") = $(per_s "$brief_ns")/s" "≥ 200,000/s" "$(met $(( $(per_s "$brief_ns") >= 200000 )))"
row "  a prepared assessment scored again (Assessed::score)" "$(us "$again_ns") = $(per_s "$again_ns")/s" "" ""
row "  a prepared assessment in brief again (Assessed::summarize)" "$(us "$again_brief_ns") = $(per_s "$again_brief_ns")/s" "≥ 200,000/s" "$(met $(( $(per_s "$again_brief_ns") >= 200000 )))"
row "  reading the assessment (tape), vs serde_json::Value" "$(us "$read_ns") vs $(us "$value_ns")" "" ""
row "CLI per line, full result (cxzy score -, $LINES lines)" "$full_s s = $(rate "$full_s")/s" "≥ 20,000/s" "$(met $(( $(rate "$full_s") >= 20000 )))"
row "CLI per line, --summary" "$sum_s s = $(rate "$sum_s")/s" "≥ 20,000/s" "$(met $(( $(rate "$sum_s") >= 20000 )))"
row "CLI per line, --csv" "$csv_s s = $(rate "$csv_s")/s" "≥ 20,000/s" "$(met $(( $(rate "$csv_s") >= 20000 )))"
row "written per assessment: full / --summary / --csv" "$(( full_b / LINES )) / $(( sum_b / LINES )) / $(( csv_b / LINES )) B" "≤ 2 KB (compact)" "$(met $(( sum_b / LINES <= 2048 )))"
row "branch view of 10,000 results" "$(awk -v ns="$branch_ns" 'BEGIN { printf "%.1f ms", ns / 1e6 }')" "≤ 20 ms" "$(met $(( branch_ns <= 20000000 )))"
row "scorer module (WASM + glue, gzip -9)" "$module_gz B" "≤ 61,440 B" "$(met $(( module_gz <= 61440 )))"
row "  cxzy/zh: the same, Chinese messages only" "$zh_gz B" "≤ 61,440 B" "$(met $(( zh_gz <= 61440 )))"
row "app's first load (page+CSS, JS, WASM, one framework, gzip -9)" "$first_gz B$first_br" "≤ 204,800 B" "$(met $(( first_gz <= 204800 )))"
row "Node, cxzy score vs SurveyJS (same sheet, same process)" "$ours_rate vs $peer_rate/s = ${ratio_full}×" "≥ 100×" "$(met $(awk -v r="$ratio_full" 'BEGIN { print (r >= 100) }'))"
row "  cxzy summarize vs SurveyJS" "$brief_rate vs $peer_rate/s = ${ratio_brief}×" "≥ 100×" "$(met $(awk -v r="$ratio_brief" 'BEGIN { print (r >= 100) }'))"
