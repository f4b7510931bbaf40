#!/usr/bin/env bash
# The Python package tested as a user gets it: build the abi3 wheel, install it from dist/ with
# --no-index into a fresh virtual environment, run pytest and mypy's stubtest against it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILD_VENV="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}/build-venv"

[ -x "$BUILD_VENV/bin/maturin" ] || { python3 -m venv "$BUILD_VENV" && "$BUILD_VENV/bin/pip" install --quiet "maturin>=1.9,<2"; }
rm -rf dist
"$BUILD_VENV/bin/maturin" build --quiet --release --manifest-path bindings-python/Cargo.toml --out dist
ls -l dist/*.whl

venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --no-index --find-links dist tracemark
# biip: an independent GS1 parser from PyPI, for the differential tests of tests/test_gs1_differential.py;
# pyarrow and pandas: the tables of tests/test_trace.py as users take them.
"$venv/bin/pip" install --quiet pytest mypy biip==5.2.0 pyarrow pandas
cd "$ROOT/bindings-python/tests"   # not the source tree: import the installed package
"$venv/bin/python" -c "import tracemark, sys; print('testing', tracemark.__file__)"
"$venv/bin/python" -m pytest -q -p no:cacheprovider .
"$venv/bin/python" -m mypy.stubtest tracemark._core
"$venv/bin/python" -m doctest -v "$("$venv/bin/python" -c 'import tracemark; print(tracemark.__file__)')" | tail -1
