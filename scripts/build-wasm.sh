#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg, in two variants of one crate:
#   lite/  decode, verify, sign (prepared records), keys, ids, trust, chains: no JSON views;
#          the budget (120 KB gzipped) applies to it, and the build fails above it
#   full/  everything lite has plus JSON views of records, signing from views, the sample
# Each: cargo (size profile) -> wasm-bindgen (ESM, pinned to the crate's version) ->
# wasm-opt -Oz (binaryen from npm; Debian's breaks wasm-bindgen output). Then SRI hashes of
# every file for pages under a Content Security Policy, and the gzipped sizes.
set -euo pipefail
# A failed build inside $(build ...) must stop the script, not report a 0-byte wasm.
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
TOOLS="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}"
BUDGET_GZ_BYTES=$((120 * 1024))
PKG=bindings-wasm/pkg
NPM=bindings-wasm/npm

[ -x "$TOOLS/node/node_modules/.bin/wasm-opt" ] || npm install --silent --prefix "$TOOLS/node" binaryen@132 >/dev/null

rm -rf "$PKG"
mkdir -p "$PKG"
cp bindings-wasm/js/errors.js "$PKG/errors.js"
cp $NPM/package.json $NPM/README.md $NPM/index.js $NPM/index.d.ts $NPM/errors.d.ts "$PKG/"
# The lite entry is the full one pointed at the lite build.
sed -e 's|^// tracemark for JavaScript, full build:.*|// tracemark for JavaScript, lite build: no JSON views (see README.md).|' \
    -e '/^\/\/ records, building and signing records from views/d' \
    -e '/^\/\/ full entry only: begin/,/^\/\/ full entry only: end/d' \
    -e 's|\./full/|./lite/|g' $NPM/index.js > "$PKG/lite.js"
sed -e '/^\/\/ full entry only: begin/,/^\/\/ full entry only: end/d' \
    -e 's|\./full/|./lite/|g' $NPM/index.d.ts > "$PKG/lite.d.ts"

# build VARIANT CARGO-FEATURE-ARGS...: prints the gzipped size of the variant's wasm.
build() {
  local variant=$1 out="$PKG/$1"
  shift
  cargo build --quiet -p tracemark-wasm --target wasm32-unknown-unknown --profile wasm-release "$@"
  "$TOOLS/bin/wasm-bindgen" --target web --out-dir "$out" \
    target/wasm32-unknown-unknown/wasm-release/tracemark_wasm.wasm
  "$TOOLS/node/node_modules/.bin/wasm-opt" -Oz "$out/tracemark_wasm_bg.wasm" -o "$out/tracemark_wasm_bg.wasm"
  # One set of error classes for both variants: the snippet wasm-bindgen copied re-exports
  # the package's errors.js, so `instanceof TracemarkError` holds whichever entry threw.
  local snippet
  snippet=$(cd "$out" && ls snippets/*/js/errors.js)
  echo 'export * from "../../../../errors.js";' > "$out/$snippet"
  rm -f "$out/.gitignore" "$out/package.json"
  local raw gz
  raw=$(stat -c %s "$out/tracemark_wasm_bg.wasm")
  gz=$(gzip -9c "$out/tracemark_wasm_bg.wasm" | wc -c)
  echo "wasm $variant: $raw bytes after wasm-opt -Oz, $gz gzipped" >&2
  echo "$gz"
}

lite_gz=$(build lite --no-default-features)
full_gz=$(build full)

sri() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$PKG/$1" | base64 -w0)"; }
{
  echo "// Subresource-integrity hashes of the package's files, for <script integrity> and CSP."
  echo "export const integrity = {"
  for f in index.js lite.js errors.js {lite,full}/tracemark_wasm.js {lite,full}/tracemark_wasm_bg.wasm; do
    echo "  \"$f\": \"$(sri "$f")\","
  done
  echo "};"
} > "$PKG/integrity.js"
printf 'export declare const integrity: Record<string, string>;\n' > "$PKG/integrity.d.ts"

echo "wasm size: lite $lite_gz bytes gzipped ($((100 * lite_gz / BUDGET_GZ_BYTES)) % of its $BUDGET_GZ_BYTES budget), full $full_gz"
if [ "$lite_gz" -gt "$BUDGET_GZ_BYTES" ]; then
  echo "wasm size: the lite build is OVER its budget" >&2
  exit 1
fi
