//! EPCIS 2.0 import and export against the conformance documents (openepcis test resources):
//! every valid document is read completely, written as a document that GS1's EPCIS 2.0.1 JSON
//! schema accepts, read back to the same events, and equals the input after normalisation;
//! every document under an `Invalid` folder is rejected for the reason its file name gives.

#![cfg(not(target_arch = "wasm32"))] // reads the documents from disk
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use tracemark::epcis::{DocumentKind, EpcisEvent, ImportMode, export, import};

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn schema(root: &Path) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root.join("../epcis-schema/epcis-json-schema.json"))
        .expect("epcis-schema/epcis-json-schema.json");
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the EPCIS 2.0.1 schema compiles")
}

/// The test's own normalisation, written apart from the library's: prefixes from every
/// `@context` in scope expanded in keys and values, `@context` dropped, CBV and GS1 web
/// vocabulary terms reduced to their word. Key order does not matter (maps are sorted).
fn normalise(v: &Value, prefixes: &BTreeMap<String, String>) -> Value {
    match v {
        Value::Object(map) => {
            let mut prefixes = prefixes.clone();
            let contexts: Vec<&Value> = match map.get("@context") {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(one) => vec![one],
                None => vec![],
            };
            for c in contexts {
                if let Value::Object(defs) = c {
                    for (p, iri) in defs {
                        prefixes.insert(p.clone(), iri.as_str().unwrap().to_owned());
                    }
                }
            }
            Value::Object(
                map.iter()
                    .filter(|(k, _)| k.as_str() != "@context")
                    .map(|(k, v)| (expand(k, &prefixes), normalise(v, &prefixes)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| normalise(i, prefixes)).collect()),
        Value::String(s) => Value::String(word(&expand(s, prefixes))),
        // A number is its value: `10.0` and `10` are the same.
        Value::Number(n) => serde_json::json!(n.as_f64()),
        other => other.clone(),
    }
}

fn expand(text: &str, prefixes: &BTreeMap<String, String>) -> String {
    match text.split_once(':') {
        Some((p, local)) if !local.starts_with("//") => match prefixes.get(p) {
            Some(iri) => format!("{iri}{local}"),
            None => text.to_owned(),
        },
        _ => text.to_owned(),
    }
}

fn word(iri: &str) -> String {
    for prefix in ["https://ref.gs1.org/cbv/", "https://gs1.org/voc/"] {
        if let Some(rest) = iri.strip_prefix(prefix) {
            return rest.split_once('-').map_or(rest, |(_, w)| w).to_owned();
        }
    }
    for vocab in ["bizstep", "disp", "btt", "sdt", "er"] {
        if let Some(w) = iri.strip_prefix(&format!("urn:epcglobal:cbv:{vocab}:")) {
            return w.to_owned();
        }
    }
    iri.to_owned()
}

fn standard_prefixes() -> BTreeMap<String, String> {
    [
        ("gs1", "https://gs1.org/voc/"),
        ("cbv", "https://ref.gs1.org/cbv/"),
        ("cbvmda", "urn:epcglobal:cbv:mda:"),
    ]
    .into_iter()
    .map(|(p, i)| (p.to_owned(), i.to_owned()))
    .collect()
}

fn event_list(doc: &Value) -> &Vec<Value> {
    doc.pointer("/epcisBody/eventList")
        .or_else(|| doc.pointer("/epcisBody/queryResults/resultsBody/eventList"))
        .and_then(Value::as_array)
        .expect("an event list")
}

#[test]
fn every_valid_document_round_trips_and_validates() {
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let validator = schema(&root);
    let (mut documents, mut events, mut same_hash) = (0, 0, 0);
    let mut tolerated = Vec::new();
    for folder in ["Capture/Documents", "Capture/Events", "Query"] {
        for path in json_files(&root.join(folder)) {
            let name = format!("{folder}/{}", path.file_name().unwrap().to_str().unwrap());
            let text = std::fs::read_to_string(&path).unwrap();
            let input: Value = serde_json::from_str(&text).unwrap();
            let read =
                import(&text, ImportMode::AllOrNothing).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(read.is_complete(), "{name}: {:#?}", read.rejected);
            let expected = match read.header.kind {
                DocumentKind::Event => 1,
                _ => event_list(&input).len(),
            };
            assert_eq!(read.events.len(), expected, "{name}");
            let list: Vec<EpcisEvent> = read.events.iter().map(|e| e.event.clone()).collect();

            // A lone event has no document around it; export gives it one.
            let header = read.header.as_document("2026-11-23T10:00:00Z");
            let written = export(&header, &list).unwrap_or_else(|e| panic!("{name}: {e}"));
            let output: Value = serde_json::from_str(&written).unwrap();
            // The export must satisfy the schema wherever the input did: the one exception
            // is a rule the input itself breaks (a sensor report of an exception without a
            // measurement type, which real documents have and the schema forbids).
            let at = |doc: &Value| -> Vec<String> {
                validator
                    .iter_errors(doc)
                    .map(|e| {
                        e.instance_path()
                            .to_string()
                            .replace("/queryResults/resultsBody", "")
                    })
                    .collect()
            };
            let (before, after) = (at(&input), at(&output));
            let new: Vec<&String> = after.iter().filter(|p| !before.contains(p)).collect();
            assert!(
                new.is_empty(),
                "{name}: the export breaks the schema at {new:#?}"
            );
            if !after.is_empty() {
                tolerated.push(name.clone());
            }

            let again = import(&written, ImportMode::AllOrNothing).unwrap();
            // The events, not their hashes: the reference hashes a prefix it does not know
            // (an event-level one, a user CURIE in a value) as written, so the same event
            // written with other prefixes can hash differently. The hash kept is the sender's.
            let events_of = |r: &tracemark::epcis::EpcisImport| -> Vec<EpcisEvent> {
                r.events.iter().map(|e| e.event.clone()).collect()
            };
            assert_eq!(
                events_of(&again),
                list,
                "{name}: the events read back differ"
            );
            same_hash += again
                .events
                .iter()
                .zip(&read.events)
                .filter(|(a, b)| a.event_hash == b.event_hash)
                .count();

            let prefixes = standard_prefixes();
            let (want, got) = match read.header.kind {
                DocumentKind::Event => (
                    normalise(&input, &prefixes),
                    event_list(&normalise(&output, &prefixes))[0].clone(),
                ),
                _ => (normalise(&input, &prefixes), normalise(&output, &prefixes)),
            };
            let mut want = want;
            if let (Value::Object(m), false) = (&mut want, read.header.kind == DocumentKind::Event)
            {
                m.entry("schemaVersion").or_insert_with(|| "2.0".into());
            }
            assert_eq!(
                got, want,
                "{name}: the export differs from the input after normalisation"
            );
            documents += 1;
            events += read.events.len();
        }
    }
    assert_eq!(
        documents, 43,
        "29 capture documents, 5 single events, 9 query documents"
    );
    eprintln!(
        "{documents} documents, {events} events round-tripped; {same_hash} keep their event hash"
    );
    assert_eq!(events, 79, "events in the 43 documents");
    assert_eq!(
        tolerated,
        ["Query/SensorData_with_combined_events.json"],
        "exports that break the schema where their input does"
    );
}

/// The rules each invalid document breaks, by event (`None`: the document as a whole).
fn expected_rules(file: &str) -> Vec<(Option<usize>, &'static str, &'static str)> {
    match file {
        "ObjectEvent_with_non_standard_bizStep.json" => {
            vec![(Some(0), "bizStep", "unknown_cbv_term")]
        }
        "ObjectEvent_with_non_standard_bizStep_in_second_event.json" => {
            vec![(Some(1), "bizStep", "unknown_cbv_term")]
        }
        "ObjectEvent_with_non_standard_disposition.json" => {
            vec![(Some(0), "disposition", "unknown_cbv_term")]
        }
        "Combination_of_non_standard_bizStep_and_disposition.json" => vec![
            (Some(0), "bizStep", "unknown_cbv_term"),
            (Some(1), "disposition", "unknown_cbv_term"),
        ],
        "ObjectEvent_with_quantity_as_text.json" => {
            vec![(Some(0), "quantityList[0].quantity", "wrong_type")]
        }
        "ObjectEvent_with_invalid_eventTime_format.json" => {
            vec![(Some(0), "eventTime", "invalid_time")]
        }
        "EPCISDocument_without_context.json" => vec![(None, "@context", "missing_context")],
        "ObjectEvent_with_invalid_certificationInfo.json" => vec![
            (Some(0), "certificationInfo[0]", "wrong_type"),
            (Some(0), "certificationInfo[1]", "wrong_type"),
        ],
        "ObjectEvent_with_unknown_field_in_quantityList.json" => {
            vec![(Some(0), "quantityList[0].weight", "unknown_field")]
        }
        "ObjectEvent_without_identifier_list.json" => vec![(Some(0), "", "missing_identifiers")],
        "ObjectEvent_with_invalid_action.json" => vec![(Some(0), "action", "invalid_action")],
        "ObjectEvent_with_ilmd_field_without_namespace.json" => {
            vec![(Some(0), "ilmd.materialType", "extension_without_namespace")]
        }
        "Combination_of_events_with_missing_mandatory_fields.json" => vec![
            (Some(0), "action", "missing_field"),
            (Some(1), "eventTimeZoneOffset", "missing_field"),
            (Some(1), "action", "missing_field"),
        ],
        "ObjectEvent_without_action_and_eventTime.json" => vec![
            (Some(0), "eventTime", "missing_field"),
            (Some(0), "eventTimeZoneOffset", "missing_field"),
            (Some(0), "action", "missing_field"),
        ],
        "Combination_of_multiple_invalid_fields.json" => vec![
            (Some(0), "bizStep", "unknown_cbv_term"),
            (Some(1), "disposition", "unknown_cbv_term"),
            (Some(2), "sourceList[0].type", "unknown_cbv_term"),
            (Some(3), "ilmd.materialType", "extension_without_namespace"),
            (Some(4), "eventTime", "invalid_time"),
            (Some(4), "action", "invalid_action"),
        ],
        "QueryDocument_with_invalid_action.json" => vec![(Some(0), "action", "invalid_action")],
        "QueryDocument_with_invalid_eventType.json" => {
            vec![(Some(0), "type", "unknown_event_type")]
        }
        other => panic!("no expectation for {other}; add one"),
    }
}

#[test]
fn every_invalid_document_is_rejected_for_its_reason() {
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let mut checked = 0;
    for folder in ["Capture/Invalid", "Query/Invalid"] {
        for path in json_files(&root.join(folder)) {
            let file = path.file_name().unwrap().to_str().unwrap().to_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let mut want: Vec<(Option<usize>, String, &str)> = expected_rules(&file)
                .into_iter()
                .map(|(i, p, r)| (i, p.to_owned(), r))
                .collect();
            let list = if folder.starts_with("Query") {
                "$.epcisBody.queryResults.resultsBody.eventList"
            } else {
                "$.epcisBody.eventList"
            };
            let mut got: Vec<(Option<usize>, String, &str)> =
                match import(&text, ImportMode::KeepValid) {
                    Err(tracemark::Error::Epcis(p)) => {
                        vec![(None, p.path.trim_start_matches("$.").to_owned(), p.rule)]
                    }
                    Err(other) => panic!("{file}: {other}"),
                    Ok(read) => {
                        assert!(!read.is_complete(), "{file} was accepted");
                        assert!(
                            import(&text, ImportMode::AllOrNothing)
                                .unwrap()
                                .events
                                .is_empty(),
                            "{file}"
                        );
                        let file = &file;
                        read.rejected
                            .iter()
                            .flat_map(|r| {
                                r.problems.iter().map(move |p| {
                                    let prefix = format!("{list}[{}]", r.index);
                                    let rest = p.path.strip_prefix(&prefix).unwrap_or_else(|| {
                                        panic!("{file}: {} is not under {prefix}", p.path)
                                    });
                                    (
                                        Some(r.index),
                                        rest.trim_start_matches('.').to_owned(),
                                        p.rule,
                                    )
                                })
                            })
                            .collect()
                    }
                };
            got.sort();
            want.sort();
            assert_eq!(got, want, "{file}");
            checked += 1;
        }
    }
    assert_eq!(checked, 17, "15 capture and 2 query documents");
}

#[test]
fn every_valid_event_survives_a_signed_record() {
    use tracemark::chain::ChainSigner;
    use tracemark::keys::SecretKey;
    use tracemark::record::{Body, ReceivedEvent, SignedRecord};
    let Some(root) = common::conformance_dir("epcis", "the EPCIS documents") else {
        return;
    };
    let mut signer = ChainSigner::new(SecretKey::from_seed([7; 32]), None);
    let at: tracemark::time::Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
    let mut records = 0;
    for folder in ["Capture/Documents", "Capture/Events", "Query"] {
        for path in json_files(&root.join(folder)) {
            let text = std::fs::read_to_string(&path).unwrap();
            for e in import(&text, ImportMode::AllOrNothing).unwrap().events {
                let name = format!("{} event {}", path.display(), e.index);
                let body = ReceivedEvent::new("partner", &e.event_hash, &e.event).unwrap();
                let signed = signer
                    .sign(at, Body::EpcisEvent(body))
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                let back = SignedRecord::decode(signed.bytes())
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                match &back.unverified().body {
                    Body::EpcisEvent(r) => {
                        assert_eq!(r.event().unwrap(), e.event, "{name}");
                        assert_eq!(r.event_hash.as_str(), e.event_hash, "{name}");
                    }
                    other => panic!("{name}: {other:?}"),
                }
                records += 1;
            }
        }
    }
    assert_eq!(records, 79);
}
