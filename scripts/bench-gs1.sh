#!/usr/bin/env bash
# GS1 parsing throughput against biip (PyPI) on the same inputs in the same run: installs biip
# in a cached virtual environment, then runs `cargo bench --bench gs1` with it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}/biip-venv"
[ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import biip" 2>/dev/null || {
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet "biip==5.2.0"
}
TRACEMARK_BIIP_PYTHON="$VENV/bin/python" cargo bench --quiet -p tracemark --bench gs1 -- "$@"
