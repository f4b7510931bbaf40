#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: cargo (size profile) -> wasm-bindgen (ESM,
# pinned to the crate's version) -> wasm-opt -Oz (binaryen from npm; Debian's breaks
# wasm-bindgen output) -> SRI hashes for pages under a Content Security Policy. Prints the
# gzipped size against the budget (a target tracked in the README, not a build failure).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}"
BUDGET_GZ_BYTES=$((120 * 1024))
PKG=bindings-wasm/pkg

[ -x "$TOOLS/node/node_modules/.bin/wasm-opt" ] || npm install --silent --prefix "$TOOLS/node" binaryen@132 >/dev/null

cargo build --quiet -p tracemark-wasm --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$PKG"
"$TOOLS/bin/wasm-bindgen" --target web --out-dir "$PKG" \
  target/wasm32-unknown-unknown/wasm-release/tracemark_wasm.wasm
raw_before=$(stat -c %s "$PKG/tracemark_wasm_bg.wasm")
"$TOOLS/node/node_modules/.bin/wasm-opt" -Oz "$PKG/tracemark_wasm_bg.wasm" -o "$PKG/tracemark_wasm_bg.wasm"

errors_js=$(cd "$PKG" && ls snippets/*/js/errors.js)
cp bindings-wasm/npm/package.json bindings-wasm/npm/README.md bindings-wasm/npm/index.d.ts "$PKG/"
sed "s|__ERRORS__|./$errors_js|" bindings-wasm/npm/index.js > "$PKG/index.js"
sed "s|__ERRORS__|./$errors_js|" bindings-wasm/npm/errors.d.ts > "$PKG/errors.d.ts"
cp "$PKG/errors.d.ts" "$PKG/$(dirname "$errors_js")/errors.d.ts"

sri() { printf 'sha384-%s' "$(openssl dgst -sha384 -binary "$PKG/$1" | base64 -w0)"; }
{
  echo "// Subresource-integrity hashes of the package's files, for <script integrity> and CSP."
  echo "export const integrity = {"
  for f in index.js tracemark_wasm.js tracemark_wasm_bg.wasm; do
    echo "  \"$f\": \"$(sri "$f")\","
  done
  echo "};"
} > "$PKG/integrity.js"
printf 'export declare const integrity: Record<string, string>;\n' > "$PKG/integrity.d.ts"
rm -f "$PKG/.gitignore"

raw=$(stat -c %s "$PKG/tracemark_wasm_bg.wasm")
gz=$(gzip -9c "$PKG/tracemark_wasm_bg.wasm" | wc -c)
echo "wasm: $raw_before bytes from wasm-bindgen, $raw after wasm-opt -Oz, $gz gzipped (budget $BUDGET_GZ_BYTES)"
if [ "$gz" -le "$BUDGET_GZ_BYTES" ]; then
  echo "wasm size: within budget ($((100 * gz / BUDGET_GZ_BYTES)) % of it)"
else
  echo "wasm size: OVER BUDGET ($((100 * gz / BUDGET_GZ_BYTES)) % of it); see README, Benchmarks"
fi
