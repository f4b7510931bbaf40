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


DOC = """{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
    {"ex": "https://example.com/epcis/"}],
  "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
  "epcisBody": {"eventList": [
    {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-07-22T06:45:00+02:00",
     "eventTimeZoneOffset": "+02:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
     "bizStep": "cbv:BizStep-shipping", "ex:temperature": 4.0},
    {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-07-22T06:45:00+02:00",
     "eventTimeZoneOffset": "+02:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.2018"],
     "bizStep": "transforming", "temperature": 3}]}}"""


def test_import_keeps_the_valid_events_and_says_why_the_others_were_rejected():
    read = tracemark.import_epcis(DOC, keep_valid=True)
    assert (read.kind, read.total, len(read.events), read.is_complete()) == ("capture", 2, 1, False)
    assert read.namespaces == {"ex": "https://example.com/epcis/"}
    assert read.header["creationDate"] == "2026-07-22T08:00:00Z"
    (event,) = read.events
    assert event.index == 0 and event.event_type == "ObjectEvent"
    assert event.event_hash == tracemark.event_hashes(DOC)[0].hash
    # The normal form: terms as words, extension keys as IRIs, numbers as exact decimals.
    assert event.event["bizStep"] == "shipping"
    assert event.event["https://example.com/epcis/temperature"] == 4
    (rejected,) = read.rejected
    assert rejected.index == 1
    assert sorted((p.path, p.rule) for p in rejected.problems) == [
        ("$.epcisBody.eventList[1].bizStep", "unknown_cbv_term"),
        ("$.epcisBody.eventList[1].temperature", "unknown_field"),
    ]
    assert "RejectedEvent(index=1" in repr(rejected) and "EpcisImport(kind=" in repr(read)
    # All or nothing (the default): nothing kept, the same report.
    strict = tracemark.import_epcis(DOC)
    assert (len(strict.events), len(strict.rejected)) == (0, 1)


def test_export_reads_back_to_the_same_events():
    read = tracemark.import_epcis(DOC, keep_valid=True)
    written = tracemark.export_epcis(read.events, like=read)
    assert '"ex:temperature"' in written and '"bizStep":"shipping"' in written
    again = tracemark.import_epcis(written)
    assert [e.event for e in again.events] == [e.event for e in read.events]
    # Dicts in normal form work too, and a capture document is made when no header is given.
    made = tracemark.export_epcis([read.events[0].event], creation_date="2026-11-23T10:00:00Z")
    back = tracemark.import_epcis(made)
    assert back.header["creationDate"] == "2026-11-23T10:00:00Z"
    assert back.events[0].event == read.events[0].event
    assert tracemark.import_epcis(tracemark.export_epcis([])).total == 0


def test_event_queries_select_order_and_refuse_bad_parameters():
    read = tracemark.import_epcis(DOC, keep_valid=True)
    events = read.events + [read.events[0].event]
    query = tracemark.EventQuery(
        {"MATCH_epc": ["urn:epc:idpat:sgtin:0614141.107346.*"],
         "EQ_bizStep": ["https://ref.gs1.org/cbv/BizStep-shipping"]}
    )
    assert query.matches(read.events[0]) and query.matches(read.events[0].event)
    # The same objects come back, in order.
    hits = query.run(events)
    assert len(hits) == 2 and hits[0] is events[0] and hits[1] is events[1]
    assert tracemark.EventQuery('{"EQ_bizStep": ["receiving"]}').run(events) == []
    assert query.to_dict()["EQ_bizStep"] == ["https://ref.gs1.org/cbv/BizStep-shipping"]
    with pytest.raises(tracemark.InvalidInputError) as err:
        tracemark.EventQuery('{"GE_eventDate": "2026-01-01T00:00:00Z"}')
    assert (err.value.code, err.value.rule, err.value.path) == (
        "invalid_epcis", "unknown_query_parameter", "$.GE_eventDate")
    with pytest.raises(tracemark.InvalidInputError) as err:
        tracemark.EventQuery({"maxEventCount": 1}).run(events)
    assert err.value.rule == "query_too_large"


def test_bad_documents_and_events_raise_typed_errors():
    with pytest.raises(tracemark.InvalidInputError) as err:
        tracemark.import_epcis('{"type": "EPCISDocument"}')
    assert err.value.code == "invalid_epcis" and err.value.rule == "missing_context"
    assert err.value.path == "$.@context"
    with pytest.raises(tracemark.InvalidInputError) as err:
        tracemark.import_epcis("[")
    assert err.value.code in ("invalid_json", "invalid_epcis")
    with pytest.raises(tracemark.TracemarkError) as err:
        tracemark.export_epcis([{"type": "ObjectEvent"}])
    assert err.value.code == "invalid_epcis" and err.value.rule == "missing_field"
    with pytest.raises(tracemark.TracemarkError):
        tracemark.export_epcis([{"bizStep": "cbv:BizStep-shipping"}])


def test_every_conformance_document_round_trips_from_python():
    root = os.environ.get("TRACEMARK_CONFORMANCE")
    if root is None:
        pytest.skip("TRACEMARK_CONFORMANCE not set")
    base = (Path(root) if Path(root).is_absolute() else ROOT / root) / "epcis"
    events = 0
    for folder in ("Capture/Documents", "Capture/Events", "Query"):
        for path in sorted((base / folder).glob("*.json")):
            read = tracemark.import_epcis(path.read_text())
            assert read.is_complete(), path
            again = tracemark.import_epcis(tracemark.export_epcis(read.events, like=read))
            assert [e.event for e in again.events] == [e.event for e in read.events], path
            events += len(read.events)
    assert events == 79
