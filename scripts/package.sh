#!/usr/bin/env bash
# Builds the npm package of the JS API (crate cxzy-wasm) into target/npm/cxzy/, ready for
# `npm publish` (never run here): the browser build (wasm-bindgen --target web), the Node build
# (ES module, instantiated at import), the TypeScript declarations (the documents' generated from
# cxzy-core's model by `cxzy schema --typescript`), a JSON Schema per document, the built-in
# frameworks as JSON with their catalogue, and the package README. Prints the module's size. Needs what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

out=target/npm/cxzy
wasm=target/wasm32-unknown-unknown/wasm-release/cxzy_wasm.wasm

log() { printf '[package] %s\n' "$*" >&2; }

# wasm-opt -Oz in place (binaryen from node_modules; Debian's is too old for current rustc output).
optimise() {
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$1" -o "$1"
}

log "cargo build -p cxzy-wasm (wasm32, profile wasm-release)"
cargo build --quiet -p cxzy-wasm --target wasm32-unknown-unknown --profile wasm-release

rm -rf "$out"
mkdir -p "$out"

# A module (the scorer, or the rounds') for browsers and for Node, optimised, with its entry
# points: the generated functions plus CxzyError, the class every function throws (a wasm-bindgen
# snippet, which wasm-bindgen does not re-export itself). The browser's default export fetches
# the .wasm; Node's module is instantiated at import, and its init() exists so that code shared
# with the browser build may await it.
module() {
  local dir=$1 name=$2
  wasm-bindgen --target web --out-name "$name" --out-dir "$dir/web" "$wasm"
  wasm-bindgen --target experimental-nodejs-module --out-name "$name" --out-dir "$dir/node" "$wasm"
  rm -f "$dir/node/package.json" # {"type": "module"}, which the package's own package.json says
  optimise "$dir/web/${name}_bg.wasm"
  optimise "$dir/node/${name}_bg.wasm"
  local snippet
  snippet=$(cd "$dir/web" && ls snippets/*/js/cxzy-error.js)
  printf '// %s for browsers: call the default export once, then any function.\nexport * from "./%s.js";\nexport { default } from "./%s.js";\nexport { CxzyError } from "./%s";\n' \
    "$name" "$name" "$name" "$snippet" > "$dir/web/index.js"
  printf '// %s for Node: instantiated at import.\nexport * from "./%s.js";\nexport { CxzyError } from "./%s";\nexport default async function init() {}\n' \
    "$name" "$name" "$snippet" > "$dir/node/index.js"
}

# Browsers: an ES module whose default export fetches and instantiates cxzy_bg.wasm.
# Node: wasm-bindgen's ES-module output for Node, which instantiates synchronously at import.
# (Its CommonJS output would require() the CxzyError snippet, an ES module shared with the
# browser build: only Node >= 20.19 can do that.)
log "wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2): web and node"
module "$out" cxzy

# The scorer with Chinese messages only (`cxzy/zh`): the same functions and results, its
# messages in Chinese whatever `lang` asks; ~4 KB smaller gzipped (docs/performance.md).
log "the Chinese-only scorer: cxzy-wasm --no-default-features --features zh (wasm32, profile wasm-release)"
cargo build --quiet -p cxzy-wasm --no-default-features --features zh --target wasm32-unknown-unknown --profile wasm-release
module "$out/zh" cxzy
cat > "$out/zh/index.d.ts" <<'EOF'
// The types of cxzy/zh: those of cxzy (its messages are Chinese whatever `lang` asks).
export * from "../index.js";
export { default } from "../index.js";
EOF

# The rating rounds' module (`cxzy/rounds`): the same functions and createRound, invitations,
# sealBallot, compactBallot, openBallots — the cryptography only for those who import it
# (randomness: crypto.getRandomValues, Node's globalThis.crypto).
log "the rounds module: cxzy-wasm --features rounds (wasm32, profile wasm-release)"
cargo build --quiet -p cxzy-wasm --features rounds --target wasm32-unknown-unknown --profile wasm-release
module "$out/rounds" cxzy-rounds
cat > "$out/rounds/index.d.ts" <<'EOF'
// The types of cxzy/rounds: its functions (wasm-bindgen) and the documents (cxzy schema).
export * from "./web/cxzy-rounds.js";
export { default } from "./web/cxzy-rounds.js";
export * from "../documents.js";
EOF
# The functions' declarations import "../documents.js" from rounds/web/.
echo 'export * from "../documents.js";' > "$out/rounds/documents.d.ts"

# The documents' types and JSON Schemas, from the model's one description (the command line
# prints them; docs/schema/ holds the same schemas, kept current by a test).
log "documents.d.ts and schema/ (cxzy schema)"
cargo build --quiet -p cxzy-cli
cli=target/debug/cxzy
"$cli" schema --typescript > "$out/documents.d.ts"
mkdir -p "$out/schema"
for doc in framework assessment result summary trend branch catalogue framework@2 assessment@2 result@2 \
  round round-key round-setup round-archive invitation ballot sealed-ballot; do
  "$cli" schema "$doc" > "$out/schema/$doc.json"
done
cat > "$out/index.d.ts" <<'EOF'
// The types of both builds: the functions (wasm-bindgen) and the documents (cxzy schema).
export * from "./web/cxzy.js";
export { default } from "./web/cxzy.js";
export * from "./documents.js";
EOF

mkdir -p "$out/frameworks"
cp core/frameworks/json/*.json "$out/frameworks/"
cp core/frameworks/catalogue.json "$out/frameworks/catalogue.json"
cp core/wasm/npm/README.md "$out/README.md"

# The custom element <cxzy-assessment>: the app (cxzy-web, feature "element") as a library
# with its own WASM, element.js (the element class), and the app's stylesheet for its shadow root.
log "the custom element: cxzy-web --features element (wasm32, profile wasm-release)"
cargo rustc --quiet -p cxzy-web --lib --crate-type cdylib --features element \
  --target wasm32-unknown-unknown --profile wasm-release
wasm-bindgen --target web --out-name cxzy-element --out-dir "$out/element" \
  target/wasm32-unknown-unknown/wasm-release/cxzy_web.wasm
optimise "$out/element/cxzy-element_bg.wasm"
cp web/element/element.js web/element/element.d.ts "$out/"
cp web/style.css "$out/cxzy.css"

# package.json from its template, with the workspace's version.
version=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version/ { print $2; exit }' Cargo.toml)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("core/wasm/npm/package.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync(process.argv[2], JSON.stringify(pkg, null, 2) + "\n");
' "$version" "$out/package.json"

log "built $out ($(cd "$out" && find . -type f | wc -l) files, version $version)"
