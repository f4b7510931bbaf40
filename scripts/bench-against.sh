#!/usr/bin/env bash
# A tracemark bench against a peer implementation from PyPI, on the same inputs in the same
# run: installs the peer in its own cached virtual environment, then runs the bench with it.
#   bash scripts/bench-against.sh gs1          [--quick]   # GS1 parsing against biip
#   bash scripts/bench-against.sh event_hash   [--quick]   # event hash against the reference
#   bash scripts/bench-against.sh trace        [--quick]   # trace engine against DuckDB (+ textbook, bandwidth)
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:?which bench: gs1, event_hash or trace}"
shift
case "$bench" in
  gs1)        package="biip==5.2.0"; module=biip; var=TRACEMARK_BIIP_PYTHON ;;
  event_hash) package="epcis-event-hash-generator==1.9.3"; module=epcis_event_hash_generator; var=TRACEMARK_EHG_PYTHON ;;
  trace)      package="duckdb==2.0.1 numpy==2.4.6"; module=duckdb; var=TRACEMARK_DUCKDB_PYTHON ;;
  *) echo "unknown bench $bench (gs1, event_hash or trace)" >&2; exit 2 ;;
esac
VENV="${TRACEMARK_TOOLS:-$HOME/.cache/tracemark/tools}/$module-venv"
[ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import $module" 2>/dev/null || {
  python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet $package
}
env "$var=$VENV/bin/python" cargo bench --quiet -p tracemark --bench "$bench" -- "$@"
