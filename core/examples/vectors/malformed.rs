//! Malformed vectors: bytes that are not one canonical record, each with its error code.

use serde_json::{Value, json};
use tracemark::record::{Record, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::{Error, Result};

use super::{file, find, hex};

pub fn malformed() -> Result<Value> {
    let demo = SupplyChain::build()?;
    let commission = demo.records[2].bytes().to_vec(); // the milk commission, seq 0
    let shipping = demo.records[5].bytes().to_vec();
    let cert = demo.records[0].bytes().to_vec();
    let mut cases = Vec::new();
    let mut add = |name: &str, description: &str, bytes: Vec<u8>, code: &str| -> Result<()> {
        let got = match SignedRecord::decode(&bytes) {
            Ok(_) => "decoded".to_owned(),
            Err(e) => e.code().to_owned(),
        };
        if got != code {
            return Err(Error::InvalidValue(format!(
                "malformed vector {name}: expected {code}, got {got}"
            )));
        }
        cases.push(json!({
            "name": name,
            "description": description,
            "records": [hex(&bytes)],
            "expect": { "error": code },
        }));
        Ok(())
    };
    add("empty", "No bytes at all.", vec![], "decode_truncated")?;
    add(
        "magic_only",
        "Only the magic.",
        b"tmrk".to_vec(),
        "decode_truncated",
    )?;
    add(
        "bad_magic",
        "The magic is \"tmrx\".",
        with(&commission, 3, b"x"),
        "decode_bad_magic",
    )?;
    add(
        "unknown_version",
        "Format version 2.",
        with(&commission, 4, &[2]),
        "decode_unsupported_version",
    )?;
    add(
        "version_zero",
        "Format version 0.",
        with(&commission, 4, &[0]),
        "decode_unsupported_version",
    )?;
    add(
        "header_and_signature_only",
        "Magic, version and 64 signature bytes, no record.",
        [&commission[..5], &[0u8; 64][..]].concat(),
        "decode_truncated",
    )?;
    add(
        "truncated_by_one",
        "The last byte is missing.",
        commission[..commission.len() - 1].to_vec(),
        "decode_truncated",
    )?;
    add(
        "truncated_half",
        "Only the first half of the bytes.",
        commission[..commission.len() / 2].to_vec(),
        "decode_truncated",
    )?;
    add(
        "trailing_byte",
        "One byte appended.",
        [&commission[..], &[0][..]].concat(),
        "decode_trailing_bytes",
    )?;
    // seq is the varint right after the 32-byte key: 0x00. As 0xFB 0x00 0x00 it says 0 in three bytes.
    add(
        "non_minimal_varint",
        "The sequence number 0 written as a three-byte varint (0xFB 0x00 0x00).",
        splice(&commission, 37, 1, &[0xFB, 0x00, 0x00]),
        "decode_non_canonical",
    )?;
    // Option tag 2 for `prev`.
    add(
        "option_tag_2",
        "The previous-record option has tag 2.",
        with(&commission, 38, &[2]),
        "decode_invalid_value",
    )?;
    // Body tag: after key (32), seq (1), prev (1), signed_at (9), party (1 + 9).
    let body_tag = 5 + 32 + 1 + 1 + 9 + 1 + 9;
    if commission[body_tag] != 0 {
        return Err(Error::InvalidValue(
            "the commission's body tag is not where expected".into(),
        ));
    }
    let past_last = u8::try_from(tracemark::record::RecordKind::ALL.len())
        .map_err(|_| Error::InvalidValue("too many record kinds".into()))?;
    add(
        "unknown_record_kind",
        &format!("The record-kind tag is {past_last}, one past the last kind."),
        with(&commission, body_tag, &[past_last]),
        "decode_invalid_value",
    )?;
    let lot = find(&commission, b"M2603A")?;
    add(
        "lot_not_utf8",
        "A byte of the lot number is 0xFF.",
        with(&commission, lot + 1, &[0xFF]),
        "decode_invalid_value",
    )?;
    add(
        "lot_outside_cset82",
        "A space in the lot number.",
        with(&commission, lot + 1, b" "),
        "invalid_lot",
    )?;
    add(
        "declared_length_4gib",
        "The lot number declares 2^32 - 1 bytes (0xFC + u32) in a record of a few hundred.",
        splice(&commission, lot - 1, 1, &[0xFC, 0xFF, 0xFF, 0xFF, 0xFF]),
        "decode_limit_exceeded",
    )?;
    let reason = find(demo.records[8].bytes(), b"Listeria")?;
    add(
        "declared_length_beyond_input",
        "The recall reason declares 4000 bytes (within the text limit) but fewer remain.",
        splice(demo.records[8].bytes(), reason - 1, 1, &[0xFB, 0xA0, 0x0F]),
        "decode_truncated",
    )?;
    // GTIN: the varint 0xFD + u64 LE before the lot string; add one to break the check digit.
    let gtin_at = lot - 1 - 8;
    let mut bad_gtin = commission.clone();
    bad_gtin[gtin_at] = bad_gtin[gtin_at].wrapping_add(1);
    add(
        "gtin_check_digit",
        "The milk GTIN with its last digit off by one.",
        bad_gtin,
        "invalid_gtin",
    )?;
    // The shipment's two documents swapped: a set out of order.
    let desadv = document(Some("desadv"), "DA-2026-0042");
    let po = document(Some("po"), "PO-7731");
    // Canonical order is by member bytes: "po" (length 2) sorts before "desadv" (length 6).
    let both = [po.clone(), desadv.clone()].concat();
    let at = find(&shipping, &both)?;
    add(
        "set_out_of_order",
        "The shipment's two reference documents in descending order.",
        splice(
            &shipping,
            at,
            both.len(),
            &[desadv.clone(), po.clone()].concat(),
        ),
        "decode_non_canonical",
    )?;
    add(
        "set_duplicate_member",
        "The shipment's despatch advice listed twice.",
        splice(
            &shipping,
            at,
            both.len(),
            &[desadv.clone(), desadv].concat(),
        ),
        "decode_non_canonical",
    )?;
    // The transformation's extension "…#line" = "B" (tag 3, length 1) replaced by lists
    // nested 40 deep (tag 4, one member), past the depth limit of 16.
    let transformation = demo.records[3].bytes();
    let line = find(transformation, b"dairy#line")? + b"dairy#line".len();
    if transformation[line..line + 3] != [3, 1, b'B'] {
        return Err(Error::InvalidValue(
            "the extension value is not where expected".into(),
        ));
    }
    let deep = [[4u8, 1].repeat(40), vec![0]].concat();
    add(
        "extension_nested_too_deep",
        "An extension value of lists nested 40 deep; at most 16 levels are allowed.",
        splice(transformation, line, 3, &deep),
        "decode_limit_exceeded",
    )?;
    add(
        "certificate_signer_key_not_a_point",
        "The signer key is 32 bytes that are not an Ed25519 point.",
        splice(&cert, 5, 32, &[0xFF; 32]),
        "invalid_key",
    )?;
    // seq 0 with a previous-record id: re-sign so only the rule is broken.
    let mut rule = demo.records[2].unverified().clone();
    rule.seq = 1;
    let resigned = {
        let mut r: Record = rule.clone();
        r.prev = Some(demo.records[2].id());
        r.sign(&sample::key("dairy"))?
    };
    let mut prev_on_zero = resigned.bytes().to_vec();
    prev_on_zero[37] = 0;
    add(
        "previous_record_on_sequence_zero",
        "Sequence number 0 with a previous-record id (only the first record has none).",
        prev_on_zero,
        "invalid_record",
    )?;
    // The milk GTIN (0xFD + u64) replaced by the one-byte varint 0: an all-zero GTIN.
    add(
        "gtin_all_zeros",
        "The milk GTIN replaced by 00000000000000, whose check digit is right but which no one can own.",
        splice(&commission, gtin_at - 1, 9, &[0]),
        "invalid_gtin",
    )?;
    let recall = backwards_recall()?;
    let serials = [&[1u8, b'9'][..], &[2, b'1', b'0']].concat();
    let at = find(recall.bytes(), &serials)?;
    add(
        "serial_range_backwards",
        "A recall's serial range from 10 to 9.",
        splice(
            recall.bytes(),
            at,
            serials.len(),
            &[&[2u8, b'1', b'0'][..], &[1, b'9']].concat(),
        ),
        "invalid_record",
    )?;
    // Date window 2026-03-01 .. 2026-03-31: days 20513 and 20543, zigzag 41026 and 41086,
    // each a 0xFB u16 varint.
    let window = [0xFB, 0x42, 0xA0, 0xFB, 0x7E, 0xA0];
    let at = find(recall.bytes(), &window)?;
    add(
        "date_window_backwards",
        "A recall's date window from 2026-03-31 to 2026-03-01.",
        splice(recall.bytes(), at, 6, &[0xFB, 0x7E, 0xA0, 0xFB, 0x42, 0xA0]),
        "invalid_record",
    )?;
    add(
        "varint_marker_u128",
        "The sequence number starts with marker 0xFE (a 16-byte integer), too wide for a u64.",
        splice(
            &commission,
            37,
            1,
            &[0xFE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ),
        "decode_invalid_value",
    )?;
    // A certificate ends with valid_until, may_certify (bool), replaces (option), signature.
    let may_certify = cert.len() - 64 - 2;
    if cert[may_certify..may_certify + 2] != [0, 0] {
        return Err(Error::InvalidValue(
            "may_certify is not where expected".into(),
        ));
    }
    add(
        "bool_byte_2",
        "The certificate's may_certify byte is 2.",
        with(&cert, may_certify, &[2]),
        "decode_invalid_value",
    )?;
    // y = p (2^255 - 19) decodes to the point with y = 0, whose canonical encoding is all zeros.
    let mut y_is_p = [0xFFu8; 32];
    y_is_p[0] = 0xED;
    y_is_p[31] = 0x7F;
    add(
        "key_not_canonical",
        "The signer key is the non-canonical encoding y = p of a valid point.",
        splice(&cert, 5, 32, &y_is_p),
        "invalid_key",
    )?;
    let step = b"\x0dcommissioning";
    let at = find(&commission, step)?;
    let urn = b"urn:epcglobal:cbv:bizstep:commissioning";
    add(
        "cbv_term_as_urn",
        "The business step written as its CBV URN instead of the bare word.",
        splice(
            &commission,
            at,
            step.len(),
            &[&[urn.len() as u8][..], urn].concat(),
        ),
        "decode_non_canonical",
    )?;
    // 500 litres: mantissa 5 (zigzag 10), exponent 2, then the unit option and "LTR".
    let litres = find(&commission, &[0x0a, 0x02, 0x01, 0x03, b'L', b'T', b'R'])?;
    add(
        "decimal_trailing_zero",
        "500 litres written as 50 x 10^1 instead of 5 x 10^2.",
        splice(&commission, litres, 2, &[0x64, 0x01]),
        "decode_non_canonical",
    )?;
    let transformation = demo.records[3].bytes();
    let fat = b"https://example.com/dairy#fatPercent";
    let line = b"https://example.com/dairy#line";
    let first = [&[fat.len() as u8][..], fat, &[2, 0x46, 0xFF]].concat(); // 3.5 = 35 x 10^-1
    let second = [&[line.len() as u8][..], line, &[3, 1, b'B']].concat();
    let both = [first.clone(), second.clone()].concat();
    let at = find(transformation, &both)?;
    add(
        "extension_keys_out_of_order",
        "The transformation's two extension fields in descending key order.",
        splice(transformation, at, both.len(), &[second, first].concat()),
        "decode_non_canonical",
    )?;
    Ok(file(
        "Bytes that are not one canonical record. Decoding must fail with exactly the code given.",
        cases,
    ))
}

fn with(bytes: &[u8], at: usize, replacement: &[u8]) -> Vec<u8> {
    splice(bytes, at, replacement.len(), replacement)
}

fn splice(bytes: &[u8], at: usize, remove: usize, insert: &[u8]) -> Vec<u8> {
    [&bytes[..at], insert, &bytes[at + remove..]].concat()
}

/// The canonical bytes of a reference document: option tag, type, number.
fn document(kind: Option<&str>, id: &str) -> Vec<u8> {
    let mut out = Vec::new();
    match kind {
        Some(k) => {
            out.push(1);
            out.push(k.len() as u8);
            out.extend_from_slice(k.as_bytes());
        }
        None => out.push(0),
    }
    out.push(id.len() as u8);
    out.extend_from_slice(id.as_bytes());
    out
}

/// A recall notice by the dairy with one serial range (9 to 10) and one date window
/// (2026-03-01 to 2026-03-31), to be turned backwards byte by byte.
fn backwards_recall() -> Result<SignedRecord> {
    use tracemark::record::{Body, DateField, DateWindow, RecallNotice, RecallScope, SerialRange};
    let demo = SupplyChain::build()?;
    let Body::RecallNotice(notice) = &demo.records[8].unverified().body else {
        return Err(Error::WrongKind(
            "record 8 of the sample is not a recall".into(),
        ));
    };
    let gtin = demo.catalogue.yoghurt;
    let scope = RecallScope {
        serial_ranges: tracemark::Set::new(vec![SerialRange {
            gtin,
            first: "9".parse()?,
            last: "10".parse()?,
        }])?,
        date_windows: tracemark::Set::new(vec![DateWindow {
            gtin,
            field: DateField::Production,
            from: "2026-03-01".parse()?,
            until: "2026-03-31".parse()?,
        }])?,
        ..RecallScope::default()
    };
    let mut record: Record = demo.records[8].unverified().clone();
    record.body = Body::RecallNotice(RecallNotice {
        scope,
        ..notice.clone()
    });
    record.sign(&sample::key("dairy"))
}
