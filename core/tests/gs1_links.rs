//! GS1 Digital Link against the GS1 Syntax Engine's own test cases, and EPC URIs against the
//! Tag Data Standard's worked examples: parsing, generation and the conversions between
//! element strings, Digital Link and EPC URIs. The cases are compiled in, so these run on
//! `wasm32-unknown-unknown` too.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use serde_json::Value;
use tracemark::Error;
use tracemark::ids::{
    ClassId, CompanyPrefix, DigitalLink, ElementStrings, EpcKind, EpcUri, ObjectId, ParseOptions,
    PrefixLengths,
};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Transcribed from gs1/gs1-syntax-engine's dl.c unit tests (Apache-2.0; see the file).
const CASES: &str = include_str!("data/gs1_digital_link_cases.json");

fn options_of(case: &Value) -> Option<ParseOptions> {
    let mut options = ParseOptions::default();
    for (name, value) in case["options"].as_object()? {
        match (name.as_str(), value.as_bool()) {
            ("zero_suppressed_gtin", Some(on)) => options.zero_suppressed_gtin = on,
            // Deprecated in Digital Link 1.2 (convenience alphas) or outside the
            // dictionary (unknown AIs): tracemark does not offer them.
            _ => return None,
        }
    }
    Some(options)
}

fn rule(err: Error) -> &'static str {
    match err {
        Error::Gs1(e) => e.rule,
        other => panic!("not a GS1 error: {other}"),
    }
}

#[test]
fn parses_as_the_gs1_syntax_engine_does() {
    let cases: Value = serde_json::from_str(CASES).unwrap();
    let (mut accepted, mut rejected, mut skipped) = (0, 0, 0);
    for case in cases["parse"].as_array().unwrap() {
        let uri = case["uri"].as_str().unwrap();
        let Some(options) = options_of(case) else {
            skipped += 1;
            continue;
        };
        let got = DigitalLink::parse_with(uri, options);
        if case["ok"].as_bool().unwrap() {
            let link = got.unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert_eq!(
                link.element_strings().to_bracketed(),
                case["expect"].as_str().unwrap(),
                "{uri}"
            );
            // Writing it out and reading it again gives the same data.
            let again = DigitalLink::parse(&link.to_uri()).unwrap();
            assert_eq!(again.element_strings(), link.element_strings(), "{uri}");
            accepted += 1;
        } else {
            let err = got.expect_err(uri);
            assert_eq!(err.code(), "invalid_digital_link", "{uri}: {err}");
            rejected += 1;
        }
    }
    assert_eq!((accepted, rejected, skipped), (66, 28, 5));
}

#[test]
fn keeps_other_query_parameters_as_written() {
    let cases: Value = serde_json::from_str(CASES).unwrap();
    let list = cases["ignored_query_params"].as_array().unwrap();
    for case in list {
        let link = DigitalLink::parse(case["uri"].as_str().unwrap()).unwrap();
        let kept: Vec<String> = link
            .other_params()
            .iter()
            .map(|(n, v)| match v {
                Some(v) => format!("{n}={v}"),
                None => n.clone(),
            })
            .collect();
        assert_eq!(serde_json::json!(kept), case["ignored"]);
    }
    assert_eq!(list.len(), 5);
}

#[test]
fn generates_as_the_gs1_syntax_engine_does() {
    let cases: Value = serde_json::from_str(CASES).unwrap();
    let (mut generated, mut refused, mut skipped) = (0, 0, 0);
    for case in cases["generate"].as_array().unwrap() {
        if options_of(case).is_none() {
            skipped += 1;
            continue;
        }
        let data = ElementStrings::parse(case["input"].as_str().unwrap()).unwrap();
        let got = DigitalLink::from_element_strings(&data, case["stem"].as_str());
        if case["ok"].as_bool().unwrap() {
            let link = got.unwrap();
            assert_eq!(link.to_uri(), case["expect"].as_str().unwrap());
            generated += 1;
        } else {
            assert_eq!(rule(got.unwrap_err()), "invalid_dl_data_attribute");
            refused += 1;
        }
    }
    assert_eq!((generated, refused, skipped), (14, 3, 2));
}

#[test]
fn digital_link_errors_name_rule_ai_and_position() {
    let cases = [
        (
            "https://id.gs1.org/01/09506000134352/21/X/10/L",
            "invalid_key_qualifier_sequence",
            Some("01"),
            18,
        ),
        (
            "https://id.gs1.org/01/09506000134353",
            "incorrect_check_digit",
            Some("01"),
            35,
        ),
        (
            "https://id.gs1.org/01/09506000134352/10/A%2FB%20C",
            "invalid_cset82_character",
            Some("10"),
            45,
        ),
        (
            "https://id.gs1.org/01/09506000134352?10=A",
            "ai_should_be_in_path_info",
            Some("10"),
            37,
        ),
        (
            "https://id.gs1.org/01/09506000134352?17=271231&17=271231",
            "duplicate_ai",
            Some("17"),
            47,
        ),
        (
            "https://id.gs1.org/01/09506000134352?8200=A",
            "invalid_dl_data_attribute",
            Some("8200"),
            37,
        ),
        (
            "https://id.gs1.org/01/09506000134352?999=A",
            "unknown_ai_in_query_params",
            Some("999"),
            37,
        ),
        (
            "https://id.gs1.org/01/09506000134352/",
            "uri_ends_with_slash",
            None,
            36,
        ),
        (
            "https://id.gs1.org/gtin/09506000134352",
            "no_primary_key",
            None,
            18,
        ),
        (
            "https://id.gs1.org/01/0950600013435 2",
            "uri_contains_illegal_characters",
            None,
            35,
        ),
        (
            "HtTp://id.gs1.org/01/09506000134352",
            "uri_contains_illegal_scheme",
            None,
            0,
        ),
        (
            "https://id.gs1.org/01/09506000134352/10/%00",
            "uri_contains_illegal_characters",
            None,
            40,
        ),
        (
            "https://id.gs1.org/01/09506000134352?10=A",
            "ai_should_be_in_path_info",
            Some("10"),
            37,
        ),
        (
            "https://id.gs1.org/414/9506000134352?02=09506000134352",
            "required_ais_not_satisfied",
            Some("02"),
            37,
        ),
    ];
    for (uri, want_rule, want_ai, want_at) in cases {
        match DigitalLink::parse(uri).unwrap_err() {
            Error::Gs1(e) => {
                assert_eq!(
                    (e.rule, e.ai.as_deref(), e.position),
                    (want_rule, want_ai, want_at),
                    "{uri}"
                );
            }
            other => panic!("{other}"),
        }
    }
}

#[test]
fn review_findings_stay_fixed() {
    // A stem with a non-ASCII character is refused, not a panic.
    let data = ElementStrings::parse("(01)09506000134352").unwrap();
    assert_eq!(
        rule(
            DigitalLink::from_element_strings(&data, Some("https://b\u{fc}cher.example"))
                .unwrap_err()
        ),
        "uri_contains_illegal_characters"
    );
    // GS1's reference checks a repeated AI first, then whether it may be an attribute at all.
    assert_eq!(
        rule(
            DigitalLink::parse("https://id.gs1.org/01/09506000134352/10/ABC123?10=ABC123")
                .unwrap_err()
        ),
        "duplicate_ai"
    );
    assert_eq!(
        rule(DigitalLink::parse("https://id.gs1.org/01/09506000134352?21=X").unwrap_err()),
        "invalid_dl_data_attribute"
    );
    // A GIAI prefix must be digits with a reference after it.
    for (es, length) in [("(8004)0614ABC123", 7), ("(8004)061414112345", 12)] {
        let data = ElementStrings::parse(es).unwrap();
        assert_eq!(
            rule(EpcUri::from_element_strings(&data, &length).unwrap_err()),
            "company_prefix_length_invalid",
            "{es}"
        );
    }
    use tracemark::ids::CompanyPrefixLength;
    assert_eq!(PrefixLengths::new().company_prefix_length("0\u{e9}1"), None);
}

#[test]
fn canonical_form_drops_stem_and_attributes_and_encodes_once() {
    let a = DigitalLink::parse(
        "https://brand.example/x/y/01/09506000134352/21/A%2f1?17=271231&linkType=all",
    )
    .unwrap();
    let b = DigitalLink::parse("http://id.gs1.org/01/09506000134352/21/A%2F1").unwrap();
    assert_eq!(a.to_canonical_uri(), b.to_canonical_uri());
    assert_eq!(
        a.to_canonical_uri(),
        "https://id.gs1.org/01/09506000134352/21/A%2F1"
    );
    assert_eq!(
        a.to_uri(),
        "https://brand.example/x/y/01/09506000134352/21/A%2F1?17=271231&linkType=all"
    );
    let moved = a.with_stem("https://resolver.example/").unwrap();
    assert_eq!(
        moved.to_uri(),
        "https://resolver.example/01/09506000134352/21/A%2F1?17=271231&linkType=all"
    );
    assert_eq!(a.sgtin().unwrap().serial.as_str(), "A/1");
    assert_eq!(
        DigitalLink::from(&a.sgtin().unwrap()).to_uri(),
        a.to_canonical_uri()
    );
}

/// Worked examples of the Tag Data Standard and of GS1's translators, with the company
/// prefix length each assumes.
const EPC_EXAMPLES: &[(&str, usize, &str)] = &[
    (
        "(01)80614141123458(21)6789",
        7,
        "urn:epc:id:sgtin:0614141.812345.6789",
    ),
    (
        "(01)00614141123452(21)400",
        7,
        "urn:epc:id:sgtin:0614141.012345.400",
    ),
    (
        "(01)04012345111118(21)987",
        7,
        "urn:epc:id:sgtin:4012345.011111.987",
    ),
    (
        "(01)12345678901231(21)9999",
        9,
        "urn:epc:id:sgtin:234567890.1123.9999",
    ),
    (
        "(01)80614141123458(21)AB/12\"%",
        7,
        "urn:epc:id:sgtin:0614141.812345.AB%2F12%22%25",
    ),
    (
        "(00)106141412345678908",
        7,
        "urn:epc:id:sscc:0614141.1234567890",
    ),
    (
        "(00)012345666638689852",
        6,
        "urn:epc:id:sscc:123456.06663868985",
    ),
    (
        "(414)0614141123452(254)5678",
        7,
        "urn:epc:id:sgln:0614141.12345.5678",
    ),
    ("(414)0614141123452", 7, "urn:epc:id:sgln:0614141.12345.0"),
    ("(414)6880009384936", 12, "urn:epc:id:sgln:688000938493..0"),
    (
        "(8003)00614141123452400",
        7,
        "urn:epc:id:grai:0614141.12345.400",
    ),
    (
        "(8003)006141411324540",
        12,
        "urn:epc:id:grai:061414113245..0",
    ),
    (
        "(8003)00614141123452ABCD1234/",
        7,
        "urn:epc:id:grai:0614141.12345.ABCD1234%2F",
    ),
    (
        "(8004)061414112345400",
        7,
        "urn:epc:id:giai:0614141.12345400",
    ),
    (
        "(8018)061414112345678902",
        7,
        "urn:epc:id:gsrn:0614141.1234567890",
    ),
    (
        "(8017)061414112345678902",
        7,
        "urn:epc:id:gsrnp:0614141.1234567890",
    ),
    (
        "(253)4012345678901XYZ",
        7,
        "urn:epc:id:gdti:4012345.67890.XYZ",
    ),
    (
        "(255)401234567890112",
        7,
        "urn:epc:id:sgcn:4012345.67890.12",
    ),
    ("(417)0614141123452", 7, "urn:epc:id:pgln:0614141.12345"),
    ("(401)0614141ABC/1", 7, "urn:epc:id:ginc:0614141.ABC%2F1"),
    (
        "(402)06141411234567890",
        7,
        "urn:epc:id:gsin:0614141.123456789",
    ),
    (
        "(8006)040123451234560102(21)S1",
        7,
        "urn:epc:id:itip:4012345.012345.01.02.S1",
    ),
    (
        "(01)04012345123456(235)TPX1",
        7,
        "urn:epc:id:upui:4012345.012345.TPX1",
    ),
    (
        "(8010)0614141AB#/1(8011)123",
        7,
        "urn:epc:id:cpi:0614141.AB%23%2F1.123",
    ),
    (
        "(01)04012345123456(10)998877",
        7,
        "urn:epc:class:lgtin:4012345.012345.998877",
    ),
    (
        "(01)59046537003455(10)998877",
        7,
        "urn:epc:class:lgtin:9046537.500345.998877",
    ),
    (
        "(01)10614141123459",
        7,
        "urn:epc:idpat:sgtin:0614141.112345.*",
    ),
    (
        "(8003)00614141123452",
        7,
        "urn:epc:idpat:grai:0614141.12345.*",
    ),
    (
        "(253)4012345678901",
        7,
        "urn:epc:idpat:gdti:4012345.67890.*",
    ),
];

#[test]
fn epc_uris_convert_both_ways_as_the_tag_data_standard_shows() {
    for (es, length, uri) in EPC_EXAMPLES {
        let data = ElementStrings::parse(es).unwrap();
        let epc =
            EpcUri::from_element_strings(&data, length).unwrap_or_else(|e| panic!("{es}: {e}"));
        assert_eq!(epc.to_string(), *uri, "{es}");
        let parsed = EpcUri::parse(uri).unwrap_or_else(|e| panic!("{uri}: {e}"));
        assert_eq!(parsed, epc, "{uri}");
        assert_eq!(parsed.element_strings().unwrap(), data, "{uri}");
        // And on to Digital Link and back, which needs the length again.
        let link = parsed.digital_link().unwrap();
        assert_eq!(
            EpcUri::from_digital_link(&link, length).unwrap(),
            epc,
            "{uri}"
        );
    }
}

#[test]
fn epc_uris_give_the_foundation_keys() {
    let item = EpcUri::parse("urn:epc:id:sgtin:0614141.812345.6789").unwrap();
    assert!(matches!(item.object_id(), Some(ObjectId::Item(i)) if i.serial.as_str() == "6789"));
    let unit = EpcUri::parse("urn:epc:id:sscc:0614141.1234567890").unwrap();
    assert!(matches!(unit.object_id(), Some(ObjectId::Unit(_))));
    let lot = EpcUri::parse("urn:epc:class:lgtin:4012345.012345.998877").unwrap();
    assert!(matches!(lot.class_id(), Some(ClassId::Lot(l)) if l.lot.as_str() == "998877"));
    let product = EpcUri::parse("urn:epc:idpat:sgtin:4012345.012345.*").unwrap();
    assert!(matches!(product.class_id(), Some(ClassId::Product(_))));
    assert_eq!(product.kind(), EpcKind::Pattern);
    let place = EpcUri::parse("urn:epc:id:sgln:0614141.12345.0").unwrap();
    assert!(place.sgln().unwrap().extension.is_none());
    let wide = EpcUri::parse("urn:epc:idpat:sgtin:0614141.*.*").unwrap();
    assert_eq!(wide.element_strings(), None);
    assert_eq!(wide.company_prefix(), Some("0614141"));
    assert_eq!(
        EpcUri::parse("urn:epc:idpat:sgtin:*.*.*")
            .unwrap()
            .to_string(),
        "urn:epc:idpat:sgtin:*.*.*"
    );
}

#[test]
fn epc_uris_accept_any_escape_and_write_the_canonical_one() {
    let epc = EpcUri::parse("urn:epc:id:sgtin:0614141.812345.%41b%2f").unwrap();
    assert_eq!(epc.to_string(), "urn:epc:id:sgtin:0614141.812345.Ab%2F");
}

#[test]
fn bad_epc_uris_say_which_rule() {
    for (uri, want) in [
        (
            "urn:epc:tag:sgtin-96:3.0614141.812345.6789",
            "unsupported_uri",
        ),
        ("urn:epc:id:gid:95100000.12345.400", "unsupported_scheme"),
        ("urn:epc:id:sgtin:0614141.812345", "wrong_component_count"),
        (
            "urn:epc:id:sgtin:06141.81234567.1",
            "invalid_company_prefix",
        ),
        ("urn:epc:id:sgtin:0614141.81234.1", "invalid_reference"),
        ("urn:epc:id:sgtin:0614141.812345.A/B", "invalid_character"),
        ("urn:epc:id:sgtin:0614141.812345.A%23", "invalid_escape"),
        ("urn:epc:id:sgtin:0614141.812345.A%2", "invalid_escape"),
        ("urn:epc:id:sgtin:0614141.812345.", "invalid_serial"),
        ("urn:epc:idpat:sgtin:0614141.*.1", "invalid_pattern"),
        (
            "urn:epc:id:sgtin:0614141.812345.123456789012345678901",
            "ai_value_is_too_long",
        ),
        ("urn:epc:id:grai:0614141.12345.", "invalid_serial"),
        ("urn:epc:id:sgcn:4012345.67890.A1", "invalid_serial"),
    ] {
        let err = EpcUri::parse(uri).unwrap_err();
        assert_eq!(err.code(), "invalid_epc_uri", "{uri}");
        assert_eq!(rule(err), want, "{uri}");
    }
}

#[test]
fn a_missing_company_prefix_length_is_an_error_not_a_guess() {
    let data = ElementStrings::parse("(01)80614141123458(21)6789").unwrap();
    assert_eq!(
        rule(EpcUri::from_element_strings(&data, &PrefixLengths::new()).unwrap_err()),
        "company_prefix_length_unknown"
    );
    assert_eq!(
        rule(EpcUri::from_element_strings(&data, &13).unwrap_err()),
        "company_prefix_length_invalid"
    );
    let brand = CompanyPrefix::parse("0614141").unwrap();
    assert_eq!(
        EpcUri::from_element_strings(&data, &brand)
            .unwrap()
            .to_string(),
        "urn:epc:id:sgtin:0614141.812345.6789"
    );
    let other = ElementStrings::parse("(01)04012345111118(21)987").unwrap();
    assert_eq!(
        rule(EpcUri::from_element_strings(&other, &brand).unwrap_err()),
        "company_prefix_length_unknown"
    );
    let mut table = PrefixLengths::new();
    table.insert("401", 7).unwrap();
    assert_eq!(
        EpcUri::from_element_strings(&other, &table)
            .unwrap()
            .to_string(),
        "urn:epc:id:sgtin:4012345.011111.987"
    );
}

#[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
mod round_trips {
    use proptest::prelude::*;
    use tracemark::ids::{DigitalLink, ElementStrings, EpcUri, check_digit};

    fn key(body: &str) -> String {
        format!("{body}{}", check_digit(body.as_bytes()))
    }

    /// Serialised or lot-coded items, logistic units and places, with values over all of
    /// CSET 82 (the characters every escape scheme must get right).
    fn data() -> impl Strategy<Value = ElementStrings> {
        let cset82 = "[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}";
        let item = (
            "[0-9]{13}",
            proptest::option::of(cset82),
            proptest::option::of(cset82),
            proptest::option::of((0u8..99, 1u8..13, 0u8..29)),
        )
            .prop_map(|(body, lot, serial, expiry)| {
                let mut pairs = vec![("01".to_owned(), key(&body))];
                if let Some((y, m, d)) = expiry {
                    pairs.push(("17".into(), format!("{y:02}{m:02}{d:02}")));
                }
                if let Some(l) = lot {
                    pairs.push(("10".into(), l));
                }
                if let Some(s) = serial {
                    pairs.push(("21".into(), s));
                }
                pairs
            });
        let unit = "[0-9]{17}".prop_map(|b| vec![("00".to_owned(), key(&b))]);
        let place = ("[0-9]{12}", proptest::option::of(cset82)).prop_map(|(b, ext)| {
            let mut pairs = vec![("414".to_owned(), key(&b))];
            if let Some(e) = ext.filter(|e| e != "0") {
                pairs.push(("254".into(), e));
            }
            pairs
        });
        prop_oneof![item, unit, place].prop_map(|pairs| {
            ElementStrings::from_pairs(pairs.iter().map(|(a, v)| (a.as_str(), v.as_str())))
                .expect("valid by construction")
        })
    }

    fn sorted(data: &ElementStrings) -> Vec<(String, String)> {
        let mut pairs: Vec<_> = data
            .elements()
            .iter()
            .map(|e| (e.ai().to_owned(), e.value().to_owned()))
            .collect();
        pairs.sort();
        pairs
    }

    proptest! {
        #[test]
        fn every_form_reads_back(data in data(), prefix in 6usize..=12) {
            prop_assert_eq!(&ElementStrings::parse(&data.to_bracketed()).unwrap(), &data);
            prop_assert_eq!(&ElementStrings::parse(&data.to_unbracketed()).unwrap(), &data);
            let link = DigitalLink::from_element_strings(&data, Some("https://b.example/x")).unwrap();
            let read = DigitalLink::parse(&link.to_uri()).unwrap();
            prop_assert_eq!(sorted(read.element_strings()), sorted(&data));
            prop_assert_eq!(read.to_uri(), link.to_uri());
            // The EPC holds the key and its qualifiers (not the expiry, and a lot and a
            // serial together have no EPC scheme: the SGTIN wins).
            let epc = EpcUri::from_element_strings(&data, &prefix).unwrap();
            let again = EpcUri::parse(&epc.to_string()).unwrap();
            prop_assert_eq!(&again, &epc);
            let named = again.element_strings().unwrap();
            for e in named.elements() {
                prop_assert_eq!(data.get(e.ai()), Some(e.value()));
            }
        }
    }
}
