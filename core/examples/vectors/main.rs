//! Writes the spec's test vectors, `spec/vectors/*.json`, from fixed keys.
//!
//! ```text
//! cargo run -p tracemark --example vectors -- spec/vectors
//! ```
//!
//! Every case pins its expected outcome, down to the exact finding or error codes. CI runs
//! this into a scratch folder and fails on any difference from the committed files, so the
//! bytes cannot drift without someone noticing. The file format is described in
//! `spec/SPEC.md`, section "Test vectors".

use std::path::PathBuf;

use serde_json::{Value, json};
use tracemark::chain::ChainSigner;
use tracemark::epcis::{ImportMode, import};
use tracemark::keys::PublicKey;
use tracemark::record::{Body, ReceivedEvent, RecordKind, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::time::Timestamp;
use tracemark::trust::TrustStore;
use tracemark::verify::verify_batch;
use tracemark::{Error, Result};

mod attacks;
mod chains;
mod malformed;
mod trust;

use chains::chains;
use malformed::malformed;
use trust::trust;

fn main() {
    if let Err(e) = run() {
        eprintln!("error[{}]: {e}", e.code());
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "spec/vectors".into()),
    );
    std::fs::create_dir_all(&dir).map_err(io)?;
    let files = [
        ("keys.json", keys()?),
        ("records.json", records()?),
        ("trust.json", trust()?),
        ("chains.json", chains()?),
        ("malformed.json", malformed()?),
    ];
    for (name, cases) in files {
        let text =
            serde_json::to_string_pretty(&cases).map_err(|e| Error::InvalidJson(e.to_string()))?;
        std::fs::write(dir.join(name), text + "\n").map_err(io)?;
    }
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::InvalidValue(format!("writing vectors: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn ts(text: &str) -> Result<Timestamp> {
    text.parse()
}

const LABELS: [&str; 11] = [
    "authority",
    "dairy",
    "shop",
    "dairy-2",
    "regional-office",
    "stranger",
    "importer",
    "delegate-1",
    "delegate-2",
    "delegate-3",
    "delegate-4",
];

fn keys() -> Result<Value> {
    let keys: Vec<Value> = LABELS
        .iter()
        .map(|label| {
            let key = sample::key(label);
            json!({
                "label": label,
                "seed_derivation": format!("BLAKE3 derive_key(\"tracemark sample key v1\", {label:?})"),
                "secret": key.to_secret_text().as_str(),
                "public": key.public_key().to_string(),
            })
        })
        .collect();
    Ok(file(
        "Fixed keys of the sample supply chain. Never use them for anything real.",
        keys,
    ))
}

fn file(description: &str, cases: Vec<Value>) -> Value {
    json!({ "format": "tracemark-vectors", "version": 1, "description": description, "cases": cases })
}

/// The trust setup of a case: anchors and the certificate/revocation records.
fn trust_json(trust: &TrustStore, records: &[&SignedRecord]) -> Value {
    let anchors: Vec<Value> = trust
        .anchors()
        .map(|(k, n)| json!({ "key": k.to_string(), "name": n }))
        .collect();
    let records: Vec<String> = records.iter().map(|r| hex(r.bytes())).collect();
    json!({ "anchors": anchors, "records": records })
}

/// A case whose outcome is computed by the library and then checked against what the
/// generator expects, so a vector can never pin a wrong outcome by accident.
fn case(
    name: &str,
    description: &str,
    trust: (&TrustStore, &[&SignedRecord]),
    records: &[SignedRecord],
    expect_verdict: &str,
    expect_records: &[(&str, &[&str])],
    expect_chain: &[&str],
) -> Result<Value> {
    let batch = verify_batch(records.to_vec(), trust.0);
    let got_records: Vec<(String, Vec<String>)> = batch
        .reports
        .iter()
        .map(|r| {
            (
                r.verdict.to_string(),
                r.findings.iter().map(|f| f.code.to_string()).collect(),
            )
        })
        .collect();
    let want_records: Vec<(String, Vec<String>)> = expect_records
        .iter()
        .map(|(v, f)| (v.to_string(), f.iter().map(|s| s.to_string()).collect()))
        .collect();
    let got_chain: Vec<String> = batch
        .chain_findings
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    let want_chain: Vec<String> = expect_chain.iter().map(|s| s.to_string()).collect();
    if got_records != want_records
        || got_chain != want_chain
        || batch.verdict().as_str() != expect_verdict
    {
        return Err(Error::InvalidValue(format!(
            "vector {name}: expected {expect_verdict} {want_records:?} {want_chain:?}, got {} {got_records:?} {got_chain:?}",
            batch.verdict()
        )));
    }
    let reports: Vec<Value> = records
        .iter()
        .zip(&batch.reports)
        .map(|(r, rep)| {
            json!({
                "id": r.id().to_string(),
                "verdict": rep.verdict,
                "findings": rep.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "name": name,
        "description": description,
        "trust": trust_json(trust.0, trust.1),
        "records": records.iter().map(|r| hex(r.bytes())).collect::<Vec<_>>(),
        "views": records.iter().map(|r| serde_json::to_value(r.unverified()).unwrap_or(Value::Null)).collect::<Vec<_>>(),
        "expect": { "verdict": expect_verdict, "records": reports, "chain_findings": want_chain },
    }))
}

const NONE: &[&str] = &[];
const VALID: (&str, &[&str]) = ("valid", NONE);

fn records() -> Result<Value> {
    let mut demo = SupplyChain::build()?;
    let certs: Vec<&SignedRecord> = demo.records.iter().filter(|r| is_trust(r)).collect();
    let mut cases = Vec::new();
    for r in &demo.records {
        let kind = r.kind();
        let seq = r.unverified().seq;
        let who = signer_label(r.claimed_signer());
        cases.push(case(
            &format!("{kind}_{who}_{seq}"),
            &format!("A valid {kind} record, sequence number {seq} of the {who} key."),
            (&demo.trust, &certs),
            std::slice::from_ref(r),
            "valid",
            &[("valid", &[])],
            &[],
        )?);
    }
    // The signature of one record moved onto another: same signer, other content.
    let (a, b) = (&demo.records[2], &demo.records[3]);
    let mut swapped = b.bytes().to_vec();
    let n = swapped.len();
    swapped[n - 64..].copy_from_slice(&a.bytes()[a.bytes().len() - 64..]);
    let swapped = SignedRecord::decode(&swapped)?;
    cases.push(case(
        "signature_from_another_record",
        "A record carrying the signature of a different record by the same key.",
        (&demo.trust, &certs),
        &[swapped],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    // Content changed after signing: one character of the lot number.
    let mut tampered = demo.records[2].bytes().to_vec();
    let at = find(&tampered, b"M2603A")?;
    tampered[at + 5] = b'B';
    let tampered = SignedRecord::decode(&tampered)?;
    cases.push(case(
        "tampered_lot_number",
        "The commission record with its lot number changed from M2603A to M2603B after signing.",
        (&demo.trust, &certs),
        &[tampered],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    // Signed by a key other than the one the record names.
    let mut forged = demo.records[2].unverified().clone();
    forged.signer = sample::key("stranger").public_key();
    let forged = forged.sign(&sample::key("stranger"))?;
    let mut claimed = forged.bytes().to_vec();
    claimed[5..37].copy_from_slice(demo.dairy.public_key().as_bytes());
    let claimed = SignedRecord::decode(&claimed)?;
    cases.push(case(
        "wrong_key",
        "A record that names the dairy as signer but was signed by another key.",
        (&demo.trust, &certs),
        &[claimed],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    cases.push(case(
        "validly_signed_by_unknown_key",
        "The same content, naming and signed by a key no anchor certified.",
        (&demo.trust, &certs),
        &[forged],
        "untrusted",
        &[("untrusted", &["signer_unknown"])],
        &[],
    )?);
    // An EPCIS event received from a partner: kind epcis_event, which the sample certifies to
    // nobody, so the authority (an anchor) signs the valid case and the shop is out of scope.
    let received = received_event()?;
    let at = sample::at(30)?.at();
    let by_authority = demo
        .authority_chain
        .sign(at, Body::EpcisEvent(received.clone()))?;
    cases.push(case(
        "epcis_event_authority_2",
        "An EPCIS ObjectEvent received from a partner, kept with its source and GS1 event hash, signed by the authority.",
        (&demo.trust, &certs),
        &[by_authority],
        "valid",
        &[("valid", &[])],
        &[],
    )?);
    let by_shop = demo.shop.sign(at, Body::EpcisEvent(received))?;
    cases.push(case(
        "epcis_event_out_of_scope_kind",
        "The same received event signed by the shop, whose certificate does not list epcis_event.",
        (&demo.trust, &certs),
        &[by_shop],
        "untrusted",
        &[("untrusted", &["out_of_scope_kind"])],
        &[],
    )?);
    Ok(file(
        "Valid records of every kind from the sample supply chain, and tampered or forged copies.",
        cases,
    ))
}

/// An EPCIS 2.0 event as a partner sends it (a CURIE extension, a term as a URI), read and
/// kept in normal form.
fn received_event() -> Result<ReceivedEvent> {
    let doc = r#"{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
        {"ex": "https://example.com/epcis/"}],
      "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-02T08:00:00Z",
      "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
        "eventTime": "2026-03-02T07:45:00.000+01:00", "eventTimeZoneOffset": "+01:00",
        "epcList": ["https://id.gs1.org/01/08930000010018/21/CUP-0001"],
        "bizStep": "https://ref.gs1.org/cbv/BizStep-receiving",
        "disposition": "in_progress",
        "readPoint": {"id": "https://id.gs1.org/414/8930000000018"},
        "ex:temperature": 4.0}]}}"#;
    let read = import(doc, ImportMode::AllOrNothing)?;
    let e = read
        .events
        .first()
        .ok_or_else(|| Error::InvalidValue("the sample document has one event".into()))?;
    ReceivedEvent::new("urn:epc:id:sgln:8930000.00001.0", &e.event_hash, &e.event)
}

/// The sample's trust plus `extra` certificates or revocations: the trust store a case
/// verifies against, and the records the case lists as its trust.
fn with_trust<'a>(
    demo: &'a SupplyChain,
    extra: &[&'a SignedRecord],
) -> Result<(TrustStore, Vec<&'a SignedRecord>)> {
    let mut trust = demo.trust.clone();
    for r in extra {
        trust.add(r)?;
    }
    let certs = demo
        .records
        .iter()
        .filter(|r| is_trust(r))
        .chain(extra.iter().copied())
        .collect();
    Ok((trust, certs))
}

fn is_trust(r: &SignedRecord) -> bool {
    matches!(
        r.kind(),
        RecordKind::KeyCertificate | RecordKind::KeyRevocation
    )
}

fn signer_label(key: &PublicKey) -> &'static str {
    LABELS
        .iter()
        .find(|l| sample::key(l).public_key() == *key)
        .copied()
        .unwrap_or("unknown")
}

fn find(haystack: &[u8], needle: &[u8]) -> Result<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .ok_or_else(|| Error::InvalidValue(format!("{needle:?} not found in the record")))
}

/// A trust store whose one anchor is the sample authority, and the authority's chain.
fn authority_root() -> (TrustStore, ChainSigner) {
    let authority = sample::key("authority");
    let mut trust = TrustStore::new();
    trust.add_anchor(authority.public_key(), "Sample Food Safety Authority");
    (trust, ChainSigner::new(authority, None))
}

/// One event by `chain` at `hours` after the sample start: a copy of the sample commission.
fn event(chain: &mut ChainSigner, hours: i64) -> Result<SignedRecord> {
    chain.sign(sample::at(hours)?.at(), sample::first_commission().body)
}
