//! Arbitrary input never panics: random bytes and mutated valid records through the decoder and
//! the verifier, random text through every parser. (The fuzz targets go deeper; this runs in
//! every `cargo test`.)

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::sync::OnceLock;

use proptest::prelude::*;
use tracemark::sample::SupplyChain;

fn demo() -> &'static SupplyChain {
    static DEMO: OnceLock<SupplyChain> = OnceLock::new();
    DEMO.get_or_init(|| SupplyChain::build().unwrap())
}

fn decode_and_verify(bytes: &[u8]) {
    if let Ok(record) = tracemark::record::SignedRecord::decode(bytes) {
        let _ = record.verify(&demo().trust);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        decode_and_verify(&bytes);
        let with_header = [b"tmrk\x01".as_slice(), &bytes].concat();
        decode_and_verify(&with_header);
    }

    #[test]
    fn mutated_records(which in 0usize..9, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut bytes = demo().records[which].bytes().to_vec();
        for (at, byte, op) in edits {
            let at = at % (bytes.len() + 1);
            match op {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ if at < bytes.len() => { bytes.remove(at); }
                _ => {}
            }
        }
        decode_and_verify(&bytes);
    }

    #[test]
    fn random_text(text in "\\PC{0,40}") {
        use tracemark::{ids, keys, record, time, vocab};
        let _ = text.parse::<ids::Gtin>();
        let _ = text.parse::<ids::Gln>();
        let _ = text.parse::<ids::Sscc>();
        let _ = text.parse::<ids::CompanyPrefix>();
        let _ = text.parse::<ids::Serial>();
        let _ = text.parse::<ids::Lot>();
        let _ = text.parse::<time::Timestamp>();
        let _ = text.parse::<time::EventTime>();
        let _ = text.parse::<time::Date>();
        let _ = text.parse::<record::Decimal>();
        let _ = text.parse::<record::Uom>();
        let _ = text.parse::<record::RecordId>();
        let _ = text.parse::<keys::PublicKey>();
        let _ = text.parse::<keys::Signature>();
        let _ = keys::SecretKey::from_secret_text(&text);
        let _ = text.parse::<vocab::Uri>();
        let _ = text.parse::<vocab::BizStep>();
        let _ = text.parse::<vocab::Disposition>();
        let _ = serde_json::from_str::<record::Record>(&text);
    }

    #[test]
    fn date_like_text(y in "[0-9é]{2,4}", m in "[0-9-]{1,3}", d in "[0-9é]{1,3}") {
        let _ = format!("{y}-{m}-{d}").parse::<tracemark::time::Date>();
        let _ = format!("{y}{m}.{d}e{m}").parse::<tracemark::record::Decimal>();
    }
}
