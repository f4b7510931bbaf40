#!/usr/bin/env bash
# Installs everything tracemark's build and tests need, on a fresh machine or an old one.
# Idempotent: each step checks first and does nothing when its tool is already there.
# Tools that take minutes to build go to $TRACEMARK_TOOLS (default ~/.cache/tracemark/tools),
# outside the checkout, so a fresh clone on the same machine reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}"
# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate (Cargo.toml pins it).
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)"

step() { printf '\n== setup: %s\n' "$*"; }

step "Rust components and the wasm32 target"
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "wasm-bindgen CLI $WASM_BINDGEN_VERSION in $TOOLS"
if [ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Without --locked: the registry mirror lacks one pinned dependency version of the CLI.
  cargo install --quiet --root "$TOOLS" wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
"$TOOLS/bin/wasm-bindgen" --version

step "cargo-fuzz 0.13.2 in $TOOLS, and the nightly toolchain it builds with"
if [ "$("$TOOLS/bin/cargo-fuzz" --version 2>/dev/null)" != "cargo-fuzz 0.13.2" ]; then
  cargo install --quiet --root "$TOOLS" cargo-fuzz --version 0.13.2 --locked --force
fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
"$TOOLS/bin/cargo-fuzz" --version

step "Node.js and npm (run the wasm tests)"
command -v npm >/dev/null || { apt-get update && apt-get install -y --no-install-recommends nodejs npm; }
node --version

step "Chromium (Debian's; browser tests drive it with playwright-core)"
command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
chromium --version

step "OpenSSL (SRI hashes of the npm package)"
command -v openssl >/dev/null || { apt-get update && apt-get install -y --no-install-recommends openssl; }
