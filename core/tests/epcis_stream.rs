//! Long EPCIS documents: past a few dozen events the importer parses, checks and hashes
//! events on worker threads. Whatever the path, every event comes out in document order, read
//! and hashed exactly as on its own; a bad event is reported by its index and path; a stop
//! asked by the callback stops the reading; a document that breaks off loses none of the
//! events before the break.

#![cfg(not(target_arch = "wasm32"))] // the worker threads exist natively only
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use serde_json::{Value, json};
use tracemark::epcis::{EpcisEvent, ImportMode, event_hashes, import, import_on, import_reader};
use tracemark::{Error, Result};

const CONTEXT: &str = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

/// Event `i`: object, aggregation and transformation events in turn, with vocabulary in bare,
/// CURIE and URN forms and an extension, so that every event differs.
fn event(i: usize) -> Value {
    let time = format!(
        "2026-07-{:02}T{:02}:{:02}:00+02:00",
        1 + i % 28,
        i % 24,
        i % 60
    );
    match i % 3 {
        0 => json!({
            "type": "ObjectEvent", "action": "OBSERVE", "eventTime": time,
            "eventTimeZoneOffset": "+02:00",
            "epcList": [format!("urn:epc:id:sgtin:4012345.011111.{i}")],
            "bizStep": "shipping", "disposition": "cbv:Disp-in_transit",
            "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0"},
            "ex:batch": i,
        }),
        1 => json!({
            "type": "AggregationEvent", "action": "ADD", "eventTime": time,
            "eventTimeZoneOffset": "+02:00",
            "parentID": format!("urn:epc:id:sscc:4012345.{:010}", i),
            "childEPCs": [format!("https://id.gs1.org/01/04012345111118/21/{i}")],
            "bizStep": "urn:epcglobal:cbv:bizstep:packing",
        }),
        _ => json!({
            "type": "TransformationEvent", "eventTime": time, "eventTimeZoneOffset": "+02:00",
            "inputQuantityList": [{"epcClass": format!("urn:epc:class:lgtin:4012345.011111.L{i}"),
                "quantity": 10.5, "uom": "KGM"}],
            "outputEPCList": [format!("urn:epc:id:sgtin:4012345.022222.{i}")],
            "bizStep": "commissioning",
        }),
    }
}

fn document(events: &[Value]) -> String {
    json!({
        "@context": [CONTEXT, {"ex": "https://example.com/ns/"}],
        "type": "EPCISDocument", "schemaVersion": "2.0",
        "creationDate": "2026-07-22T08:00:00Z",
        "epcisBody": {"eventList": events},
    })
    .to_string()
}

/// Each event read and hashed on its own: what the long document must give for it.
fn alone(event: &Value) -> (EpcisEvent, String) {
    let text = document(std::slice::from_ref(event));
    let read = import(&text, ImportMode::AllOrNothing).unwrap();
    assert_eq!(read.events.len(), 1);
    let hash = event_hashes(&text, Default::default())
        .unwrap()
        .remove(0)
        .hash;
    assert_eq!(read.events[0].event_hash, hash);
    (read.events[0].event.clone(), hash)
}

#[test]
fn a_long_document_reads_in_order_as_each_event_alone() {
    let events: Vec<Value> = (0..1_000).map(event).collect();
    let text = document(&events);
    let read = import(&text, ImportMode::AllOrNothing).unwrap();
    assert_eq!((read.total, read.events.len()), (1_000, 1_000));
    assert_eq!(import_on(&text, ImportMode::AllOrNothing, 1).unwrap(), read);
    let mut checked = 0;
    for (i, (got, raw)) in read.events.iter().zip(&events).enumerate() {
        assert_eq!(got.index, i);
        // Every event past the ones read on the calling thread, and a sample before.
        if i % 7 == 0 || i >= 60 {
            let (event, hash) = alone(raw);
            assert_eq!(got.event, event, "event {i}");
            assert_eq!(got.event_hash, hash, "event {i}");
            checked += 1;
        }
    }
    assert_eq!(checked, 949);
}

#[test]
fn bad_events_far_into_a_document_are_named_by_index_and_path() {
    let mut events: Vec<Value> = (0..500).map(event).collect();
    events[10]["bizStep"] = json!("transforming");
    events[321]["action"] = json!("MOVE");
    events[499]["eventTime"] = json!("yesterday");
    let text = document(&events);
    let kept = import(&text, ImportMode::KeepValid).unwrap();
    assert_eq!((kept.events.len(), kept.total), (497, 500));
    let rejected: Vec<(usize, &str, &str)> = kept
        .rejected
        .iter()
        .map(|r| (r.index, r.problems[0].path.as_str(), r.problems[0].rule))
        .collect();
    assert_eq!(
        rejected,
        [
            (10, "$.epcisBody.eventList[10].bizStep", "unknown_cbv_term"),
            (321, "$.epcisBody.eventList[321].action", "invalid_action"),
            (499, "$.epcisBody.eventList[499].eventTime", "invalid_time"),
        ]
    );
    let indexes: Vec<usize> = kept.events.iter().map(|e| e.index).collect();
    let expected: Vec<usize> = (0..500).filter(|i| ![10, 321, 499].contains(i)).collect();
    assert_eq!(indexes, expected);
    assert!(
        import(&text, ImportMode::AllOrNothing)
            .unwrap()
            .events
            .is_empty()
    );
}

#[test]
fn a_number_out_of_range_in_a_late_event_is_not_json_at_its_path() {
    let events: Vec<Value> = (0..300).map(event).collect();
    let text = document(&events).replacen("\"ex:batch\":240", "\"ex:batch\":1e400", 1);
    assert!(text.contains("1e400"));
    let err = import(&text, ImportMode::KeepValid).unwrap_err();
    assert_eq!(err.code(), "invalid_epcis");
    assert!(
        err.to_string().contains("$.epcisBody.eventList[240]"),
        "{err}"
    );
    assert!(err.to_string().contains("not_json"), "{err}");
}

#[test]
fn the_callback_stops_the_reading_and_its_error_is_returned() {
    let events: Vec<Value> = (0..2_000).map(event).collect();
    let text = document(&events);
    let mut seen = Vec::new();
    let result = import_reader(text.as_bytes(), |item| {
        let item = item.unwrap();
        seen.push(item.index);
        if item.index == 700 {
            return Err(Error::Storage("disk full".into()));
        }
        Ok(())
    });
    let err = result.unwrap_err();
    assert_eq!(err.code(), "storage");
    assert_eq!(seen, (0..=700).collect::<Vec<_>>());
}

#[test]
fn a_document_that_breaks_off_keeps_every_event_before_the_break() {
    let events: Vec<Value> = (0..400).map(event).collect();
    let text = document(&events);
    // Cut inside event 350.
    let cut = text.find("urn:epc:id:sgtin:4012345.022222.350").unwrap();
    let mut seen = 0usize;
    let result: Result<_> = import_reader(&text.as_bytes()[..cut], |item| {
        assert_eq!(item.unwrap().index, seen);
        seen += 1;
        Ok(())
    });
    assert_eq!(result.unwrap_err().code(), "invalid_epcis");
    assert_eq!(seen, 350);
}
