#!/usr/bin/env bash
# The main job, end to end: an authority certifies a dairy and a shop, they sign a supply
# chain, it is verified, and a tampered record, a fork and an impostor are caught.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p tracemark-cli -- demo "$@"
