//! Record verification against raw Ed25519, measured in the same run.
//!
//! ```text
//! cargo bench -p tracemark --bench verify            # full run
//! cargo bench -p tracemark --bench verify -- --quick # CI smoke: fewer rounds
//! ```
//!
//! Full verification = decode (canonical check included) + content id + strict signature
//! check + trust lookup (certificate chain to an anchor, revocations). The baseline is
//! ed25519-dalek's `verify_strict` on messages as long as the encoded records, with keys
//! already decompressed. Target: full verification at ≥ 85 % of the baseline's throughput.

#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use ed25519_dalek::{Signer, SigningKey};
use tracemark::chain::ChainSigner;
use tracemark::record::SignedRecord;
use tracemark::sample::{self, SupplyChain};
use tracemark::verify::{Verdict, verify_record};

const RECORDS: usize = 2_000;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 3 } else { 9 };
    let demo = SupplyChain::build().expect("sample");
    let template = demo.records[2].unverified().body.clone();

    // Signing: a chain of commissions by the certified dairy key.
    let mut dairy = ChainSigner::new(sample::key("dairy"), Some(demo.catalogue.dairy));
    let mut records: Vec<SignedRecord> = Vec::with_capacity(RECORDS);
    let start = Instant::now();
    for i in 0..RECORDS {
        let at = sample::at(i as i64 % 200).expect("time").at();
        records.push(dairy.sign(at, template.clone()).expect("sign"));
    }
    let sign_rate = RECORDS as f64 / start.elapsed().as_secs_f64();
    let encoded: Vec<Vec<u8>> = records.iter().map(|r| r.bytes().to_vec()).collect();
    let size = encoded[0].len();

    // Baseline: raw strict verification of same-size messages.
    let raw_key = SigningKey::from_bytes(&[5; 32]);
    let raw_public = raw_key.verifying_key();
    let raw: Vec<(Vec<u8>, ed25519_dalek::Signature)> = encoded
        .iter()
        .map(|m| (m.clone(), raw_key.sign(m)))
        .collect();

    let mut full_rates = Vec::new();
    let mut raw_rates = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for (m, s) in &raw {
            assert!(black_box(raw_public.verify_strict(black_box(m), s)).is_ok());
        }
        raw_rates.push(RECORDS as f64 / t.elapsed().as_secs_f64());

        let t = Instant::now();
        for bytes in &encoded {
            let record = SignedRecord::decode(black_box(bytes)).expect("decode");
            let v = verify_record(record, &demo.trust);
            assert_eq!(v.report.verdict, Verdict::Valid);
            black_box(v);
        }
        full_rates.push(RECORDS as f64 / t.elapsed().as_secs_f64());
    }
    let full = median(&mut full_rates);
    let raw = median(&mut raw_rates);
    println!(
        "tracemark verify bench ({RECORDS} records of {size} bytes, median of {rounds} rounds)"
    );
    println!(
        "  sign (encode + id + Ed25519)           {:>10.0} records/s",
        sign_rate
    );
    println!(
        "  full verification                      {:>10.0} records/s",
        full
    );
    println!(
        "  baseline: raw verify_strict, {size} B   {:>10.0} messages/s",
        raw
    );
    println!(
        "  ratio full / baseline                  {:>10.1} %  (target >= 85 %)",
        100.0 * full / raw
    );
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}
