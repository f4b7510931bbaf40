use serde_json::{Value, json};

use super::*;
use crate::recall::{HolderRole, assess};
use crate::record::RecallScope;
use crate::synth::{Params, generate};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

/// Two farms supply a processor, which makes lot X from farm 1's lot A and lot Y from farm
/// 2's lot B; a wholesaler sends X to shops 1 and 2 and Y to shop 3.
fn network(tracing: Value) -> String {
    let cell = |id: &str, v: &str| json!({"id": id, "value": v});
    let stations: Vec<Value> = ["F1", "F2", "P", "W", "R1", "R2", "R3"]
        .iter()
        .map(|s| json!([cell("ID", s), cell("Name", &format!("station {s}"))]))
        .collect();
    let delivery = |id: &str, from: &str, to: &str, lot: &str, ship: &str, arrive: &str| {
        json!([
            cell("ID", id),
            cell("from", from),
            cell("to", to),
            cell("Lot Number", lot),
            cell("Date Delivery", ship),
            cell("Date Delivery Arrival", arrive)
        ])
    };
    let deliveries = vec![
        delivery("d1", "F1", "P", "A", "2024-01-01", "2024-01-02"),
        delivery("d2", "F2", "P", "B", "2024-01-01", "2024-01-02"),
        delivery("d3", "P", "W", "X", "2024-01-05", "2024-01-06"),
        delivery("d4", "P", "W", "Y", "2024-01-05", "2024-01-06"),
        delivery("d5", "W", "R1", "X", "2024-01-07", "2024-01-07"),
        delivery("d6", "W", "R2", "X", "2024-01-07", "2024-01-07"),
        delivery("d7", "W", "R3", "Y", "2024-01-07", "2024-01-07"),
    ];
    let relations: Vec<Value> = [
        ("d1", "d3"),
        ("d2", "d4"),
        ("d3", "d5"),
        ("d3", "d6"),
        ("d4", "d7"),
    ]
    .iter()
    .map(|(a, b)| json!([cell("from", a), cell("to", b)]))
    .collect();
    json!({
        "version": "1.0.0",
        "data": {
            "version": "1.0.0",
            "stations": {"columnProperties": [{"id": "ID", "type": "string"}], "data": stations},
            "deliveries": {"columnProperties": [{"id": "ID", "type": "string"}], "data": deliveries},
            "deliveryRelations": {"columnProperties": [{"id": "from", "type": "string"}], "data": relations}
        },
        "tracing": tracing
    })
    .to_string()
}

fn station(id: &str, weight: f64, cross: bool, kill: bool) -> Value {
    json!({"id": id, "weight": weight, "crossContamination": cross, "killContamination": kill, "observed": false})
}

fn score_of<'a>(scores: &'a [FclScore], id: &str) -> Option<&'a FclScore> {
    scores.iter().find(|s| s.id == id)
}

#[test]
fn the_farm_behind_every_case_is_the_top_common_link() {
    let net = FclNetwork::from_json(&network(json!({
        "enforceTemporalOrder": true,
        "nodes": [station("R1", 1.0, false, false), station("R2", 1.0, false, false)],
        "deliveries": []
    })))
    .unwrap();
    assert_eq!(
        (
            net.stations.len(),
            net.deliveries.len(),
            net.relations.len()
        ),
        (7, 7, 5)
    );
    assert_eq!(net.deliveries[0].lot.as_deref(), Some("A"));
    let s = net.scores().unwrap();
    let links: Vec<&str> = s
        .stations
        .iter()
        .filter(|x| x.common_link)
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(links[0], "F1", "furthest upstream first: {links:?}");
    for id in ["F1", "P", "W"] {
        assert!(links.contains(&id), "{id} in {links:?}");
    }
    assert!(
        score_of(&s.stations, "F2").is_none(),
        "farm 2 supplied no case"
    );
    assert!(score_of(&s.stations, "R3").is_none());
    let d3 = score_of(&s.deliveries, "d3").unwrap();
    assert!(d3.common_link && (d3.score - 1.0).abs() < 1e-12);
    let d5 = score_of(&s.deliveries, "d5").unwrap();
    assert!((d5.score - 0.5).abs() < 1e-12 && !d5.common_link);
    // The cases themselves are marked, and are not candidates.
    assert!(score_of(&s.stations, "R1").unwrap().is_case);
    assert!(s.outbreak.candidates().all(|c| !c.is_case));
}

#[test]
fn weights_share_the_score_and_cross_contamination_opens_the_wholesaler() {
    let plain = FclNetwork::from_json(&network(json!({
        "nodes": [station("R1", 3.0, false, false), station("R3", 1.0, false, false)]
    })))
    .unwrap()
    .scores()
    .unwrap();
    assert!((score_of(&plain.stations, "F1").unwrap().score - 0.75).abs() < 1e-12);
    assert!((score_of(&plain.stations, "F2").unwrap().score - 0.25).abs() < 1e-12);
    // P and W sent to both cases, but only F-side lots decide the farms.
    assert!(score_of(&plain.stations, "W").unwrap().common_link);
    let crossed = FclNetwork::from_json(&network(json!({
        "nodes": [
            station("R1", 3.0, false, false),
            station("R3", 1.0, false, false),
            station("W", 0.0, true, false)
        ]
    })))
    .unwrap()
    .scores()
    .unwrap();
    for farm in ["F1", "F2"] {
        assert!(
            score_of(&crossed.stations, farm).unwrap().common_link,
            "{farm}"
        );
    }
}

#[test]
fn cross_contamination_respects_the_order_of_arrival_and_departure() {
    // d3 now reaches the wholesaler after d7 left it.
    let late = network(json!({
        "enforceTemporalOrder": true,
        "nodes": [station("R3", 1.0, false, false), station("W", 0.0, true, false)]
    }))
    .replace(
        "\"2024-01-06\"}],[{\"id\":\"ID\",\"value\":\"d4\"}",
        "\"2024-01-09\"}],[{\"id\":\"ID\",\"value\":\"d4\"}",
    );
    let net = FclNetwork::from_json(&late).unwrap();
    assert_eq!(
        net.deliveries[2].arrived.map(|d| d.to_string()).as_deref(),
        Some("2024-01-09")
    );
    let s = net.scores().unwrap();
    assert!(
        score_of(&s.stations, "F1").is_none(),
        "d3 arrived too late to touch d7"
    );
    assert!(score_of(&s.stations, "F2").is_some());
    // Without temporal order, it counts.
    let untimed = late.replace(
        "\"enforceTemporalOrder\":true",
        "\"enforceTemporalOrder\":false",
    );
    let s = FclNetwork::from_json(&untimed).unwrap().scores().unwrap();
    assert!(score_of(&s.stations, "F1").is_some());
}

#[test]
fn kill_steps_stop_the_trace_at_a_station_or_a_delivery() {
    let killed = |tracing: Value| {
        FclNetwork::from_json(&network(tracing))
            .unwrap()
            .scores()
            .unwrap()
    };
    let at_processor = killed(json!({
        "nodes": [station("R1", 1.0, false, false), station("P", 0.0, false, true)]
    }));
    assert!(
        score_of(&at_processor.stations, "P").is_some(),
        "P is reached"
    );
    assert!(
        score_of(&at_processor.stations, "F1").is_none(),
        "but passes nothing back"
    );
    let on_delivery = killed(json!({
        "nodes": [station("R1", 1.0, false, false)],
        "deliveries": [{"id": "d3", "weight": 0.0, "killContamination": true}]
    }));
    assert!(score_of(&on_delivery.deliveries, "d3").is_some());
    assert!(score_of(&on_delivery.stations, "P").is_none());
    assert!(score_of(&on_delivery.stations, "W").is_some());
    // A delivery can be the case: a positive sample.
    let sample = killed(json!({"deliveries": [{"id": "d5", "weight": 1.0}]}));
    assert!(score_of(&sample.stations, "F1").unwrap().common_link);
}

#[test]
fn the_flat_form_loads_too() {
    let flat = json!({
        "stations": [{"id": "1", "name": "farm"}, {"id": "2", "name": "shop", "type": "Supermarkt"}],
        "deliveries": [{"id": "10", "source": "1", "target": "2"}],
        "deliveriesRelations": []
    });
    let net = FclNetwork::from_json(&flat.to_string()).unwrap();
    assert_eq!(net.stations[1].kind.as_deref(), Some("Supermarkt"));
    assert_eq!((net.deliveries[0].source, net.deliveries[0].target), (0, 1));
    let err = net.scores().unwrap_err();
    assert_eq!(err.code(), "decode_invalid_value", "no case weights: {err}");
}

#[test]
fn bad_networks_are_refused_with_the_json_path() {
    let cases = [
        ("{", "$"),
        ("[]", "neither"),
        (
            r#"{"data": {"stations": {"data": []}}}"#,
            "$.data.deliveries",
        ),
        (
            r#"{"data": {"stations": {"data": [[{"id":"ID","value":"a"}]]},
                "deliveries": {"data": [[{"id":"ID","value":"d"},{"id":"from","value":"a"},{"id":"to","value":"zz"}]]},
                "deliveryRelations": {"data": []}}}"#,
            "$.data.deliveries.data[0]",
        ),
        (
            r#"{"data": {"stations": {"data": [[{"id":"ID","value":"a"}],[{"id":"ID","value":"a"}]]},
                "deliveries": {"data": []}, "deliveryRelations": {"data": []}}}"#,
            "appears twice",
        ),
        (r#"{"stations": [{"name": "no id"}]}"#, "$.stations[0]"),
        (r#"{"stations": "many"}"#, "neither"),
    ];
    for (text, needle) in cases {
        let err = FclNetwork::from_json(text).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
        assert!(err.to_string().contains(needle), "{text}: {err}");
    }
    // A relation between deliveries that do not meet at one station.
    let crooked = network(json!(null)).replace(
        r#"{"id":"from","value":"d1"},{"id":"to","value":"d3"}"#,
        r#"{"id":"from","value":"d1"},{"id":"to","value":"d5"}"#,
    );
    let err = FclNetwork::from_json(&crooked).unwrap_err();
    assert!(err.to_string().contains("does not arrive where"), "{err}");
    let negative = network(json!({"nodes": [station("R1", -1.0, false, false)]}));
    assert!(
        FclNetwork::from_json(&negative)
            .unwrap_err()
            .to_string()
            .contains("weight")
    );
}

#[test]
fn shops_that_sold_one_bad_lot_point_back_to_it() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let lot = graph
        .nodes()
        .find_map(|(_, k)| match k {
            NodeKey::Lot(l) if l.lot.as_str().starts_with('D') => Some(l),
            _ => None,
        })
        .unwrap();
    // The shops the lot reached are where people fell ill.
    let scope = RecallScope {
        input_lots: crate::Set::new(vec![lot.clone()]).unwrap(),
        ..RecallScope::default()
    };
    let impact = assess(&graph, &chain.records, &scope, None);
    let shops: Vec<Case> = impact
        .holders
        .iter()
        .filter(|h| h.role == HolderRole::Retailer)
        .map(|h| Case::new(graph.node(&h.location).unwrap()))
        .collect();
    assert!(!shops.is_empty());
    let outbreak = score(&graph, &shops, None).unwrap();
    let bad = graph.node(&NodeKey::Lot(lot)).unwrap();
    let s = outbreak.scores.iter().find(|s| s.node == bad).unwrap();
    assert!(s.common_link && s.cases as usize == shops.len());
    assert!(outbreak.scores.windows(2).all(|w| w[0].score >= w[1].score));
    // Bad cases are refused.
    assert!(score(&graph, &[], None).is_err());
    assert!(
        score(
            &graph,
            &[Case {
                node: bad,
                weight: f64::NAN
            }],
            None
        )
        .is_err()
    );
    assert!(
        score(
            &graph,
            &[Case {
                node: u32::MAX,
                weight: 1.0
            }],
            None
        )
        .is_err()
    );
    assert!(
        score(
            &graph,
            &[Case {
                node: bad,
                weight: 0.0
            }],
            None
        )
        .is_err()
    );
}
