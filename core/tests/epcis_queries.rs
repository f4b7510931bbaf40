//! EPCIS 2.0 query documents against the conformance data: the valid query reads, passes
//! GS1's query schema, writes back unchanged and runs over every conformance event; each
//! query under `Invalid` is rejected for the reason its file name gives.

#![cfg(not(target_arch = "wasm32"))] // reads the documents from disk
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use tracemark::epcis::{EpcisEvent, EventQuery, ImportMode, import};

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every event of every valid conformance document.
fn all_events(root: &Path) -> Vec<EpcisEvent> {
    let mut events = Vec::new();
    for folder in ["Capture/Documents", "Query"] {
        for path in json_files(&root.join(folder)) {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Ok(read) = import(&text, ImportMode::KeepValid) {
                events.extend(read.events.into_iter().map(|e| e.event));
            }
        }
    }
    events
}

#[test]
fn the_valid_queries_read_validate_round_trip_and_run() {
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let text = std::fs::read_to_string(root.join("../epcis-schema/query-schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the query schema compiles");
    let events = all_events(&root);
    assert!(events.len() > 50, "{} conformance events", events.len());
    let mut checked = 0;
    for path in json_files(&root.join("Query/Queries")) {
        let given = read(&path);
        assert!(validator.is_valid(&given), "{}", path.display());
        let query =
            EventQuery::from_json(&given).unwrap_or_else(|p| panic!("{}: {p:?}", path.display()));
        assert_eq!(query.to_json(), given);
        let again = EventQuery::from_json(&query.to_json()).unwrap();
        let hits = query.run(&events).unwrap();
        assert_eq!(hits, again.run(&events).unwrap());
        // Every hit matches, none of the others does, newest first, at most the limit.
        assert!(hits.iter().all(|e| query.matches(e)));
        let matching = events.iter().filter(|e| query.matches(e)).count();
        let limit = given["eventCountLimit"]
            .as_u64()
            .map_or(usize::MAX, |n| n as usize);
        assert_eq!(hits.len(), matching.min(limit));
        assert!(
            hits.windows(2)
                .all(|w| w[0].event_time() >= w[1].event_time())
        );
        checked += 1;
    }
    assert_eq!(checked, 1, "SimpleEventQuery.json");
}

#[test]
fn the_simple_event_query_selects_what_it_says() {
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let query =
        EventQuery::from_json(&read(&root.join("Query/Queries/SimpleEventQuery.json"))).unwrap();
    let event = |time: &str, epc: &str, quantity: Option<f64>| {
        let mut v = serde_json::json!({
            "type": "ObjectEvent", "action": "OBSERVE", "eventTime": time,
            "eventTimeZoneOffset": "+01:00", "epcList": [epc],
            "bizStep": "shipping", "disposition": "in_transit",
            "bizLocation": {"id": "https://id.gs1.org/414/9521141123452"},
        });
        if let Some(q) = quantity {
            v["quantityList"] = serde_json::json!([{"epcClass": "urn:epc:class:lgtin:9521141.012345.L1", "quantity": q}]);
        }
        EpcisEvent::from_json(&v).unwrap()
    };
    let epc = "https://id.gs1.org/01/09521141012345/21/2017";
    assert!(query.matches(&event("2026-06-01T12:00:00+01:00", epc, Some(10.0))));
    // The same item as an EPC URI (company prefix 9521141).
    assert!(query.matches(&event(
        "2026-06-01T12:00:00+01:00",
        "urn:epc:id:sgtin:9521141.001234.2017",
        Some(10.0)
    )));
    assert!(
        !query.matches(&event("2025-06-01T12:00:00+01:00", epc, Some(10.0))),
        "before GE_eventTime"
    );
    assert!(!query.matches(&event(
        "2026-06-01T12:00:00+01:00",
        "https://id.gs1.org/01/09521141012345/21/2018",
        Some(10.0)
    )));
    assert!(
        !query.matches(&event("2026-06-01T12:00:00+01:00", epc, Some(500.0))),
        "LT_quantity is strict"
    );
    assert!(
        !query.matches(&event("2026-06-01T12:00:00+01:00", epc, None)),
        "GE_quantity needs a quantity"
    );
}

#[test]
fn every_invalid_query_is_rejected_for_its_reason() {
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let mut checked = 0;
    for path in json_files(&root.join("Query/Queries/Invalid")) {
        let file = path.file_name().unwrap().to_str().unwrap().to_owned();
        let want: Vec<(&str, &str)> = match file.as_str() {
            "Query_with_invalid_values.json" => vec![
                ("$.EQ_action", "invalid_query_value"),
                ("$.GE_eventTime", "invalid_query_value"),
                ("$.orderDirection", "invalid_query_value"),
            ],
            "Query_with_unknown_parameter.json" => {
                vec![("$.GE_eventDate", "unknown_query_parameter")]
            }
            other => panic!("no expectation for {other}"),
        };
        let problems = EventQuery::from_json(&read(&path)).expect_err(&file);
        let got: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.rule)).collect();
        assert_eq!(got, want, "{file}");
        let text = std::fs::read_to_string(&path).unwrap();
        let error = EventQuery::parse(&text).expect_err(&file);
        assert_eq!(error.code(), "invalid_epcis");
        checked += 1;
    }
    assert_eq!(checked, 2, "invalid values and an unknown parameter");
}
