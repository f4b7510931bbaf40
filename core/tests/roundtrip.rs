//! Property tests: every record kind survives sign → bytes → decode, and its JSON view, intact.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use proptest::collection::vec;
use proptest::prelude::*;
use tracemark::ids::{
    ClassId, CompanyPrefix, Gln, GlnExtension, Gtin, Lgtin, ObjectId, Sgln, Sgtin, Sscc,
};
use tracemark::keys::SecretKey;
use tracemark::record::*;
use tracemark::time::{Date, EventTime, Timestamp};
use tracemark::trust::{KeyCertificate, KeyRevocation, PartyScope, RevocationReason};
use tracemark::vocab::{BizStep, Disposition, DocumentType, SourceDestType, Uri};
use tracemark::{Set, Text};

const CSET82: &str = tracemark::ids::CSET82;

fn cset82(max: usize) -> impl Strategy<Value = String> {
    vec(
        proptest::sample::select(CSET82.chars().collect::<Vec<_>>()),
        1..=max,
    )
    .prop_map(|c| c.into_iter().collect())
}

fn gtin() -> impl Strategy<Value = Gtin> {
    (0u64..10u64.pow(13)).prop_map(|n| Gtin::with_check_digit(&format!("{n:013}")).unwrap())
}

fn gln() -> impl Strategy<Value = Gln> {
    (0u64..10u64.pow(12)).prop_map(|n| Gln::with_check_digit(&format!("{n:012}")).unwrap())
}

fn sscc() -> impl Strategy<Value = Sscc> {
    (0u64..10u64.pow(17)).prop_map(|n| Sscc::with_check_digit(&format!("{n:017}")).unwrap())
}

fn lgtin() -> impl Strategy<Value = Lgtin> {
    (gtin(), cset82(20)).prop_map(|(g, l)| Lgtin::new(g, l.parse().unwrap()))
}

fn object() -> impl Strategy<Value = ObjectId> {
    prop_oneof![
        (gtin(), cset82(20)).prop_map(|(g, s)| ObjectId::Item(Sgtin::new(g, s.parse().unwrap()))),
        sscc().prop_map(ObjectId::Unit),
    ]
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (0i64..1_000_000_000_000, -6i8..6).prop_map(|(m, e)| Decimal::new(m, e).unwrap())
}

fn quantity_element() -> impl Strategy<Value = QuantityElement> {
    let class = prop_oneof![
        gtin().prop_map(ClassId::Product),
        lgtin().prop_map(ClassId::Lot)
    ];
    let uom = proptest::option::of(proptest::sample::select(vec!["KGM", "LTR", "EA", "H87"]));
    let quantity = proptest::option::of(
        (decimal(), uom)
            .prop_map(|(d, u)| Quantity::new(d, u.map(|u| u.parse().unwrap())).unwrap()),
    );
    (class, quantity).prop_map(|(class, quantity)| QuantityElement { class, quantity })
}

fn goods(min: usize) -> impl Strategy<Value = Goods> {
    (vec(object(), 0..6), vec(quantity_element(), 0..4))
        .prop_filter("enough goods", move |(o, q)| o.len() + q.len() >= min)
        .prop_map(|(o, q)| Goods {
            objects: Set::new(o).unwrap(),
            quantities: Set::new(q).unwrap(),
        })
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..253_402_300_799_999).prop_map(|t| Timestamp::from_unix_millis(t).unwrap())
}

fn date() -> impl Strategy<Value = Date> {
    (0i32..2_932_896).prop_map(|d| Date::from_days_since_epoch(d).unwrap())
}

fn location() -> impl Strategy<Value = Location> {
    prop_oneof![
        (gln(), proptest::option::of(cset82(20))).prop_map(|(g, e)| Location::Gln(Sgln {
            gln: g,
            extension: e.map(|e| e.parse::<GlnExtension>().unwrap()),
        })),
        "[a-z]{1,8}:[a-zA-Z0-9/._-]{1,30}".prop_map(|u| Location::Uri(Uri::parse(&u).unwrap())),
    ]
}

fn text(max: usize) -> impl Strategy<Value = Text> {
    proptest::string::string_regex(&format!(".{{0,{max}}}"))
        .unwrap()
        .prop_map(|s| Text::new(s).unwrap())
}

fn ext_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        (-1_000_000i64..1_000_000).prop_map(|n| serde_json::json!(n)),
        "[ -~]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z:]{1,6}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn event() -> impl Strategy<Value = Event> {
    let steps = BizStep::TERMS.to_vec();
    let disps = Disposition::TERMS.to_vec();
    let sd = || {
        (
            proptest::sample::select(SourceDestType::TERMS.to_vec()),
            location(),
        )
            .prop_map(|(k, id)| SourceDest {
                kind: k.parse().unwrap(),
                id,
            })
    };
    let doc = (
        proptest::option::of(proptest::sample::select(DocumentType::TERMS.to_vec())),
        "[A-Z0-9-]{1,16}",
    )
        .prop_map(|(k, id)| Document::new(k.map(|k| k.parse().unwrap()), &id).unwrap());
    (
        (timestamp(), -840i16..=840),
        proptest::option::of(location()),
        proptest::option::of(location()),
        proptest::option::of(proptest::sample::select(steps)),
        proptest::option::of(proptest::sample::select(disps)),
        vec(sd(), 0..3),
        vec(sd(), 0..3),
        vec(doc, 0..3),
        proptest::collection::btree_map("[a-z]{1,5}:[a-z]{1,8}", ext_value(), 0..3),
    )
        .prop_map(
            |((t, off), rp, bl, step, disp, src, dst, docs, ext)| Event {
                time: EventTime::new(t, off).unwrap(),
                read_point: rp,
                biz_location: bl,
                biz_step: step.map(|s| s.parse().unwrap()),
                disposition: disp.map(|s| s.parse().unwrap()),
                sources: Set::new(src).unwrap(),
                destinations: Set::new(dst).unwrap(),
                documents: Set::new(docs).unwrap(),
                extensions: Extensions::from_json(&serde_json::Value::Object(
                    ext.into_iter().collect(),
                ))
                .unwrap(),
            },
        )
}

fn body() -> impl Strategy<Value = Body> {
    let commission = (
        goods(1),
        proptest::option::of(date()),
        proptest::option::of(date()),
        event(),
    )
        .prop_map(|(goods, p, e, event)| {
            Body::Commission(Commission {
                goods,
                production_date: p,
                expiry_date: e,
                event,
            })
        });
    let aggregation = (any::<bool>(), object(), goods(1), event()).prop_filter_map(
        "container inside itself",
        |(pack, parent, children, event)| {
            (!children.objects.iter().any(|c| *c == parent)).then(|| {
                let action = if pack {
                    AggregationAction::Pack
                } else {
                    AggregationAction::Unpack
                };
                Body::Aggregation(Aggregation {
                    action,
                    parent,
                    children,
                    event,
                })
            })
        },
    );
    let shipping =
        (goods(1), event()).prop_map(|(goods, event)| Body::Shipping(Transfer { goods, event }));
    let receiving =
        (goods(1), event()).prop_map(|(goods, event)| Body::Receiving(Transfer { goods, event }));
    let transformation = (proptest::option::of(text(40)), goods(1), goods(1), event()).prop_map(
        |(id, inputs, outputs, event)| {
            Body::Transformation(Transformation {
                transformation_id: id,
                inputs,
                outputs,
                event,
            })
        },
    );
    let statuses = vec![
        Status::Sold,
        Status::Dispensed,
        Status::Destroyed,
        Status::Stolen,
        Status::Expired,
        Status::Returned,
        Status::Exported,
        Status::Sample,
    ];
    let status = (proptest::sample::select(statuses), goods(1), event()).prop_map(
        |(status, goods, event)| {
            Body::StatusChange(StatusChange {
                status,
                goods,
                event,
            })
        },
    );
    let recall = (
        text(30),
        0u32..5,
        vec(gtin(), 0..3),
        vec(lgtin(), 1..3),
        vec(lgtin(), 0..2),
        text(200),
        any::<bool>(),
    )
        .prop_map(
            |(id, revision, products, lots, inputs, reason, withdrawn)| {
                Body::RecallNotice(RecallNotice {
                    notice_id: Text::new(format!("N{id}")).unwrap(),
                    revision,
                    status: if withdrawn {
                        NoticeStatus::Withdrawn
                    } else {
                        NoticeStatus::Active
                    },
                    supersedes: (revision > 0).then(|| RecordId::from_bytes([revision as u8; 32])),
                    scope: RecallScope {
                        products: Set::new(products).unwrap(),
                        lots: Set::new(lots).unwrap(),
                        input_lots: Set::new(inputs).unwrap(),
                        ..RecallScope::default()
                    },
                    reason,
                    classification: RecallClass::ClassII,
                    actions: Set::new(vec![
                        RecallAction::Destroy,
                        RecallAction::Other(Text::new("call us").unwrap()),
                    ])
                    .unwrap(),
                })
            },
        );
    let certificate = (
        any::<[u8; 32]>(),
        text(40),
        vec(gln(), 1..3),
        1i64..1_000_000,
        any::<bool>(),
    )
        .prop_map(|(seed, name, glns, days, may)| {
            let from = Timestamp::from_unix_millis(1_700_000_000_000).unwrap();
            Body::KeyCertificate(KeyCertificate {
                subject: SecretKey::from_seed(seed).public_key(),
                subject_name: name,
                parties: Set::new(
                    glns.into_iter()
                        .map(PartyScope::Gln)
                        .chain([PartyScope::CompanyPrefix(
                            CompanyPrefix::parse("4000001").unwrap(),
                        )])
                        .collect(),
                )
                .unwrap(),
                kinds: Set::new(RecordKind::ALL.to_vec()).unwrap(),
                valid_from: from,
                valid_until: Timestamp::from_unix_millis(from.unix_millis() + days * 86_400_000)
                    .unwrap(),
                may_certify: may,
                replaces: None,
            })
        });
    let revocation = (
        any::<[u8; 32]>(),
        timestamp(),
        proptest::option::of(0u64..1000),
    )
        .prop_map(|(seed, t, last)| {
            Body::KeyRevocation(KeyRevocation {
                key: SecretKey::from_seed(seed).public_key(),
                reason: RevocationReason::KeyCompromise,
                effective: t,
                compromised_since: Some(t),
                last_good_seq: last,
            })
        });
    prop_oneof![
        commission,
        aggregation,
        shipping,
        receiving,
        transformation,
        status,
        recall,
        certificate,
        revocation,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_kind_round_trips(body in body(), seq in 0u64..1_000_000, t in timestamp(), party in proptest::option::of(gln())) {
        let key = SecretKey::from_seed([9; 32]);
        let record = Record {
            signer: key.public_key(),
            seq,
            prev: (seq > 0).then(|| RecordId::from_bytes([7; 32])),
            signed_at: t,
            party,
            body,
        };
        let signed = record.clone().sign(&key).unwrap();
        let decoded = SignedRecord::decode(signed.bytes()).unwrap();
        prop_assert_eq!(decoded.unverified(), &record);
        prop_assert_eq!(decoded.id(), signed.id());
        prop_assert!(decoded.signature_is_valid());
        let json = serde_json::to_value(&record).unwrap();
        let back: Record = serde_json::from_value(json).unwrap();
        prop_assert_eq!(back, record);
    }
}
