#!/usr/bin/env bash
# Every test of tracemark, as CI runs it. Installs what it needs first (scripts/setup.sh).
#
#   bash scripts/test.sh
#
# TRACEMARK_CONFORMANCE points at the public conformance data (default: ../shared/conformance
# beside the checkout). Set but missing is an error; the tests that use it say so.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

bash scripts/setup.sh
TOOLS="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}"
export PATH="$TOOLS/bin:$PATH"
export TRACEMARK_CONFORMANCE="${TRACEMARK_CONFORMANCE:-$(cd "$ROOT/.." && pwd)/shared/conformance}"
[ -d "$TRACEMARK_CONFORMANCE" ] || { echo "TRACEMARK_CONFORMANCE=$TRACEMARK_CONFORMANCE does not exist" >&2; exit 1; }

# Each step prints the minutes:seconds since the start, so a CI log shows where time goes.
started=$SECONDS
step() { printf '\n== test [%d:%02d]: %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"; }

step "format"
cargo fmt --all --check

step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "unit, integration, property, conformance and doc tests"
cargo test --workspace

step "spec vectors: regenerate and compare (no drift)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cargo run --quiet -p tracemark --example vectors -- "$scratch"
diff -r "$scratch" spec/vectors || { echo "spec/vectors drifted from the generator: regenerate and review" >&2; exit 1; }
echo "vectors: no drift"

step "Python package: wheel installed from dist/ into a fresh venv, pytest (vectors, bit flips, API), stubtest"
bash scripts/test-python.sh

step "npm package: built, packed, installed; vectors, bit flips and errors in Node and headless Chromium"
bash scripts/test-wasm.sh

step "core tests on wasm32-unknown-unknown (Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p tracemark --target wasm32-unknown-unknown --release --no-default-features

step "fuzz smoke: every target for ${FUZZ_SECONDS:=10} s, two at a time (long campaigns: see README)"
(
  # The EPCIS targets start from the conformance documents as well as their own corpus.
  epcis_seeds=""
  if [ -n "${TRACEMARK_CONFORMANCE:-}" ]; then
    epcis_seeds="$(realpath "$TRACEMARK_CONFORMANCE")/epcis/Capture/Documents"
  fi
  cd fuzz
  cargo +nightly fuzz build -O
  logs="$(mktemp -d)"
  fuzz_one() {
    local target="$1" seeds=()
    if [ -n "$epcis_seeds" ] && { [ "$target" = epcis_import ] || [ "$target" = event_hash ]; }; then
      mkdir -p "corpus/$target"
      seeds=("corpus/$target" "$epcis_seeds")
    elif [ -n "$epcis_seeds" ] && [ "$target" = epcis_query ]; then
      mkdir -p "corpus/$target"
      seeds=("corpus/$target" "$epcis_seeds/../../Query/Queries")
    fi
    cargo +nightly fuzz run -O "$target" "${seeds[@]}" -- -max_total_time="$FUZZ_SECONDS" >"$logs/$target" 2>&1 || true
  }
  # libFuzzer runs one process per target: two at a time keep both cores busy.
  targets=$(cargo +nightly fuzz list)
  for target in $targets; do
    fuzz_one "$target" &
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
  done
  wait
  crashed=0
  for target in $targets; do
    echo "-- $target"
    grep -E '^Done|SUMMARY|panicked' "$logs/$target" || true
    if [ -n "$(ls "artifacts/$target" 2>/dev/null)" ]; then
      echo "fuzz target $target crashed: inputs in fuzz/artifacts/$target (commit them to fuzz/crashers/$target)" >&2
      crashed=1
    fi
  done
  rm -rf "$logs"
  [ "$crashed" = 0 ]
)

step "benchmark smoke: verification vs raw Ed25519, store ingest vs plain insert, GS1 parsing vs biip, event hash vs the reference, trace vs DuckDB and a textbook BFS (ratios printed)"
cargo bench --quiet -p tracemark --bench verify -- --quick
cargo bench --quiet -p tracemark --features sqlite --bench ingest -- --quick
bash scripts/bench-against.sh gs1 --quick          # GS1 parsing against biip (PyPI)
bash scripts/bench-against.sh event_hash --quick   # event hash against the reference (PyPI)
bash scripts/bench-against.sh trace --quick        # trace engine against DuckDB (PyPI), textbook BFS, bandwidth

step "main job: the demo"
cargo run --quiet --release -p tracemark-cli -- demo
