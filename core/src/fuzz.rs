//! Fuzz logic, as ordinary functions: each cargo-fuzz target in `fuzz/` is one line calling one
//! of these, and `core/tests/fuzz_crashers.rs` replays every committed crash input through the
//! same function. Each function decodes or parses arbitrary input (which must never panic) and
//! then asserts the properties that must hold for whatever was accepted.
//!
//! Not part of the public API: hidden from the docs, and free to change.

use std::sync::OnceLock;

use crate::chain::check_chains;
use crate::ids::{CompanyPrefix, Gln, Gtin, Lot, Serial, Sscc};
use crate::keys::{PublicKey, SecretKey, Signature};
use crate::record::{Decimal, Record, RecordId, RecordKind, SignedRecord};
use crate::sample::SupplyChain;
use crate::time::{Date, EventTime, Timestamp};
use crate::verify::{Verdict, verify_record};

fn demo() -> Option<&'static SupplyChain> {
    static DEMO: OnceLock<Option<SupplyChain>> = OnceLock::new();
    DEMO.get_or_init(|| SupplyChain::build().ok()).as_ref()
}

/// A fuzz entry point.
pub type Target = fn(&[u8]);

/// Every function's name and the function, for replaying crashers by target name.
pub const TARGETS: &[(&str, Target)] = &[
    ("record_decode", record_decode),
    ("record_verify", record_verify),
    ("record_json", record_json),
    ("trust_store", trust_store),
    ("keys_text", keys_text),
    ("ids_text", ids_text),
    ("time_text", time_text),
    ("element_strings", element_strings),
    ("digital_link", digital_link),
    ("epc_uri", epc_uri),
    ("event_hash", event_hash),
    ("epcis_import", epcis_import),
    ("epcis_query", epcis_query),
];

/// Decoding: what decodes is canonical (its bytes are the input) and decodes again the same.
pub fn record_decode(data: &[u8]) {
    if let Ok(record) = SignedRecord::decode(data) {
        assert_eq!(
            record.bytes(),
            data,
            "a decoded record keeps its exact bytes"
        );
        let again = SignedRecord::decode(record.bytes());
        assert_eq!(
            again.as_ref().ok(),
            Some(&record),
            "decoding is deterministic"
        );
        assert!(
            record.unverified().validate().is_ok(),
            "decoded records obey the model rules"
        );
    }
    // The same bytes as an unsigned form (spec 7.6) are accepted exactly when they decode as
    // a signed record with some signature appended; what signs keeps the input as its unsigned
    // part and decodes. The fuzzer has no key a record names, so a fixed key mostly meets
    // `invalid_key`; both outcomes check the decoding path.
    let key = SecretKey::from_seed([7; 32]);
    let mut padded = data.to_vec();
    padded.extend_from_slice(&[0; 64]);
    let as_signed = SignedRecord::decode(&padded);
    match Record::sign_unsigned_bytes(data, &key) {
        Ok(signed) => {
            assert!(as_signed.is_ok(), "signed what does not decode");
            assert_eq!(
                &signed.bytes()[..data.len()],
                data,
                "the unsigned form is kept"
            );
            let decoded = SignedRecord::decode(signed.bytes());
            assert_eq!(
                decoded.as_ref().ok(),
                Some(&signed),
                "a signed form decodes"
            );
        }
        // Shorter than the header, the padding would stand in for magic or version.
        Err(e) if data.len() < 5 => assert!(e.code().starts_with("decode_"), "{e}"),
        // A readable record names another signer than the fixed key.
        Err(e) if as_signed.is_ok() => assert_eq!(e.code(), "invalid_key", "{e}"),
        Err(e) => assert_eq!(
            as_signed.err().map(|d| d.code()),
            Some(e.code()),
            "the unsigned form fails as the signed one"
        ),
    }
}

/// Decoding and verification against the sample trust store: nothing outside the sample can be
/// valid, because only the sample's keys are trusted and the fuzzer has no secret key.
pub fn record_verify(data: &[u8]) {
    let Some(demo) = demo() else { return };
    if let Ok(record) = SignedRecord::decode(data) {
        let id = record.id();
        let _ = check_chains(demo.records.iter().chain([&record]));
        if verify_record(record, &demo.trust).report.verdict == Verdict::Valid {
            assert!(
                demo.records.iter().any(|r| r.id() == id),
                "only the sample's own records can verify"
            );
        }
    }
}

/// JSON views: a record read from JSON, signed, decodes back to the same record.
pub fn record_json(data: &[u8]) {
    let Ok(mut record) = serde_json::from_slice::<Record>(data) else {
        return;
    };
    let key = SecretKey::from_seed([0x42; 32]);
    record.signer = key.public_key();
    if let Ok(signed) = record.clone().sign(&key) {
        let decoded = SignedRecord::decode(signed.bytes());
        assert_eq!(decoded.ok().map(|d| d.unverified().clone()), Some(record));
    }
}

/// Trust: records (each prefixed by a 2-byte length) go into a store with the sample anchor,
/// then the store answers questions about every key it heard of, without looping or panicking.
pub fn trust_store(data: &[u8]) {
    let Some(demo) = demo() else { return };
    let mut trust = demo.trust.clone();
    let mut keys: Vec<PublicKey> = trust.anchors().map(|(k, _)| *k).collect();
    keys.extend(demo.records.iter().map(|r| r.unverified().signer));
    let mut rest = data;
    while let [a, b, tail @ ..] = rest {
        let len = usize::from(u16::from_le_bytes([*a, *b])).min(tail.len());
        let (chunk, next) = tail.split_at(len);
        rest = next;
        if let Ok(record) = SignedRecord::decode(chunk) {
            keys.push(record.unverified().signer);
            let _ = trust.add(&record);
        }
    }
    let at = Timestamp::from_unix_millis(1_772_413_200_000).unwrap_or_else(|_| unreachable!());
    let party = Gln::with_check_digit("893000001000").ok();
    for key in &keys {
        for kind in RecordKind::ALL {
            let _ = trust.authorize(key, at, 3, party.as_ref(), *kind);
        }
    }
}

/// Key, signature and record id text: whatever parses prints back as the same text.
pub fn keys_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(k) = text.parse::<PublicKey>() {
        assert_eq!(k.to_string(), text);
    }
    if let Ok(s) = text.parse::<Signature>() {
        assert_eq!(s.to_string(), text);
    }
    if let Ok(id) = text.parse::<RecordId>() {
        assert_eq!(id.to_string(), text);
    }
    if let Ok(k) = SecretKey::from_secret_text(text) {
        assert_eq!(k.to_secret_text().as_str(), text);
    }
}

/// GS1 identifiers: whatever parses prints back as its normal form, which parses to the same.
pub fn ids_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(g) = text.parse::<Gtin>() {
        assert_eq!(g.to_string().parse::<Gtin>().ok(), Some(g));
        assert!(g.to_string().ends_with(text));
    }
    if let Ok(g) = text.parse::<Gln>() {
        assert_eq!(g.to_string(), text);
    }
    if let Ok(s) = text.parse::<Sscc>() {
        assert_eq!(s.to_string(), text);
    }
    for ok in [
        text.parse::<Serial>().map(|s| s.to_string()),
        text.parse::<Lot>().map(|s| s.to_string()),
        text.parse::<CompanyPrefix>().map(|s| s.to_string()),
    ]
    .into_iter()
    .flatten()
    {
        assert_eq!(ok, text);
    }
}

/// Times, dates and decimals: whatever parses prints in a form that parses to the same value.
pub fn time_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = text.parse::<Timestamp>() {
        assert_eq!(t.to_string().parse::<Timestamp>().ok(), Some(t));
    }
    if let Ok(t) = text.parse::<EventTime>() {
        assert_eq!(t.to_string().parse::<EventTime>().ok(), Some(t));
    }
    if let Ok(d) = text.parse::<Date>() {
        assert_eq!(d.to_string(), text);
    }
    if let Ok(d) = text.parse::<Decimal>() {
        assert_eq!(d.to_string().parse::<Decimal>().ok(), Some(d));
    }
}

/// GS1 element strings: what parses (strictly or without association checks) writes back in
/// both forms, and each form parses to the same elements.
pub fn element_strings(data: &[u8]) {
    use crate::ids::{ElementStrings, ParseOptions};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [
        ParseOptions::default(),
        ParseOptions {
            associations: false,
            ..ParseOptions::default()
        },
    ] {
        if let Ok(parsed) = ElementStrings::parse_with(text, options) {
            let bracketed = ElementStrings::parse_with(&parsed.to_bracketed(), options);
            assert_eq!(bracketed.as_ref(), Ok(&parsed), "{text:?}");
            let unbracketed = ElementStrings::parse_with(&parsed.to_unbracketed(), options);
            assert_eq!(unbracketed.as_ref(), Ok(&parsed), "{text:?}");
        }
    }
}

/// GS1 Digital Link: what parses writes back to a URI that parses to the same data, on its
/// own stem and on GS1's; the element strings it holds make the same path again.
pub fn digital_link(data: &[u8]) {
    use crate::ids::{DigitalLink, Identifier, ParseOptions};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lenient = ParseOptions {
        associations: false,
        zero_suppressed_gtin: true,
    };
    for options in [ParseOptions::default(), lenient] {
        if let Ok(link) = DigitalLink::parse_with(text, options) {
            let again = DigitalLink::parse_with(&link.to_uri(), options);
            assert_eq!(
                again.as_ref().map(|l| l.element_strings()),
                Ok(link.element_strings()),
                "{text:?}"
            );
            let canonical = DigitalLink::parse_with(&link.to_canonical_uri(), lenient);
            assert!(canonical.is_ok(), "{text:?}");
            let built = DigitalLink::from_element_strings(link.element_strings(), None);
            assert_eq!(
                built.map(|l| l.to_canonical_uri()),
                Ok(link.to_canonical_uri()),
                "{text:?}"
            );
        }
    }
    let _ = Identifier::parse(text);
}

/// EPC URIs: what parses writes back to itself once escapes are canonical, and its element
/// strings convert back to the same URI given its own company prefix length.
pub fn epc_uri(data: &[u8]) {
    use crate::ids::EpcUri;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(epc) = EpcUri::parse(text) {
        let written = epc.to_string();
        assert_eq!(EpcUri::parse(&written).as_ref(), Ok(&epc), "{text:?}");
        // A pattern without a `*` names one identity, which converts back as the identity.
        let exact_pattern = epc.kind() == crate::ids::EpcKind::Pattern && !epc.has_wildcards();
        if let (Some(es), Some(prefix), false) =
            (epc.element_strings(), epc.company_prefix(), exact_pattern)
        {
            let back = EpcUri::from_element_strings(&es, &prefix.len());
            assert_eq!(back.as_ref(), Ok(&epc), "{text:?}");
            let _ = epc.digital_link();
        }
    }
}

/// The EPCIS event hash: any text is hashed or refused without panicking, and a document
/// written out again (other whitespace, other member order) hashes the same.
pub fn event_hash(data: &[u8]) {
    use crate::epcis::{CbvVersion, event_hashes};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for version in [CbvVersion::Cbv20, CbvVersion::Cbv21] {
        if let Ok(hashes) = event_hashes(text, version) {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
                return;
            };
            let again = event_hashes(&value.to_string(), version);
            assert_eq!(again.as_ref(), Ok(&hashes), "{text:?}");
        }
    }
}

/// EPCIS import: never a panic; every accepted event is written out and read back the same,
/// and survives a signed record (its normal form is the record's canonical form).
pub fn epcis_import(data: &[u8]) {
    use crate::chain::ChainSigner;
    use crate::epcis::{DocumentHeader, ImportMode, export, import};
    use crate::record::{Body, ReceivedEvent, SignedRecord};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(read) = import(text, ImportMode::KeepValid) else {
        return;
    };
    let events: Vec<_> = read.events.iter().map(|e| e.event.clone()).collect();
    let mut header = read.header.clone();
    header.fields = DocumentHeader::capture("2026-01-01T00:00:00Z").fields;
    header.kind = crate::epcis::DocumentKind::Capture;
    let written = export(&header, &events);
    assert!(written.is_ok(), "accepted events must export: {written:?}");
    let Ok(written) = written else { return };
    let again = import(&written, ImportMode::AllOrNothing);
    assert!(
        again.is_ok(),
        "an export must read back: {again:?}\n{written}"
    );
    let Ok(again) = again else { return };
    let back: Vec<_> = again.events.into_iter().map(|e| e.event).collect();
    assert_eq!(back, events, "{written}");
    let mut signer = ChainSigner::new(crate::keys::SecretKey::from_seed([9; 32]), None);
    let Ok(at) = crate::time::Timestamp::from_unix_millis(0) else {
        return;
    };
    for e in read.events {
        let Ok(body) = ReceivedEvent::new("fuzz", &e.event_hash, &e.event) else {
            continue;
        };
        // Too big for one record is an error, not a panic; what signs must decode the same.
        if let Ok(signed) = signer.sign(at, Body::EpcisEvent(body)) {
            let decoded = SignedRecord::decode(signed.bytes());
            assert_eq!(
                decoded.as_ref(),
                Ok(&signed),
                "a signed record must decode the same"
            );
        }
    }
}

/// EPCIS queries: any text is read or refused without panicking; a query that reads writes
/// back to one that selects the same, and running it over a few events never panics.
pub fn epcis_query(data: &[u8]) {
    use crate::epcis::{EpcisEvent, EventQuery};
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(query) = EventQuery::parse(text) else {
        return;
    };
    let again = EventQuery::from_json(&query.to_json());
    assert!(
        again.is_ok(),
        "a query that reads must read again: {text:?}"
    );
    let events: Vec<EpcisEvent> = [
        r#"{"type": "ObjectEvent", "action": "OBSERVE", "eventTime": "2026-03-01T10:00:00+01:00",
            "eventTimeZoneOffset": "+01:00", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
            "bizStep": "shipping", "readPoint": {"id": "urn:epc:id:sgln:0614141.00777.0"},
            "quantityList": [{"epcClass": "urn:epc:class:lgtin:0614141.107346.L1", "quantity": 3, "uom": "KGM"}],
            "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4, "uom": "CEL"}]}]}"#,
        r#"{"type": "AggregationEvent", "action": "ADD", "eventTime": "2026-03-02T10:00:00Z",
            "eventTimeZoneOffset": "+00:00", "parentID": "urn:epc:id:sscc:0614141.1234567890",
            "childEPCs": ["https://id.gs1.org/01/10614141073464/21/2018"]}"#,
    ]
    .iter()
    .filter_map(|t| EpcisEvent::from_json(&serde_json::from_str(t).ok()?).ok())
    .collect();
    assert_eq!(events.len(), 2, "the fuzz events read");
    if let (Ok(hits), Ok(again)) = (query.run(&events), again) {
        assert!(hits.iter().all(|e| query.matches(e) && again.matches(e)));
    }
}
