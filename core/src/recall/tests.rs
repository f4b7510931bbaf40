use super::*;
use crate::chain::ChainSigner;
use crate::codec::Set;
use crate::ids::{Gtin, Lgtin, Sgln};
use crate::record::{
    Commission, DateField, DateWindow, Document, Event, Goods, Location, Quantity, QuantityElement,
    SerialRange, SourceDest, Status, StatusChange, Transfer,
};
use crate::synth::{Params, generate};
use crate::time::{Date, EventTime, Timestamp};
use crate::vocab::{DocumentType, SourceDestType};
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const HOUR: i64 = 3_600_000;
const T0: i64 = 1_767_571_200_000;

fn scope_lots(lots: &[Lgtin]) -> RecallScope {
    RecallScope {
        input_lots: Set::new(lots.to_vec()).unwrap(),
        ..RecallScope::default()
    }
}

fn first_lot(graph: &TraceGraph) -> Lgtin {
    let mut lots: Vec<Lgtin> = graph
        .nodes()
        .filter_map(|(_, k)| match k {
            // Farm lots are D<day>F<farm>; packers' lots P<day>K<packer>.
            NodeKey::Lot(l) if l.lot.as_str().starts_with('D') => Some(l),
            _ => None,
        })
        .collect();
    lots.sort_by_key(|l| l.to_string());
    lots.remove(0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_bad_farm_lot_reaches_shops_and_consumers_with_books_that_balance() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let lot = first_lot(&graph);
    let impact = assess(
        &graph,
        &chain.records,
        &scope_lots(std::slice::from_ref(&lot)),
        None,
    );
    assert!(impact.unmatched.is_empty());
    assert_eq!(impact.starts, vec![NodeKey::Lot(lot.clone())]);
    assert_eq!(impact.depth, Some(DistributionDepth::Consumer));
    // Every role of the chain is reached, and every holder is proved by records.
    let roles: HashSet<HolderRole> = impact.holders.iter().map(|h| h.role).collect();
    for role in [
        HolderRole::Producer,
        HolderRole::Processor,
        HolderRole::Distributor,
        HolderRole::Retailer,
    ] {
        assert!(roles.contains(&role), "{role:?} missing from {roles:?}");
    }
    assert!(impact.holders.iter().all(|h| !h.evidence.is_empty()));
    // The lot itself: made at the farm, shipped whole, consumed by the packers.
    let lot_key = NodeKey::Lot(lot.clone());
    let balance = impact.balances.iter().find(|b| b.goods == lot_key).unwrap();
    assert!(balance.produced >= 500.0);
    assert!(close(balance.shipped, balance.produced));
    assert!(close(balance.received, balance.shipped));
    assert!(close(balance.consumed, balance.received));
    assert!(close(balance.on_hand, 0.0) && close(balance.in_transit, 0.0));
    // Every balance closes: what came in is what went out plus what is on hand.
    for b in &impact.balances {
        let inflow = b.produced + b.received + b.returned;
        let outflow = b.shipped + b.consumed + b.sold + b.destroyed + b.removed;
        assert!(close(inflow, outflow + b.on_hand), "{b:?}");
        assert!(close(b.shipped, b.received + b.in_transit), "{b:?}");
    }
    // Serialised packs: each is sold, or returned and held at the distribution centre.
    let packs: Vec<&AffectedGoods> = impact
        .goods
        .iter()
        .filter(|g| matches!(g.goods, NodeKey::Item(_)))
        .collect();
    assert!(!packs.is_empty());
    let held = packs.iter().filter(|g| g.state == GoodsState::Held).count();
    let sold = packs.iter().filter(|g| g.state == GoodsState::Sold).count();
    assert_eq!(held + sold, packs.len());
    // Counted under the packers' lots the transformations assigned.
    let pack_on_hand: f64 = impact
        .balances
        .iter()
        .filter(|b| matches!(&b.goods, NodeKey::Lot(l) if l.lot.as_str().starts_with('P')))
        .map(|b| b.on_hand)
        .sum();
    assert!(close(pack_on_hand, held as f64));
    for g in &packs {
        assert!(
            !g.evidence.is_empty(),
            "a pack is linked to the lot by records"
        );
        if g.state == GoodsState::Held {
            let role = impact
                .holders
                .iter()
                .find(|h| Some(&h.location) == g.location.as_ref())
                .map(|h| h.role);
            assert_eq!(role, Some(HolderRole::Distributor));
        }
    }
    // Every affected shipment was received, and names what it carried.
    assert!(!impact.shipments.is_empty());
    for s in &impact.shipments {
        assert!(s.received_at.is_some() && s.receipt.is_some(), "{s:?}");
        assert!(s.received_at >= s.shipped_at);
        assert!(!s.goods.is_empty());
    }
}

#[test]
fn one_pack_reaches_its_case_and_pallet_but_not_its_neighbours() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let NodeKey::Item(pack) = graph
        .nodes()
        .map(|(_, k)| k)
        .find(|k| matches!(k, NodeKey::Item(_)))
        .unwrap()
    else {
        unreachable!()
    };
    let scope = RecallScope {
        serial_ranges: Set::new(vec![SerialRange {
            gtin: pack.gtin,
            first: pack.serial.clone(),
            last: pack.serial.clone(),
        }])
        .unwrap(),
        ..RecallScope::default()
    };
    let impact = assess(&graph, &chain.records, &scope, None);
    let items = impact
        .goods
        .iter()
        .filter(|g| matches!(g.goods, NodeKey::Item(_)))
        .count();
    let units = impact
        .goods
        .iter()
        .filter(|g| matches!(g.goods, NodeKey::Unit(_)))
        .count();
    assert_eq!(items, 1, "only the recalled pack");
    assert_eq!(units, 2, "its case and its pallet");
    let counted: f64 = impact
        .holdings
        .iter()
        .map(|h| h.produced + h.received)
        .sum();
    // Made at the packer, received at the distribution centre and at a shop (and maybe back).
    assert!(counted >= 3.0, "{:?}", impact.holdings);
    // Booked under the lot the packer's transformation assigned.
    let lot = &impact.holdings[0].goods;
    assert!(matches!(lot, NodeKey::Lot(l) if l.gtin == pack.gtin));
    assert!(impact.holdings.iter().all(|h| h.goods == *lot));
}

#[test]
fn scope_parts_that_match_nothing_are_reported() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let ghost = Lgtin::new("09506000134352".parse().unwrap(), "NOPE".parse().unwrap());
    let ghost_product: Gtin = "09506000134352".parse().unwrap();
    let scope = RecallScope {
        lots: Set::new(vec![ghost]).unwrap(),
        products: Set::new(vec![ghost_product]).unwrap(),
        ..RecallScope::default()
    };
    let impact = assess(&graph, &chain.records, &scope, None);
    assert_eq!(impact.unmatched.len(), 2, "{:?}", impact.unmatched);
    assert!(impact.unmatched[0].contains("NOPE"));
    assert!(impact.goods.is_empty() && impact.holders.is_empty());
    assert_eq!(impact.depth, None);
}

#[test]
fn a_date_window_recalls_the_lots_made_in_it() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let lot = first_lot(&graph);
    let day = Date::from_days_since_epoch((T0 / 86_400_000) as i32).unwrap();
    let scope = RecallScope {
        date_windows: Set::new(vec![DateWindow {
            gtin: lot.gtin,
            field: DateField::Production,
            from: day,
            until: day,
        }])
        .unwrap(),
        ..RecallScope::default()
    };
    let impact = assess(&graph, &chain.records, &scope, None);
    assert!(impact.unmatched.is_empty());
    // One farm's GTIN, day 0: exactly its day-0 lot.
    assert_eq!(impact.starts, vec![NodeKey::Lot(lot)]);
    let later = RecallScope {
        date_windows: Set::new(vec![DateWindow {
            gtin: "09506000134352".parse().unwrap(),
            field: DateField::Expiry,
            from: day,
            until: day,
        }])
        .unwrap(),
        ..RecallScope::default()
    };
    assert_eq!(
        assess(&graph, &chain.records, &later, None).unmatched.len(),
        1
    );
}

/// 100 kg made at A; 60 kg to B, received; 40 kg to C, still on the road; B sells 10 kg and
/// destroys 5 kg.
fn hand_chain() -> (Vec<SignedRecord>, Lgtin) {
    let lot = Lgtin::new("09506000134352".parse().unwrap(), "L1".parse().unwrap());
    let place = |n: &str| Location::Gln(Sgln::new(n.parse().unwrap()));
    let (a, b, c) = (
        place("9506000000015"),
        place("9506000000022"),
        place("9506000000039"),
    );
    let kg = |n: u32| {
        Goods::quantities(vec![QuantityElement {
            class: crate::ids::ClassId::Lot(lot.clone()),
            quantity: Some(
                Quantity::new(Quantity::count(n).value, Some("KGM".parse().unwrap())).unwrap(),
            ),
        }])
        .unwrap()
    };
    let event = |h: i64, at: &Location, doc: Option<&str>, to: Option<&Location>| {
        let mut e = Event::at(
            EventTime::new(Timestamp::from_unix_millis(T0 + h * HOUR).unwrap(), 0).unwrap(),
        );
        e.biz_location = Some(at.clone());
        if let Some(d) = doc {
            e.documents = Set::new(vec![
                Document::new(Some(DocumentType::DespatchAdvice), d).unwrap(),
            ])
            .unwrap();
        }
        if let Some(to) = to {
            e.destinations = Set::new(vec![SourceDest {
                kind: SourceDestType::OwningParty,
                id: to.clone(),
            }])
            .unwrap();
        }
        e
    };
    let bodies = vec![
        Body::Commission(Commission {
            goods: kg(100),
            production_date: None,
            expiry_date: None,
            event: event(0, &a, None, None),
        }),
        Body::Shipping(Transfer {
            goods: kg(60),
            event: event(1, &a, Some("DA-1"), Some(&b)),
        }),
        Body::Shipping(Transfer {
            goods: kg(40),
            event: event(2, &a, Some("DA-2"), Some(&c)),
        }),
        Body::Receiving(Transfer {
            goods: kg(60),
            event: event(3, &b, Some("DA-1"), None),
        }),
        Body::StatusChange(StatusChange {
            status: Status::Sold,
            goods: kg(10),
            event: event(4, &b, None, None),
        }),
        Body::StatusChange(StatusChange {
            status: Status::Destroyed,
            goods: kg(5),
            event: event(5, &b, None, None),
        }),
    ];
    let mut signer = ChainSigner::new(crate::sample::key("recall test"), None);
    let records = bodies
        .into_iter()
        .enumerate()
        .map(|(i, body)| {
            signer
                .sign(Timestamp::from_unix_millis(T0 + i as i64).unwrap(), body)
                .unwrap()
        })
        .collect();
    (records, lot)
}

#[test]
fn quantities_are_booked_per_holder_and_in_transit() {
    let (records, lot) = hand_chain();
    let graph = TraceGraph::from_records(&records).unwrap();
    let impact = assess(
        &graph,
        &records,
        &scope_lots(std::slice::from_ref(&lot)),
        None,
    );
    let key = NodeKey::Lot(lot);
    let at = |gln: &str| NodeKey::Location(Sgln::new(gln.parse().unwrap()));
    let book = |holder: NodeKey| {
        impact
            .holdings
            .iter()
            .find(|h| h.holder == holder && h.goods == key)
            .unwrap()
            .clone()
    };
    let a = book(at("9506000000015"));
    assert!(close(a.produced, 100.0) && close(a.shipped, 100.0) && close(a.on_hand, 0.0));
    let b = book(at("9506000000022"));
    assert!(close(b.received, 60.0) && close(b.sold, 10.0) && close(b.destroyed, 5.0));
    assert!(close(b.on_hand, 45.0));
    assert_eq!(b.uom.as_ref().map(|u| u.as_str()), Some("KGM"));
    let balance = &impact.balances[0];
    assert!(close(balance.in_transit, 40.0) && close(balance.on_hand, 45.0));
    assert_eq!(impact.depth, Some(DistributionDepth::Consumer));
    let goods = impact.goods.iter().find(|g| g.goods == key).unwrap();
    assert_eq!(goods.state, GoodsState::Held);
    assert_eq!(goods.location, Some(at("9506000000022")));
    let open: Vec<_> = impact
        .shipments
        .iter()
        .filter(|s| s.received_at.is_none())
        .collect();
    assert_eq!(open.len(), 1, "the shipment to C is still on the road");
    assert_eq!(
        open[0].to,
        vec![NodeKey::Party("9506000000039".parse().unwrap())]
    );
    // The holders to notify: A made it, B holds it. C has not received anything yet.
    let holders: Vec<_> = impact
        .holders
        .iter()
        .map(|h| (&h.location, h.holds_stock))
        .collect();
    assert_eq!(holders.len(), 2, "{holders:?}");
    // A window that ends before anything shipped reaches no shipment.
    let early = TimeWindow {
        from: None,
        until: Some(Timestamp::from_unix_millis(T0 + HOUR / 2).unwrap()),
    };
    let scope = scope_lots(&[match &key {
        NodeKey::Lot(l) => l.clone(),
        _ => unreachable!(),
    }]);
    assert!(
        assess(&graph, &records, &scope, Some(early))
            .shipments
            .is_empty()
    );
}

#[test]
fn every_table_has_a_row_per_row_and_columns_of_one_length() {
    let chain = generate(&Params::small()).unwrap();
    let graph = TraceGraph::from_records(&chain.records).unwrap();
    let lot = first_lot(&graph);
    let impact = assess(&graph, &chain.records, &scope_lots(&[lot]), None);
    for (table, rows) in [
        (impact.goods_table(), impact.goods.len()),
        (impact.shipments_table(), impact.shipments.len()),
        (impact.holders_table(), impact.holders.len()),
        (impact.holdings_table(), impact.holdings.len()),
        (impact.balances_table(), impact.balances.len()),
    ] {
        assert_eq!(table.len(), rows);
        assert!(table.columns.iter().all(|(_, c)| c.len() == rows));
        let json = table.to_json();
        assert_eq!(json.as_object().unwrap().len(), table.columns.len());
    }
    let goods = impact.goods_table();
    let crate::table::Column::Text(ids) = goods.column("id").unwrap() else {
        panic!("ids are text")
    };
    assert_eq!(
        ids[0].as_deref(),
        Some(impact.goods[0].goods.to_string().as_str())
    );
    let trace = graph.trace(&TraceQuery::forward(graph.node(&impact.starts[0])).with_paths());
    let t = trace.table(&graph);
    assert_eq!(t.len(), trace.len());
    assert_eq!(t.schema()["hops"], "uint64");
    let rows = crate::fsma::spreadsheet(&chain.records, &crate::fsma::Selection::default());
    let sheet = crate::fsma::table(&rows);
    assert_eq!(sheet.len(), rows.len());
    assert_eq!(
        sheet.columns.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        crate::fsma::COLUMNS
    );
}
