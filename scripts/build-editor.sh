#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): builds the app once more with the secretary's tools —
# the criteria editor and the rating rounds (cargo feature `rounds`, which takes `editor`) — as
# editor.html, beside the first load's index.html in the same output.
# The first load stays without the editor's code; a secretary who opens the criteria pages is sent
# to editor.html (web/src/editor/mod.rs). Both builds read the same storage.
#
# The shell is index.html itself (its rust link given the feature; the frameworks, icons and
# manifest are already copied by the first build), so the two pages cannot drift apart.
set -euo pipefail
# The nested build runs this hook too: it does nothing there.
[ -n "${CXZY_EDITOR_BUILD:-}" ] && exit 0
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
shell=target/editor-shell
mkdir -p "$shell"
sed -e 's|href="web/Cargo.toml" data-bin="cxzy-web"|href="../../web/Cargo.toml" data-bin="cxzy-web" data-cargo-features="rounds"|' \
    -e '/rel="copy-dir"/d' -e '/rel="copy-file"/d' \
    -e 's|<link data-trunk rel="inline" href="web/style.css" />|<link data-trunk rel="inline" href="../../web/style.css" /><link data-trunk rel="inline" href="../../web/editor.css" />|' \
    index.html > "$shell/editor.html"
grep -q 'data-cargo-features="rounds"' "$shell/editor.html" && grep -q 'web/editor.css' "$shell/editor.html" \
  || { echo "build-editor.sh: index.html's rust or style link changed; update this script" >&2; exit 1; }
out="$shell/dist"
rm -rf "$out"
profile=()
[ "${TRUNK_PROFILE:-release}" = release ] && profile=(--release)
CXZY_EDITOR_BUILD=1 trunk build "${profile[@]}" --quiet --dist "$out" "$shell/editor.html"
# Trunk writes the page as index.html: it becomes editor.html, with its own hashed script and
# module (their names differ from the first load's: the content does).
staging="${TRUNK_STAGING_DIR:-dist}"
cp "$out"/index.html "$staging"/editor.html
cp "$out"/*.js "$out"/*.wasm "$staging"/
if [ -d "$out/snippets" ]; then cp -r "$out/snippets" "$staging"/; fi
# The collector's QR decoder where the browser has no BarcodeDetector (web/src/rounds/scan.rs
# loads it on that screen only): the npm package's file, its version in the name.
jsqr=node_modules/jsqr/dist/jsQR.js
[ -f "$jsqr" ] || { echo "build-editor.sh: $jsqr is missing: run scripts/setup.sh (npm ci)" >&2; exit 1; }
cp "$jsqr" "$staging"/jsqr-1.4.0.js
# Its licence (Apache-2.0) travels with it.
cp node_modules/jsqr/LICENSE "$staging"/jsqr-1.4.0.LICENSE.txt
# The workshop's demo case (web/rounds/workshop.rs fetches it when a trainer or participant
# opens a workshop page): fictional people, plain JSON.
mkdir -p "$staging"/demo
cp web/demo/member.json web/demo/branch.json "$staging"/demo/
# Last, once every file is in place: the service worker, with this build's list of files and
# its version (a debug build's removes itself: the dev server is never served from a cache).
node scripts/build-sw.mjs "$staging" "$([ "${TRUNK_PROFILE:-release}" = release ] && echo release || echo debug)"
