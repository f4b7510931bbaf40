//! A synthetic EPCIS 2.0 capture document: a shipment day of a distribution centre. Object
//! events with serialised items, aggregations of cases onto pallets and lot quantities, each
//! with a read point, a business location, a business transaction and a source and destination.
//! Shared by the event-hash bench and the streaming-memory example.

use serde_json::{Value, json};

/// Event `i` of the day.
pub fn event(i: usize) -> Value {
    let time = format!(
        "2026-03-{:02}T{:02}:{:02}:{:02}.{:03}+01:00",
        1 + i % 28,
        i % 24,
        i % 60,
        (i * 7) % 60,
        i % 1000
    );
    let common = json!({
        "eventTime": time,
        "eventTimeZoneOffset": "+01:00",
        "bizStep": "shipping",
        "disposition": "in_transit",
        "readPoint": {"id": format!("urn:epc:id:sgln:4012345.00001.{}", i % 50)},
        "bizLocation": {"id": "urn:epc:id:sgln:4012345.00001.0"},
        "bizTransactionList": [{"type": "desadv", "bizTransaction": format!("urn:epcglobal:cbv:bt:4012345000009:ASN{i}")}],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4012345.00000"}],
        "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:0614141.00000"}],
    });
    let mut event = match i % 3 {
        0 => json!({
            "type": "ObjectEvent",
            "action": "OBSERVE",
            "epcList": (0..6).map(|k| format!("urn:epc:id:sgtin:4012345.011111.{}", i * 10 + k)).collect::<Vec<_>>(),
        }),
        1 => json!({
            "type": "AggregationEvent",
            "action": "ADD",
            "parentID": format!("urn:epc:id:sscc:4012345.{:010}", i as u64 % 10_000_000_000),
            "childEPCs": (0..4).map(|k| format!("urn:epc:id:sscc:4012345.{:010}", (1_000_000 + i as u64 * 10 + k as u64) % 10_000_000_000)).collect::<Vec<_>>(),
        }),
        _ => json!({
            "type": "ObjectEvent",
            "action": "OBSERVE",
            "quantityList": [{"epcClass": format!("urn:epc:class:lgtin:4012345.012345.LOT{}", i % 97), "quantity": 12.5, "uom": "KGM"}],
        }),
    };
    if let (Some(e), Some(c)) = (event.as_object_mut(), common.as_object()) {
        e.extend(c.clone());
    }
    event
}

/// The document's text up to its event list, and after it.
pub const HEAD: &str = r#"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":["#;
/// See [`HEAD`].
pub const TAIL: &str = "]}}";

/// A document of `events` events, in memory.
#[allow(dead_code)] // the memory example streams instead
pub fn document(events: usize) -> String {
    let list: Vec<String> = (0..events).map(|i| event(i).to_string()).collect();
    format!("{HEAD}{}{TAIL}", list.join(","))
}
