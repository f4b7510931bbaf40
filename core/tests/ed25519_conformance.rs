//! Ed25519 conformance: every case of two public vector files, run through tracemark's strict
//! verification (`PublicKey::verify_raw`, which is ed25519-dalek's `verify_strict`).
//!
//! Data (read in place, never copied into the project) from `$TRACEMARK_CONFORMANCE/ed25519/`:
//! - `cctv-ed25519vectors.json`: C2SP/CCTV @ 1e3d2860d46e94e777e1b17c7a6f2436387e3ecc,
//!   `ed25519/ed25519vectors.json` (BSD-style licence, `LICENSE-CCTV`). 914 edge cases, each valid
//!   under the most lenient (cofactored) verification; its flags say what is unusual about it.
//! - `wycheproof-ed25519_test.json`: C2SP/wycheproof @ dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166,
//!   `testvectors_v1/ed25519_test.json` (Apache-2.0, `LICENSE-wycheproof`). 151 cases, each
//!   `valid` or `invalid` (none `acceptable`).
//!
//! CCTV rule: strict verification rejects exactly the cases whose flags include any of
//! `low_order_A`, `low_order_R`, `low_order_residue`, `non_canonical_A`, `non_canonical_R`,
//! `reencoded_k`, and accepts all others, i.e. the cases whose flags are a subset of
//! {`low_order_component_A`, `low_order_component_R`} (one case has no flags at all). Both
//! directions are asserted, and an unknown flag fails the test. Why: `verify_strict` requires
//! S < ℓ, rejects A or R of small order (`[8]P` is the identity), and checks the cofactorless
//! equation by recomputing R' = [S]B − [k]A and comparing its canonical encoding byte for byte with
//! the R of the signature, with k = SHA-512(R ‖ A ‖ M) over the bytes as given. So a non-canonical
//! R never matches, a signature that holds only up to a small-order term (`low_order_residue`)
//! fails, and k computed over re-encoded bytes (`reencoded_k`) differs; mixed-order A or R (a
//! low-order component, but not of small order) pass when the cofactorless equation holds. In
//! this file every `non_canonical_A`, `non_canonical_R` and `reencoded_k` case also carries
//! `low_order_A` or `low_order_R`.
//!
//! Wycheproof rule: `valid` verifies, `invalid` is rejected. A signature that is not 64 bytes
//! cannot become a `Signature` and counts as rejected, as does a public key that does not decode
//! to a curve point.
//!
//! `TRACEMARK_CONFORMANCE` names the folder that contains `ed25519/`; a relative path is taken
//! from the workspace root. Unset: the tests print a message and pass. Set but the files are
//! missing: the tests fail.

#![cfg(not(target_arch = "wasm32"))] // reads the conformance files from disk
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use tracemark::keys::{PublicKey, Signature};

/// CCTV flags whose cases strict verification must reject.
const CCTV_REJECTED_FLAGS: [&str; 6] = [
    "low_order_A",
    "low_order_R",
    "low_order_residue",
    "non_canonical_A",
    "non_canonical_R",
    "reencoded_k",
];

/// CCTV flags that on their own do not make strict verification reject a case.
const CCTV_ACCEPTED_FLAGS: [&str; 2] = ["low_order_component_A", "low_order_component_R"];

/// The `ed25519/` data folder, or `None` (with a message) if the variable is unset.
fn ed25519_dir() -> Option<PathBuf> {
    common::conformance_dir("ed25519", "Ed25519 conformance")
}

fn load_json(dir: &Path, name: &str) -> Value {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "TRACEMARK_CONFORMANCE is set but {} cannot be read: {e}",
            path.display()
        )
    });
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn hex(value: &Value, what: &str) -> Vec<u8> {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{what}: expected a hex string, got {value}"));
    hex::decode(text).unwrap_or_else(|e| panic!("{what}: bad hex: {e}"))
}

fn key_bytes(value: &Value, what: &str) -> [u8; 32] {
    hex(value, what)
        .try_into()
        .unwrap_or_else(|v: Vec<u8>| panic!("{what}: public key is {} bytes, not 32", v.len()))
}

/// Strict verification as tracemark does it. A key that does not decode to a curve point, or a
/// signature that is not 64 bytes, is a rejection.
fn strict_accepts(key: &[u8; 32], message: &[u8], signature: &[u8]) -> bool {
    let Ok(signature) = <[u8; 64]>::try_from(signature) else {
        return false;
    };
    match PublicKey::from_bytes(key) {
        Ok(key) => key.verify_raw(message, &Signature::from_bytes(&signature)),
        Err(_) => false,
    }
}

#[test]
fn cctv_ed25519_vectors_under_strict_verification() {
    let Some(dir) = ed25519_dir() else { return };
    let doc = load_json(&dir, "cctv-ed25519vectors.json");
    let cases = doc
        .as_array()
        .expect("CCTV: the top level must be an array");

    let (mut accepted, mut rejected) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for case in cases {
        let number = case["number"]
            .as_u64()
            .expect("CCTV: case without a number");
        let what = format!("CCTV case {number}");
        let key = key_bytes(&case["key"], &what);
        let signature = hex(&case["sig"], &what);
        let message = case["msg"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: msg must be a string"))
            .as_bytes();
        let flags: Vec<&str> = match &case["flags"] {
            Value::Null => Vec::new(),
            Value::Array(flags) => flags
                .iter()
                .map(|f| {
                    f.as_str()
                        .unwrap_or_else(|| panic!("{what}: flag {f} is not a string"))
                })
                .collect(),
            other => panic!("{what}: flags must be an array or null, got {other}"),
        };
        for flag in &flags {
            assert!(
                CCTV_REJECTED_FLAGS.contains(flag) || CCTV_ACCEPTED_FLAGS.contains(flag),
                "{what}: unknown flag {flag:?}; extend the rule before trusting this test"
            );
        }

        let must_reject = flags.iter().any(|f| CCTV_REJECTED_FLAGS.contains(f));
        let accepts = strict_accepts(&key, message, &signature);
        if accepts == must_reject {
            let expected = if must_reject { "reject" } else { "accept" };
            disagreements.push(format!("{what} {flags:?}: expected {expected}"));
        }
        if accepts {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }

    assert!(
        disagreements.is_empty(),
        "{} CCTV cases break the flag rule:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert_eq!(cases.len(), 914, "CCTV: number of cases");
    assert_eq!(accepted, 43, "CCTV: accepted cases");
    assert_eq!(rejected, 871, "CCTV: rejected cases");
}

#[test]
fn wycheproof_ed25519_under_strict_verification() {
    let Some(dir) = ed25519_dir() else { return };
    let doc = load_json(&dir, "wycheproof-ed25519_test.json");
    assert_eq!(doc["algorithm"], "EDDSA", "Wycheproof: wrong file");
    let declared = doc["numberOfTests"]
        .as_u64()
        .expect("Wycheproof: numberOfTests missing");
    let groups = doc["testGroups"]
        .as_array()
        .expect("Wycheproof: testGroups must be an array");

    let (mut valid, mut invalid, mut invalid_length) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    for group in groups {
        assert_eq!(
            group["publicKey"]["curve"], "edwards25519",
            "Wycheproof: unexpected curve"
        );
        let key = key_bytes(&group["publicKey"]["pk"], "Wycheproof public key");
        let tests = group["tests"]
            .as_array()
            .expect("Wycheproof: tests must be an array");
        for test in tests {
            let id = test["tcId"]
                .as_u64()
                .expect("Wycheproof: test without tcId");
            let what = format!("Wycheproof tcId {id}");
            let message = hex(&test["msg"], &what);
            let signature = hex(&test["sig"], &what);
            let accepts = strict_accepts(&key, &message, &signature);
            match test["result"].as_str() {
                Some("valid") => {
                    valid += 1;
                    if !accepts {
                        disagreements
                            .push(format!("{what} ({}): valid but rejected", test["comment"]));
                    }
                }
                Some("invalid") => {
                    invalid += 1;
                    if signature.len() != 64 {
                        invalid_length += 1;
                    }
                    if accepts {
                        disagreements.push(format!(
                            "{what} ({}): invalid but accepted",
                            test["comment"]
                        ));
                    }
                }
                other => panic!(
                    "{what}: result {other:?}; this file has no `acceptable` cases, decide what \
                     strict verification must do with them before extending the test"
                ),
            }
        }
    }

    assert!(
        disagreements.is_empty(),
        "{} Wycheproof cases disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert_eq!(valid + invalid, 151, "Wycheproof: number of cases");
    assert_eq!(
        u64::try_from(valid + invalid).ok(),
        Some(declared),
        "Wycheproof: numberOfTests"
    );
    assert_eq!(valid, 88, "Wycheproof: valid cases (all verified)");
    assert_eq!(invalid, 63, "Wycheproof: invalid cases (all rejected)");
    assert_eq!(
        invalid_length, 12,
        "Wycheproof: invalid cases whose signature is not 64 bytes"
    );
}
