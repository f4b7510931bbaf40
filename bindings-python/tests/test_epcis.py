"""The EPCIS event hash from Python: every conformance vector, both profiles, and bad input."""

import os
from pathlib import Path

import pytest

import tracemark

ROOT = Path(__file__).resolve().parents[2]


def vectors_dir() -> Path:
    root = os.environ.get("TRACEMARK_CONFORMANCE")
    if root is None:
        pytest.skip("TRACEMARK_CONFORMANCE not set")
    path = Path(root)
    return (path if path.is_absolute() else ROOT / path) / "event-hash"


def test_every_conformance_vector_matches():
    base = vectors_dir()
    files = lines = 0
    for document in sorted((base / "documents").glob("*.jsonld")):
        text = document.read_text()
        for folder in ("CBV2.0", "CBV2.1"):
            got = tracemark.event_hashes(text, folder[3:])
            for ext, pick in (("prehashes", lambda h: h.prehash), ("hashes", lambda h: h.hash)):
                expected = base / "expected" / folder / f"{document.stem}.{ext}"
                if not expected.exists():
                    continue
                assert [pick(h) for h in got] == expected.read_text().splitlines(), expected.name
                files += 1
                lines += len(got)
    assert (files, lines) == (20, 32)


def test_profiles_and_errors():
    doc = (ROOT / "core/tests/data/event_hash/readme-example-3.jsonld").read_text()
    (h20,) = tracemark.event_hashes(doc)
    (h21,) = tracemark.event_hashes(doc, "2.1")
    assert h20.hash.endswith("?ver=CBV2.0") and h21.hash.endswith("?ver=CBV2.1")
    assert "readPoint{https://ns.example.com/epcis/}myField1=AB-12" in h20.prehash
    assert "readPointid=https://id.gs1.org/414/4012345000115{https://ns.example.com/epcis/}myField1" in h21.prehash
    assert repr(h20).startswith("EventHash('ni:///sha-256;")
    for bad, code in (("{", "invalid_json"), ("{}", "invalid_json")):
        with pytest.raises(tracemark.InvalidInputError) as err:
            tracemark.event_hashes(bad)
        assert err.value.code == code
    with pytest.raises(tracemark.TracemarkError) as err:
        tracemark.event_hashes(doc, "3.0")
    assert err.value.code == "invalid_term"
