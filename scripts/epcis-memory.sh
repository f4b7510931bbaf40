#!/usr/bin/env bash
# EPCIS import in bounded memory: imports synthetic documents of 10 MB, 100 MB and 1 GB event
# by event (tracemark::epcis::import_reader: every schema rule checked, normal form, event hash)
# and prints each one's peak resident memory. The figure must not grow with the document.
#   bash scripts/epcis-memory.sh [MEGABYTES...]     (default: 10 100 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1024)
cargo build --quiet --release -p tracemark --example epcis_memory
bin=target/release/examples/epcis_memory
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '%10s %10s %10s %12s %14s\n' "document" "events" "seconds" "events/s" "peak memory"
for mb in "${sizes[@]}"; do
  "$bin" write "$dir/doc.jsonld" "$mb" >/dev/null
  out=$("$bin" import "$dir/doc.jsonld")
  python3 - "$mb" "$out" <<'PY'
import json, sys
mb, r = sys.argv[1], json.loads(sys.argv[2])
print(f"{mb + ' MB':>10} {r['events']:>10} {r['seconds']:>10.1f} {r['events'] / r['seconds']:>12.0f} {r['peak_rss_kib'] / 1024:>11.1f} MB")
PY
  rm -f "$dir/doc.jsonld"
done
