//! The GS1 EPCIS event hash against the reference's 2026 test vectors: for every document,
//! every event's canonical pre-hash string and hash, line for line, in both CBV profiles.

#![cfg(not(target_arch = "wasm32"))] // reads the vectors from disk
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use tracemark::epcis::{CbvVersion, event_hashes};

#[test]
fn every_vector_matches_line_for_line() {
    let Some(dir) = common::conformance_dir("event-hash", "the event-hash vectors") else {
        return;
    };
    let (mut files, mut lines) = (0, 0);
    let mut documents: Vec<_> = std::fs::read_dir(dir.join("documents"))
        .expect("event-hash/documents")
        .map(|e| e.unwrap().path())
        .collect();
    documents.sort();
    for doc in &documents {
        let stem = doc.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(doc).unwrap();
        for (folder, version) in [("CBV2.0", CbvVersion::Cbv20), ("CBV2.1", CbvVersion::Cbv21)] {
            let got = event_hashes(&text, version).unwrap_or_else(|e| panic!("{stem}: {e}"));
            for (ext, pick) in [
                (
                    "prehashes",
                    (|h: &tracemark::epcis::EventHash| h.prehash.clone()) as fn(&_) -> String,
                ),
                ("hashes", |h| h.hash.clone()),
            ] {
                let path = dir
                    .join("expected")
                    .join(folder)
                    .join(format!("{stem}.{ext}"));
                let Ok(expected) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let want: Vec<&str> = expected.lines().collect();
                let have: Vec<String> = got.iter().map(pick).collect();
                assert_eq!(
                    have.len(),
                    want.len(),
                    "{folder}/{stem}.{ext}: number of events"
                );
                for (i, (h, w)) in have.iter().zip(&want).enumerate() {
                    assert_eq!(h, w, "{folder}/{stem}.{ext} event {i}");
                }
                files += 1;
                lines += want.len();
            }
        }
    }
    assert_eq!((documents.len(), files, lines), (8, 20, 32));
}

/// Examples 2 (sensor data) and 3 (extensions inside a standard field, sources and
/// destinations) of the 2026 reference README (RalphTro/epcis-event-hash-generator, MIT), with
/// the hashes it prints for both profiles.
#[test]
fn the_reference_readme_examples_match_in_both_profiles() {
    let cases = [
        (
            include_str!("data/event_hash/readme-example-2.jsonld"),
            "271565c346ae2fb28c4583c4dca4ab4772d465eb4e0b6e548d77d8b49377d95c",
            "f6bf8e2fb50f26f5baba52f722211eefdb0f427a3903c61ab015db6d1f93c3da",
        ),
        (
            include_str!("data/event_hash/readme-example-3.jsonld"),
            "3ae14c02c4bdc220cc31942cf804f6845eb8dec96ba6483391c92a9b165f9329",
            "e9273954ba78387caf181fe74038871990dbc97568d068123d0a8774b843e383",
        ),
    ];
    for (document, cbv20, cbv21) in cases {
        let h20 = event_hashes(document, CbvVersion::Cbv20).unwrap();
        assert_eq!(
            h20[0].hash,
            format!("ni:///sha-256;{cbv20}?ver=CBV2.0"),
            "{}",
            h20[0].prehash
        );
        let h21 = event_hashes(document, CbvVersion::Cbv21).unwrap();
        assert_eq!(
            h21[0].hash,
            format!("ni:///sha-256;{cbv21}?ver=CBV2.1"),
            "{}",
            h21[0].prehash
        );
    }
}

#[test]
fn a_document_without_events_is_an_error_not_a_panic() {
    for bad in [
        "",
        "[]",
        "{}",
        r#"{"epcisBody": {"eventList": 7}}"#,
        "{\"epcisBody\": {",
    ] {
        assert_eq!(
            event_hashes(bad, CbvVersion::Cbv20).unwrap_err().code(),
            "invalid_json",
            "{bad}"
        );
    }
}
