#!/usr/bin/env bash
# The npm package tested as a web shop installs it: build it, `npm pack` it, install the tarball
# into a fresh project, run the shared suite with Node's test runner and in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

bash scripts/build-wasm.sh
project="$(mktemp -d)"
(cd bindings-wasm/pkg && npm pack --silent --pack-destination "$project" >/dev/null)
cp bindings-wasm/tests/*.mjs bindings-wasm/tests/browser.html "$project/"
cd "$project"
echo '{ "name": "tracemark-shop-test", "private": true, "type": "module" }' > package.json
# digital-link.js: an independent Digital Link implementation from npm, for the differential test.
npm install --silent --no-audit --no-fund ./tracemark-*.tgz playwright-core@1 digital-link.js@1.4.3
export TRACEMARK_VECTORS="$ROOT/spec/vectors"

echo "-- Node $(node --version)"
node --test node.test.mjs

echo "-- GS1 Digital Link against digital-link.js (differential)"
node --test gs1-differential.test.mjs

echo "-- the README's JavaScript example, as a shop would paste it"
awk '/^```js$/{on=1; next} /^```$/{on=0} on' "$ROOT/README.md" > readme-example.mjs
[ -s readme-example.mjs ] || { echo "no js example in README.md" >&2; exit 1; }
node readme-example.mjs

echo "-- headless Chromium"
node browser.mjs
