//! Huge and deep inputs fail with a typed error, quickly, without large allocations or stack
//! exhaustion.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use tracemark::MAX_RECORD_BYTES;
use tracemark::record::{ExtValue, SignedRecord};

#[test]
fn input_over_the_record_limit_is_refused_before_decoding() {
    let mut bytes = b"tmrk\x01".to_vec();
    bytes.resize(MAX_RECORD_BYTES + 1, 0);
    assert_eq!(
        SignedRecord::decode(&bytes).unwrap_err().code(),
        "decode_limit_exceeded"
    );
}

#[test]
fn nesting_a_hundred_thousand_deep_is_refused_without_recursion() {
    // The sample transformation's extension "…#line" = "B" replaced by lists nested 100,000
    // deep: 200 KB, within the size limit, far past the depth limit of 16.
    let demo = tracemark::sample::SupplyChain::build().unwrap();
    let bytes = demo.records[3].bytes();
    let at = bytes.windows(10).position(|w| w == b"dairy#line").unwrap() + 10;
    assert_eq!(bytes[at..at + 3], [3, 1, b'B']);
    let deep = [
        &bytes[..at],
        &[4u8, 1].repeat(100_000),
        &[0],
        &bytes[at + 3..],
    ]
    .concat();
    assert_eq!(
        SignedRecord::decode(&deep).unwrap_err().code(),
        "decode_limit_exceeded"
    );

    let nest = |levels: usize| {
        (0..levels).fold(serde_json::Value::Null, |v, _| {
            serde_json::Value::Array(vec![v])
        })
    };
    assert_eq!(
        ExtValue::from_json(&nest(17)).unwrap_err().code(),
        "decode_limit_exceeded"
    );
    assert!(ExtValue::from_json(&nest(16)).is_ok());
}

#[test]
fn every_prefix_of_a_valid_record_fails_cleanly() {
    let demo = tracemark::sample::SupplyChain::build().unwrap();
    for record in &demo.records {
        let bytes = record.bytes();
        for end in 0..bytes.len() {
            let err = SignedRecord::decode(&bytes[..end]).unwrap_err();
            assert!(
                err.code().starts_with("decode_") || err.code().starts_with("invalid_"),
                "{err}"
            );
        }
    }
}
