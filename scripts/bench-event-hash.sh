#!/usr/bin/env bash
# EPCIS event hashing against the reference Python implementation (epcis-event-hash-generator
# from PyPI) on the same document in the same run: installs it in a cached virtual environment,
# then runs `cargo bench --bench event_hash` with it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}/ehg-venv"
[ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import epcis_event_hash_generator" 2>/dev/null || {
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet "epcis-event-hash-generator==1.9.3"
}
TRACEMARK_EHG_PYTHON="$VENV/bin/python" cargo bench --quiet -p tracemark --bench event_hash -- "$@"
