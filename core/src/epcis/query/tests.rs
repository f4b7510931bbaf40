use serde_json::json;

use super::*;

fn event(v: Value) -> EpcisEvent {
    match EpcisEvent::from_json(&v) {
        Ok(e) => e,
        Err(e) => panic!("test event does not read: {e}"),
    }
}

fn shipping(epc: &str, time: &str, extra: Value) -> EpcisEvent {
    let mut v = json!({
        "@context": {"example": "https://ns.example.com/epcis/"},
        "type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping",
        "disposition": "in_transit",
        "eventTime": time, "eventTimeZoneOffset": "+01:00",
        "epcList": [epc],
        "readPoint": {"id": "urn:epc:id:sgln:0614141.00777.0"},
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:0614141.00001"}],
    });
    if let (Some(m), Value::Object(x)) = (v.as_object_mut(), extra) {
        m.extend(x);
    }
    event(v)
}

fn query(v: Value) -> EventQuery {
    match EventQuery::from_json(&v) {
        Ok(q) => q,
        Err(p) => panic!("query does not read: {p:?}"),
    }
}

fn problems(v: Value) -> Vec<(String, &'static str)> {
    match EventQuery::from_json(&v) {
        Ok(_) => Vec::new(),
        Err(p) => p.into_iter().map(|p| (p.path, p.rule)).collect(),
    }
}

#[test]
fn standard_fields_match_in_any_spelling() {
    let e = shipping(
        "urn:epc:id:sgtin:0614141.107346.2017",
        "2026-03-01T10:00:00+01:00",
        json!({}),
    );
    for (q, want) in [
        (json!({"eventType": ["ObjectEvent"]}), true),
        (json!({"eventType": ["AggregationEvent"]}), false),
        (
            json!({"EQ_bizStep": ["https://ref.gs1.org/cbv/BizStep-shipping"]}),
            true,
        ),
        (
            json!({"EQ_bizStep": ["urn:epcglobal:cbv:bizstep:shipping"]}),
            true,
        ),
        (json!({"EQ_bizStep": ["receiving"]}), false),
        (json!({"EQ_disposition": ["in_transit"]}), true),
        (json!({"EQ_action": ["ADD", "OBSERVE"]}), true),
        (
            json!({"EQ_readPoint": ["urn:epc:id:sgln:0614141.00777.0"]}),
            true,
        ),
        (
            json!({"EQ_bizLocation": ["urn:epc:id:sgln:0614141.00777.0"]}),
            false,
        ),
        (
            json!({"GE_eventTime": "2026-03-01T09:00:00Z", "LT_eventTime": "2026-03-01T09:00:01Z"}),
            true,
        ),
        (json!({"LT_eventTime": "2026-03-01T09:00:00Z"}), false),
        (
            json!({"EQ_source_owning_party": ["urn:epc:id:pgln:0614141.00001"]}),
            true,
        ),
        (
            json!({"EQ_source_possessing_party": ["urn:epc:id:pgln:0614141.00001"]}),
            false,
        ),
        (json!({"EXISTS_errorDeclaration": null}), false),
    ] {
        assert_eq!(query(q.clone()).matches(&e), want, "{q}");
    }
}

#[test]
fn identifiers_match_across_forms_and_patterns() {
    let urn = shipping(
        "urn:epc:id:sgtin:0614141.107346.2017",
        "2026-03-01T10:00:00+01:00",
        json!({}),
    );
    let link = shipping(
        "https://id.gs1.org/01/10614141073464/21/2017",
        "2026-03-01T10:00:00+01:00",
        json!({}),
    );
    for (pattern, want) in [
        ("urn:epc:id:sgtin:0614141.107346.2017", true),
        ("https://example.com/01/10614141073464/21/2017", true),
        ("urn:epc:idpat:sgtin:0614141.107346.*", true),
        ("urn:epc:idpat:sgtin:0614141.*.*", true),
        ("urn:epc:idpat:sgtin:0614141.107347.*", false),
        ("urn:epc:idpat:sscc:0614141.*", false),
        ("urn:epc:id:sgtin:0614141.107346.2018", false),
    ] {
        let q = query(json!({"MATCH_epc": [pattern]}));
        assert_eq!(q.matches(&urn), want, "{pattern} against the EPC URI");
        assert_eq!(q.matches(&link), want, "{pattern} against the Digital Link");
        assert_eq!(
            query(json!({"MATCH_anyEPC": [pattern]})).matches(&urn),
            want
        );
        assert!(!query(json!({"MATCH_parentID": [pattern]})).matches(&urn));
    }
}

#[test]
fn quantities_and_classes() {
    let e = event(json!({
        "type": "ObjectEvent", "action": "OBSERVE",
        "eventTime": "2026-03-01T10:00:00Z", "eventTimeZoneOffset": "+00:00",
        "quantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.012345.998877", "quantity": 200, "uom": "KGM"}],
    }));
    for (q, want) in [
        (
            json!({"MATCH_epcClass": ["urn:epc:class:lgtin:4012345.012345.998877"]}),
            true,
        ),
        (
            json!({"MATCH_epcClass": ["https://id.gs1.org/01/04012345123456/10/998877"]}),
            true,
        ),
        (
            json!({"MATCH_epcClass": ["urn:epc:idpat:sgtin:4012345.012345.*"]}),
            true,
        ),
        (
            json!({"MATCH_anyEPCClass": ["urn:epc:idpat:sgtin:4012345.012346.*"]}),
            false,
        ),
        (json!({"GE_quantity": 1, "LT_quantity": 500}), true),
        (json!({"GT_quantity": 200}), false),
        (json!({"EQ_quantity": [100, 200]}), true),
        (json!({"GE_quantity_KGM": 150}), true),
        (json!({"GE_quantity_LBR": 150}), false),
    ] {
        assert_eq!(query(q.clone()).matches(&e), want, "{q}");
    }
}

#[test]
fn extension_fields_ilmd_and_sensors() {
    let e = shipping(
        "urn:epc:id:sgtin:0614141.107346.2017",
        "2026-03-01T10:00:00+01:00",
        json!({
            "example:grade": "A",
            "example:box": {"example:weight": 12.5},
            "sensorElementList": [{
                "sensorMetadata": {"time": "2026-03-01T09:00:00Z", "deviceID": "urn:epc:id:giai:4000001.111"},
                "sensorReport": [{"type": "Temperature", "value": 26.0, "uom": "CEL"}],
            }],
        }),
    );
    let ctx = json!({"example": "https://ns.example.com/epcis/"});
    for (mut q, want) in [
        (json!({"EQ_example:grade": ["A", "B"]}), true),
        (json!({"EQ_example:grade": ["C"]}), false),
        (json!({"EXISTS_example:grade": null}), true),
        (json!({"EXISTS_example:colour": null}), false),
        (json!({"GE_INNER_example:weight": 12}), true),
        (json!({"GE_example:weight": 12}), false),
        (json!({"EQ_type": ["gs1:Temperature"]}), true),
        (json!({"GE_value_CEL": 25.5}), true),
        (json!({"LT_value_CEL": 25.5}), false),
        (json!({"GE_value_FAH": 25.5}), false),
        (
            json!({"EQ_deviceID": ["urn:epc:id:giai:4000001.111"]}),
            true,
        ),
        (json!({"GE_time": "2026-03-01T08:00:00Z"}), true),
        (json!({"EXISTS_sensorElementList": 1}), true),
    ] {
        if let Some(m) = q.as_object_mut() {
            m.insert("@context".into(), ctx.clone());
        }
        assert_eq!(query(q.clone()).matches(&e), want, "{q}");
    }
}

#[test]
fn order_limit_and_too_many() {
    let events: Vec<EpcisEvent> = (1..=5)
        .map(|i| {
            shipping(
                &format!("urn:epc:id:sgtin:0614141.107346.{i}"),
                &format!("2026-03-0{i}T10:00:00+01:00"),
                json!({}),
            )
        })
        .collect();
    let serial = |e: &EpcisEvent| e.identifiers(crate::epcis::IdentifierRole::Epc)[0].to_owned();
    let run = |q: Value| -> Vec<String> {
        match query(q).run(&events) {
            Ok(hits) => hits.into_iter().map(serial).collect(),
            Err(e) => panic!("{e}"),
        }
    };
    assert_eq!(
        run(json!({"orderBy": "eventTime", "eventCountLimit": 2})),
        [
            "urn:epc:id:sgtin:0614141.107346.5",
            "urn:epc:id:sgtin:0614141.107346.4"
        ]
    );
    assert_eq!(
        run(json!({"orderBy": "eventTime", "orderDirection": "ASC", "eventCountLimit": 1})),
        ["urn:epc:id:sgtin:0614141.107346.1"]
    );
    assert_eq!(
        run(json!({"GE_eventTime": "2026-03-04T00:00:00+01:00"})).len(),
        2
    );
    let too_large = query(json!({"maxEventCount": 4})).run(&events);
    assert!(
        matches!(too_large, Err(Error::Epcis(p)) if p.rule == "query_too_large" && p.path == "$.maxEventCount")
    );
    assert_eq!(
        query(json!({"maxEventCount": 5}))
            .run(&events)
            .map(|h| h.len())
            .ok(),
        Some(5)
    );
}

#[test]
fn every_problem_is_named_with_its_path() {
    assert_eq!(
        problems(
            json!({"GE_eventTime": "not-a-date", "EQ_action": ["SHIPPED"], "orderDirection": "SIDEWAYS"})
        ),
        [
            ("$.EQ_action".to_owned(), "invalid_query_value"),
            ("$.GE_eventTime".to_owned(), "invalid_query_value"),
            ("$.orderDirection".to_owned(), "invalid_query_value"),
        ]
    );
    assert_eq!(
        problems(json!({"GE_eventDate": "2026-01-01T00:00:00Z"})),
        [("$.GE_eventDate".to_owned(), "unknown_query_parameter")]
    );
    assert_eq!(
        problems(json!({"WD_readPoint": ["urn:epc:id:sgln:0614141.00777.0"]})),
        [("$.WD_readPoint".to_owned(), "unsupported_query_parameter")]
    );
    assert_eq!(
        problems(json!({"HASATTR_bizLocation": ["x"]})),
        [(
            "$.HASATTR_bizLocation".to_owned(),
            "unsupported_query_parameter"
        )]
    );
    assert_eq!(
        problems(json!({"orderBy": "weight"})),
        [("$.orderBy".to_owned(), "invalid_query_value")]
    );
    assert_eq!(
        problems(json!({"EQ_bizStep": "shipping"})),
        [("$.EQ_bizStep".to_owned(), "wrong_type")]
    );
    assert_eq!(
        problems(json!({"EQ_bizStep": ["flying"]})),
        [("$.EQ_bizStep".to_owned(), "invalid_query_value")]
    );
    assert_eq!(
        problems(json!({"eventCountLimit": 0})),
        [("$.eventCountLimit".to_owned(), "invalid_query_value")]
    );
    assert_eq!(
        problems(json!({"eventCountLimit": 1, "maxEventCount": 2})),
        [("$.maxEventCount".to_owned(), "invalid_query_value")]
    );
    assert_eq!(
        problems(json!({"EQ_source_nobody": ["urn:epc:id:pgln:0614141.00001"]})),
        [("$.EQ_source_nobody".to_owned(), "invalid_query_value")]
    );
    assert_eq!(problems(json!([1])), [("$".to_owned(), "wrong_type")]);
    assert!(matches!(EventQuery::parse("{"), Err(Error::Epcis(p)) if p.rule == "not_json"));
}
