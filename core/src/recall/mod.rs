//! Recall impact: what a recall notice reaches, who holds it, and how much.
//!
//! [`assess`] turns a [`RecallScope`] (products, lots, serial ranges, date windows, input lots
//! of transformations) into a [`RecallImpact`]: the start nodes in the trace graph, a
//! time-aware forward trace from them (so a lot reaches a pallet only while it was on it), and
//! a custody pass over the records in event-time order that says where every affected unit of
//! goods is now, what each location received and still holds, and a mass balance per lot.
//!
//! Every row is flat and typed, ready to become an Arrow table or a spreadsheet; every answer
//! carries the content ids of the signed records that justify it.
//!
//! ```
//! use tracemark::graph::{NodeKey, TraceGraph};
//! use tracemark::record::RecallScope;
//! use tracemark::recall::{assess, DistributionDepth};
//! let chain = tracemark::synth::generate(&tracemark::synth::Params::small())?;
//! let graph = TraceGraph::from_records(&chain.records)?;
//! // A farm lot is bad.
//! let lot = graph.nodes().find_map(|(_, k)| match k { NodeKey::Lot(l) => Some(l), _ => None });
//! let lot = lot.expect("the farms commissioned lots");
//! let scope = RecallScope { input_lots: tracemark::Set::new(vec![lot])?, ..Default::default() };
//! let impact = assess(&graph, &chain.records, &scope, None);
//! assert!(impact.unmatched.is_empty());
//! assert_eq!(impact.depth, Some(DistributionDepth::Consumer)); // packs made from it were sold
//! // Who to notify, with the records that prove they got it.
//! assert!(impact.holders.iter().all(|h| !h.evidence.is_empty()));
//! # Ok::<(), tracemark::Error>(())
//! ```

mod custody;
pub(crate) mod packing;
mod rows;
mod tables;

use std::collections::HashSet;

use foldhash::fast::RandomState;

use crate::graph::{NodeId, NodeKey, NodeKind, TimeWindow, TraceGraph, TraceQuery};
use crate::ids::{ClassId, ObjectId};
use crate::record::{Body, RecallScope, SignedRecord};

pub use rows::{
    AffectedGoods, AffectedShipment, DistributionDepth, GoodsState, Holder, HolderRole, Holding,
    LotBalance, RecallImpact,
};

/// The impact of a recall with `scope` on the goods in `graph`, built from `records` (the same
/// records, in any order). `window` bounds the event times the trace follows.
pub fn assess(
    graph: &TraceGraph,
    records: &[SignedRecord],
    scope: &RecallScope,
    window: Option<TimeWindow>,
) -> RecallImpact {
    let (starts, unmatched) = starts_of(graph, records, scope);
    let mut query = TraceQuery::forward(starts.iter().copied()).with_paths();
    if let Some(window) = window {
        query = query.within(window);
    }
    let trace = graph.trace(&query);
    let affected: HashSet<NodeKey, RandomState> = trace
        .reached()
        .iter()
        .map(|r| graph.key_of(r.node))
        .filter(|k| {
            matches!(
                k.kind(),
                NodeKind::Item | NodeKind::Lot | NodeKind::Product | NodeKind::Unit
            )
        })
        .collect();
    let shipments: HashSet<NodeKey, RandomState> = trace
        .reached()
        .iter()
        .map(|r| graph.key_of(r.node))
        .filter(|k| k.kind() == NodeKind::Shipment)
        .collect();
    let ledger = custody::Ledger::replay(records, &affected, &shipments);
    rows::build(graph, &trace, &ledger, starts, unmatched)
}

/// The nodes a scope names, and a description of each part of it that matched nothing.
fn starts_of(
    graph: &TraceGraph,
    records: &[SignedRecord],
    scope: &RecallScope,
) -> (Vec<NodeId>, Vec<String>) {
    let mut starts: Vec<NodeId> = Vec::new();
    let mut unmatched = Vec::new();
    for lot in scope.lots.iter().chain(scope.input_lots.iter()) {
        match graph.node(&NodeKey::Lot(lot.clone())) {
            Some(n) => starts.push(n),
            None => unmatched.push(format!("lot {lot}")),
        }
    }
    // Products and serial ranges: one pass over the nodes for all of them.
    let mut product_hits = vec![false; scope.products.len()];
    let mut range_hits = vec![false; scope.serial_ranges.len()];
    if !scope.products.is_empty() || !scope.serial_ranges.is_empty() {
        for (n, key) in graph.nodes() {
            let Some(gtin) = key.gtin() else { continue };
            let mut hit = false;
            for (i, p) in scope.products.iter().enumerate() {
                if p == gtin {
                    product_hits[i] = true;
                    hit = true;
                }
            }
            if let NodeKey::Item(item) = &key {
                for (i, r) in scope.serial_ranges.iter().enumerate() {
                    if r.contains(&item.gtin, &item.serial) {
                        range_hits[i] = true;
                        hit = true;
                    }
                }
            }
            if hit {
                starts.push(n);
            }
        }
    }
    for (p, hit) in scope.products.iter().zip(&product_hits) {
        if !hit {
            unmatched.push(format!("product (01){p}"));
        }
    }
    for (r, hit) in scope.serial_ranges.iter().zip(&range_hits) {
        if !hit {
            unmatched.push(format!(
                "serials {}..={} of (01){}",
                r.first, r.last, r.gtin
            ));
        }
    }
    // Date windows: the dates are on the commissioning records.
    for w in scope.date_windows.iter() {
        let mut hit = false;
        for signed in records {
            let Body::Commission(c) = &signed.unverified().body else {
                continue;
            };
            let date = match w.field {
                crate::record::DateField::Production => c.production_date,
                crate::record::DateField::Expiry => c.expiry_date,
            };
            if !date.is_some_and(|d| w.from <= d && d <= w.until) {
                continue;
            }
            let keys = c
                .goods
                .objects
                .iter()
                .filter_map(|o| match o {
                    ObjectId::Item(i) if i.gtin == w.gtin => Some(NodeKey::Item(i.clone())),
                    _ => None,
                })
                .chain(c.goods.quantities.iter().filter_map(|q| match &q.class {
                    ClassId::Lot(l) if l.gtin == w.gtin => Some(NodeKey::Lot(l.clone())),
                    ClassId::Product(g) if *g == w.gtin => Some(NodeKey::Product(*g)),
                    _ => None,
                }));
            for key in keys {
                if let Some(n) = graph.node(&key) {
                    starts.push(n);
                    hit = true;
                }
            }
        }
        if !hit {
            unmatched.push(format!(
                "(01){} with {} date {}..={}",
                w.gtin,
                match w.field {
                    crate::record::DateField::Production => "production",
                    crate::record::DateField::Expiry => "expiry",
                },
                w.from,
                w.until
            ));
        }
    }
    starts.sort_unstable();
    starts.dedup();
    (starts, unmatched)
}

#[cfg(test)]
mod tests;
