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

log "cargo build -p cxzy-wasm (wasm32, profile wasm-release)"
cargo build --quiet -p cxzy-wasm --target wasm32-unknown-unknown --profile wasm-release

rm -rf "$out"
mkdir -p "$out"

# Browsers: an ES module whose default export fetches and instantiates cxzy_bg.wasm.
# Node: wasm-bindgen's ES-module output for Node, which instantiates synchronously at import.
# (Its CommonJS output would require() the CxzyError snippet, an ES module shared with the
# browser build: only Node >= 20.19 can do that.)
log "wasm-bindgen $(wasm-bindgen --version | cut -d' ' -f2): web and node"
wasm-bindgen --target web --out-name cxzy --out-dir "$out/web" "$wasm"
wasm-bindgen --target experimental-nodejs-module --out-name cxzy --out-dir "$out/node" "$wasm"
rm -f "$out/node/package.json" # {"type": "module"}, which the package's own package.json says

# wasm-opt -Oz (binaryen from node_modules; Debian's is too old for current rustc output).
for dir in web node; do
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/$dir/cxzy_bg.wasm" -o "$out/$dir/cxzy_bg.wasm"
done

# Entry points: the generated functions plus CxzyError, the class every function throws (a
# wasm-bindgen snippet, which wasm-bindgen does not re-export itself).
snippet=$(cd "$out/web" && ls snippets/*/js/cxzy-error.js)
cat > "$out/web/index.js" <<EOF
// cxzy for browsers: call the default export once (it fetches cxzy_bg.wasm), then any function.
export * from "./cxzy.js";
export { default } from "./cxzy.js";
export { CxzyError } from "./$snippet";
EOF
cat > "$out/node/index.js" <<EOF
// cxzy for Node: the module is instantiated at import; init() exists so that code shared with
// the browser build may await it.
export * from "./cxzy.js";
export { CxzyError } from "./$snippet";
export default async function init() {}
EOF
# The documents' types and JSON Schemas, from the model's one description (the command line
# prints them; docs/schema/ holds the same schemas, kept current by a test).
log "documents.d.ts and schema/ (cxzy schema)"
cargo build --quiet -p cxzy-cli
cli=target/debug/cxzy
"$cli" schema --typescript > "$out/documents.d.ts"
mkdir -p "$out/schema"
for doc in framework assessment result trend branch catalogue framework@2 assessment@2 result@2; do
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
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/element/cxzy-element_bg.wasm" -o "$out/element/cxzy-element_bg.wasm"
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
