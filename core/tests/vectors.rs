//! Runs every case of `spec/vectors/*.json`, and flips every bit of every valid vector.
//!
//! The files are compiled in (`include_str!`), so the same tests run natively and on
//! `wasm32-unknown-unknown` under Node, where there is no file system.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::Value;
use tracemark::chain::ForkProof;
use tracemark::keys::PublicKey;
use tracemark::record::SignedRecord;
use tracemark::trust::TrustStore;
use tracemark::verify::{FindingCode, Verdict, verify_batch};

const FILES: [(&str, &str); 4] = [
    (
        "records.json",
        include_str!("../../spec/vectors/records.json"),
    ),
    ("trust.json", include_str!("../../spec/vectors/trust.json")),
    (
        "chains.json",
        include_str!("../../spec/vectors/chains.json"),
    ),
    (
        "malformed.json",
        include_str!("../../spec/vectors/malformed.json"),
    ),
];

fn cases(text: &str) -> Vec<Value> {
    let file: Value = serde_json::from_str(text).expect("vector file is JSON");
    assert_eq!(file["format"], "tracemark-vectors");
    assert_eq!(file["version"], 1);
    file["cases"].as_array().expect("cases").clone()
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("hex")
}

fn trust_of(case: &Value) -> TrustStore {
    let mut trust = TrustStore::new();
    for a in case["trust"]["anchors"].as_array().expect("anchors") {
        let key: PublicKey = a["key"].as_str().unwrap().parse().expect("anchor key");
        trust.add_anchor(key, a["name"].as_str().unwrap());
    }
    for r in case["trust"]["records"].as_array().expect("trust records") {
        trust
            .add(&SignedRecord::decode(&unhex(r)).expect("trust record decodes"))
            .expect("trust record adds");
    }
    trust
}

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

/// Runs one case; returns how many records it checked.
fn run_case(file: &str, case: &Value) -> usize {
    let name = format!("{file}/{}", case["name"].as_str().unwrap());
    let records: Vec<Vec<u8>> = case["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(unhex)
        .collect();
    let expect = &case["expect"];
    if let Some(code) = expect["error"].as_str() {
        assert_eq!(records.len(), 1, "{name}");
        match SignedRecord::decode(&records[0]) {
            Ok(_) => panic!("{name}: decoded, expected error {code}"),
            Err(e) => assert_eq!(e.code(), code, "{name}: {e}"),
        }
        return 1;
    }
    let trust = trust_of(case);
    let decoded: Vec<SignedRecord> = records
        .iter()
        .map(|b| SignedRecord::decode(b).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    let batch = verify_batch(decoded.clone(), &trust);
    assert_eq!(
        batch.verdict().as_str(),
        expect["verdict"].as_str().unwrap(),
        "{name}"
    );
    let want = expect["records"].as_array().unwrap();
    assert_eq!(want.len(), decoded.len(), "{name}");
    for ((record, report), w) in decoded.iter().zip(&batch.reports).zip(want) {
        assert_eq!(
            record.id().to_string(),
            w["id"].as_str().unwrap(),
            "{name}: id"
        );
        assert_eq!(
            report.verdict.as_str(),
            w["verdict"].as_str().unwrap(),
            "{name}"
        );
        let got: Vec<String> = report.findings.iter().map(|f| f.code.to_string()).collect();
        assert_eq!(got, codes(&w["findings"]), "{name}");
    }
    let got: Vec<String> = batch
        .chain_findings
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    assert_eq!(got, codes(&expect["chain_findings"]), "{name}");
    // A fork's evidence must convince a third party with nothing else.
    for f in batch
        .chain_findings
        .iter()
        .filter(|f| f.code == FindingCode::ChainFork)
    {
        let proof = ForkProof::from_finding(f).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            proof.check().is_some(),
            "{name}: the fork proof does not check"
        );
    }
    decoded.len()
}

#[test]
fn every_vector_passes() {
    let mut counted = Vec::new();
    for (file, text) in FILES {
        let cases = cases(text);
        let records: usize = cases.iter().map(|c| run_case(file, c)).sum();
        counted.push((file, cases.len(), records));
    }
    // Pinned so that a generator change that drops cases cannot pass silently.
    assert_eq!(
        counted,
        [
            ("records.json", 15, 15),
            ("trust.json", 25, 26),
            ("chains.json", 6, 28),
            ("malformed.json", 31, 31),
        ]
    );
}

#[test]
fn every_bit_flip_of_every_valid_vector_is_caught() {
    let (mut flips, mut rejected, mut not_valid) = (0usize, 0usize, 0usize);
    for (file, text) in FILES {
        for case in cases(text) {
            if case["expect"]["verdict"] != "valid"
                || case["records"].as_array().unwrap().len() != 1
            {
                continue;
            }
            let trust = trust_of(&case);
            let bytes = unhex(&case["records"][0]);
            for bit in 0..bytes.len() * 8 {
                let mut flipped = bytes.clone();
                flipped[bit / 8] ^= 1 << (bit % 8);
                flips += 1;
                match SignedRecord::decode(&flipped) {
                    Err(_) => rejected += 1,
                    Ok(record) => {
                        let verdict = record.verify(&trust).report.verdict;
                        assert_ne!(verdict, Verdict::Valid, "{file}/{} bit {bit}", case["name"]);
                        not_valid += 1;
                    }
                }
            }
        }
    }
    assert_eq!(flips, rejected + not_valid);
    assert_eq!(
        flips, EXPECTED_FLIPS,
        "rejected {rejected}, verified as not valid {not_valid}"
    );
}

/// Total bits of the valid single-record vectors (pinned; update with the vectors).
const EXPECTED_FLIPS: usize = 40_672;

/// A record prepared by one party and signed by another (`to_unsigned_bytes`, then
/// `sign_unsigned_bytes`) is byte for byte the vector: Ed25519 is deterministic, and the
/// unsigned form is the signed one without its signature.
#[test]
fn prepared_records_signed_where_the_key_is_reproduce_every_valid_vector() {
    use tracemark::keys::SecretKey;
    use tracemark::record::Record;
    let keys: Vec<SecretKey> = cases(include_str!("../../spec/vectors/keys.json"))
        .iter()
        .map(|k| SecretKey::from_secret_text(k["secret"].as_str().unwrap()).unwrap())
        .collect();
    let mut signed = 0;
    for case in cases(FILES[0].1) {
        for hex in case["records"].as_array().unwrap() {
            let bytes = unhex(hex);
            let record = SignedRecord::decode(&bytes).unwrap();
            let Some(key) = keys
                .iter()
                .find(|k| k.public_key() == *record.claimed_signer())
            else {
                continue;
            };
            if !record.signature_is_valid() {
                continue;
            }
            let unsigned = record.unverified().to_unsigned_bytes().unwrap();
            assert_eq!(unsigned, bytes[..bytes.len() - 64], "{}", case["name"]);
            let again = Record::sign_unsigned_bytes(&unsigned, key).unwrap();
            assert_eq!(again.bytes(), &bytes[..]);
            signed += 1;
        }
    }
    assert_eq!(
        signed, 12,
        "records of the vectors' fixed keys with valid signatures"
    );
}
