//! The trace engine against a reference traversal written for clarity, not speed, on
//! thousands of random record graphs with cycles (units packed into each other, goods
//! shipped back and forth), time windows, kill steps and cross-contamination.
//!
//! The reference reads only the graph's public edge lists and applies the rules of
//! `tracemark::graph` literally: relax every edge until nothing changes (Bellman-Ford), or
//! for a hop bound, exactly that many rounds.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]
#![allow(clippy::manual_is_multiple_of)]

use std::collections::{BTreeMap, BTreeSet};

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use tracemark::chain::ChainSigner;
use tracemark::graph::{
    Direction, EdgeKind, NodeId, NodeKind, Rules, TimeWindow, TraceGraph, TraceQuery,
};
use tracemark::ids::{ClassId, Gln, Gtin, Lgtin, ObjectId, Sgln, Sgtin, Sscc};
use tracemark::record::{
    Aggregation, AggregationAction, Body, Commission, Document, Event, Goods, Location,
    QuantityElement, SignedRecord, SourceDest, Status, StatusChange, Transfer, Transformation,
};
use tracemark::time::{EventTime, Timestamp};
use tracemark::vocab::{DocumentType, SourceDestType};
use tracemark::{Set, Text};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

const HOUR: i64 = 3_600_000;
const T0: i64 = 1_767_571_200_000;

struct World {
    items: Vec<ObjectId>,
    units: Vec<ObjectId>,
    lots: Vec<Lgtin>,
    places: Vec<Sgln>,
    parties: Vec<Gln>,
}

fn world(rng: &mut ChaCha8Rng) -> World {
    let gtin = Gtin::with_check_digit("0950600013435").unwrap();
    let n = |rng: &mut ChaCha8Rng, lo: u32, hi: u32| (lo + rng.next_u32() % (hi - lo + 1)) as usize;
    World {
        items: (0..n(rng, 3, 10))
            .map(|i| ObjectId::Item(Sgtin::new(gtin, format!("S{i}").parse().unwrap())))
            .collect(),
        units: (0..n(rng, 1, 4))
            .map(|i| ObjectId::Unit(Sscc::with_check_digit(&format!("09506000{i:09}")).unwrap()))
            .collect(),
        lots: (0..n(rng, 1, 4))
            .map(|i| Lgtin::new(gtin, format!("L{i}").parse().unwrap()))
            .collect(),
        places: (0..n(rng, 2, 4))
            .map(|i| Sgln::new(Gln::with_check_digit(&format!("950600000{i:03}")).unwrap()))
            .collect(),
        parties: (0..2)
            .map(|i| Gln::with_check_digit(&format!("950600001{i:03}")).unwrap())
            .collect(),
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, from: &'a [T]) -> &'a T {
    &from[rng.next_u32() as usize % from.len()]
}

fn some<T: Clone>(rng: &mut ChaCha8Rng, from: &[T], max: usize) -> Vec<T> {
    let k = 1 + rng.next_u32() as usize % max.min(from.len());
    (0..k).map(|_| pick(rng, from).clone()).collect()
}

fn goods(rng: &mut ChaCha8Rng, w: &World) -> Goods {
    let mut objects = some(rng, &w.items, 3);
    if rng.next_u32() % 2 == 0 {
        objects.extend(some(rng, &w.units, 2));
    }
    objects.sort();
    objects.dedup();
    let mut lots = if rng.next_u32() % 3 == 0 {
        some(rng, &w.lots, 2)
    } else {
        Vec::new()
    };
    lots.sort();
    lots.dedup();
    Goods {
        objects: Set::new(objects).unwrap(),
        quantities: Set::new(
            lots.into_iter()
                .map(|l| QuantityElement {
                    class: ClassId::Lot(l),
                    quantity: None,
                })
                .collect(),
        )
        .unwrap(),
    }
}

fn records(rng: &mut ChaCha8Rng, w: &World) -> Vec<SignedRecord> {
    let mut signer = ChainSigner::new(tracemark::sample::key("reference"), None);
    let count = 8 + rng.next_u32() % 30;
    let mut out = Vec::new();
    for k in 0..count {
        let time = T0 + i64::from(rng.next_u32() % 24) * HOUR;
        let mut event =
            Event::at(EventTime::new(Timestamp::from_unix_millis(time).unwrap(), 0).unwrap());
        event.biz_location = Some(Location::Gln(pick(rng, &w.places).clone()));
        let doc = Document::new(
            Some(DocumentType::DespatchAdvice),
            &format!("DA-{}", rng.next_u32() % 4),
        )
        .unwrap();
        let body = match rng.next_u32() % 7 {
            0 => Body::Commission(Commission {
                goods: goods(rng, w),
                production_date: None,
                expiry_date: None,
                event,
            }),
            1 | 2 => {
                let parent = pick(rng, &w.units).clone();
                let mut children: Vec<ObjectId> = goods(rng, w)
                    .objects
                    .iter()
                    .filter(|o| **o != parent)
                    .cloned()
                    .collect();
                if rng.next_u32() % 4 == 0 {
                    children.clear();
                }
                let action = if rng.next_u32() % 3 == 0 {
                    AggregationAction::Unpack
                } else {
                    AggregationAction::Pack
                };
                if children.is_empty() && action == AggregationAction::Pack {
                    continue;
                }
                Body::Aggregation(Aggregation {
                    action,
                    parent,
                    children: Goods::objects(children).unwrap(),
                    event,
                })
            }
            3 => {
                event.destinations = Set::new(vec![SourceDest {
                    kind: SourceDestType::OwningParty,
                    id: Location::Gln(Sgln::new(*pick(rng, &w.parties))),
                }])
                .unwrap();
                event.documents = Set::new(vec![doc]).unwrap();
                Body::Shipping(Transfer {
                    goods: goods(rng, w),
                    event,
                })
            }
            4 => {
                event.documents = Set::new(vec![doc]).unwrap();
                Body::Receiving(Transfer {
                    goods: goods(rng, w),
                    event,
                })
            }
            5 => Body::Transformation(Transformation {
                transformation_id: (rng.next_u32() % 2 == 0)
                    .then(|| Text::new(format!("urn:x:{}", rng.next_u32() % 2)).unwrap()),
                inputs: goods(rng, w),
                outputs: goods(rng, w),
                event,
            }),
            _ => Body::StatusChange(StatusChange {
                status: Status::Returned,
                goods: goods(rng, w),
                event,
            }),
        };
        let signed_at = Timestamp::from_unix_millis(T0 + i64::from(k)).unwrap();
        out.push(signer.sign(signed_at, body).unwrap());
    }
    out
}

/// Times in direction space as i128 with infinite ends.
const NEG: i128 = i128::MIN;
const POS: i128 = i128::MAX;

fn ms(t: Option<Timestamp>, open: i128) -> i128 {
    t.map_or(open, |t| i128::from(t.unix_millis()))
}

/// The reference: arrival (forward) or deadline (backward) per reached node.
fn reference(g: &TraceGraph, q: &TraceQuery) -> BTreeMap<NodeId, i128> {
    let (w_from, w_until) = (ms(q.window.from, NEG), ms(q.window.until, POS));
    let forward = q.direction == Direction::Forward;
    let mut state: BTreeMap<NodeId, i128> = BTreeMap::new();
    if w_from > w_until {
        return state;
    }
    let starts: BTreeSet<NodeId> = q.starts.iter().copied().collect();
    for s in &starts {
        state.insert(*s, if forward { w_from } else { w_until });
    }
    // An edge seen the way the trace runs: (neighbour, new time) if it may be used from time a.
    let step = |a: i128, from: i128, until: i128| -> Option<i128> {
        if !q.time_aware {
            return (until >= w_from && from <= w_until).then_some(a);
        }
        if forward {
            (a <= until && a.max(from) <= w_until).then_some(a.max(from))
        } else {
            (from <= a && a.min(until) >= w_from).then_some(a.min(until))
        }
    };
    let better = |new: i128, old: Option<&i128>| match old {
        None => true,
        Some(old) => q.time_aware && if forward { new < *old } else { new > *old },
    };
    let mut level0: BTreeSet<NodeId> = starts.clone();
    if forward && q.contents_of_starts {
        loop {
            let mut changed = false;
            for (&u, &a) in state.clone().iter() {
                let kind = g.key(u).kind();
                if !(kind == NodeKind::Unit || (starts.contains(&u) && kind == NodeKind::Shipment))
                {
                    continue;
                }
                for e in g.in_edges(u) {
                    if !matches!(e.kind, EdgeKind::Contains | EdgeKind::Carried)
                        || starts.contains(&e.source)
                    {
                        continue;
                    }
                    if let Some(t) = step(a, ms(e.from, NEG), ms(e.until, POS))
                        && better(t, state.get(&e.source))
                    {
                        state.insert(e.source, t);
                        level0.insert(e.source);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }
    let expands = |n: NodeId| starts.contains(&n) || g.expands(n);
    let neighbours = |u: NodeId| -> Vec<(NodeId, i128, i128)> {
        if forward {
            g.out_edges(u)
                .map(|e| (e.target, ms(e.from, NEG), ms(e.until, POS)))
                .collect()
        } else {
            g.in_edges(u)
                .map(|e| (e.source, ms(e.from, NEG), ms(e.until, POS)))
                .collect()
        }
    };
    let rounds = q.max_hops.unwrap_or(u32::MAX);
    let mut round = 0;
    // Nodes whose value changed in the last round (all of level 0 at first).
    let mut changed: BTreeSet<NodeId> = state.keys().copied().collect();
    if !q.time_aware {
        changed = level0;
    }
    while round < rounds && !changed.is_empty() {
        round += 1;
        let before = state.clone();
        let mut next = BTreeSet::new();
        for &u in &changed {
            if !expands(u) {
                continue;
            }
            let a = before[&u];
            for (v, from, until) in neighbours(u) {
                if let Some(t) = step(a, from, until)
                    && better(t, state.get(&v))
                {
                    state.insert(v, t);
                    next.insert(v);
                }
            }
        }
        changed = next;
    }
    state
}

fn random_query(rng: &mut ChaCha8Rng, g: &TraceGraph) -> TraceQuery {
    let n = g.node_count() as u32;
    let starts: Vec<NodeId> = (0..1 + rng.next_u32() % 3)
        .map(|_| rng.next_u32() % n)
        .collect();
    let mut q = if rng.next_u32() % 2 == 0 {
        TraceQuery::forward(starts)
    } else {
        TraceQuery::backward(starts)
    };
    let bound = |rng: &mut ChaCha8Rng| {
        let h = i64::from(rng.next_u32() % 26) - 1;
        // Half-hours fall between event times, hours on them.
        let half = if rng.next_u32() % 2 == 0 { HOUR / 2 } else { 0 };
        Timestamp::from_unix_millis(T0 + h * HOUR + half).ok()
    };
    if rng.next_u32() % 2 == 0 {
        q.window = TimeWindow {
            from: if rng.next_u32() % 2 == 0 {
                bound(rng)
            } else {
                None
            },
            until: if rng.next_u32() % 2 == 0 {
                bound(rng)
            } else {
                None
            },
        };
    }
    q.time_aware = rng.next_u32() % 4 != 0;
    q.paths = rng.next_u32() % 2 == 0;
    q.contents_of_starts = rng.next_u32() % 5 != 0;
    if rng.next_u32() % 4 == 0 {
        q.max_hops = Some(rng.next_u32() % 5);
    }
    q
}

fn random_rules(rng: &mut ChaCha8Rng, g: &TraceGraph) -> Rules {
    let mut rules = Rules::default();
    for (_, key) in g.nodes() {
        let roll = rng.next_u32() % 6;
        match key.kind() {
            NodeKind::Location | NodeKind::Party if roll == 0 => {
                rules.cross_contamination.push(key)
            }
            NodeKind::Location | NodeKind::Transformation if roll == 1 => rules.kill.push(key),
            _ => {}
        }
    }
    rules
}

#[test]
fn engine_agrees_with_the_reference_on_random_graphs() {
    let mut rng = ChaCha8Rng::seed_from_u64(20261202);
    let mut compared = 0;
    let mut nontrivial = 0;
    let mut with_paths = 0;
    for _graph in 0..1500 {
        let w = world(&mut rng);
        let recs = records(&mut rng, &w);
        let mut g = TraceGraph::from_records(&recs).unwrap();
        if g.node_count() == 0 {
            continue;
        }
        if rng.next_u32() % 2 == 0 {
            let rules = random_rules(&mut rng, &g);
            assert!(g.apply_rules(&rules).is_empty());
        }
        let mut tracer = tracemark::graph::Tracer::new(&g);
        for _query in 0..4 {
            let q = random_query(&mut rng, &g);
            let want = reference(&g, &q);
            let got = tracer.run(&g, &q);
            let got_map: BTreeMap<NodeId, i128> = got
                .reached()
                .iter()
                .map(|r| {
                    let open = if q.direction == Direction::Forward {
                        NEG
                    } else {
                        POS
                    };
                    let t = if q.time_aware {
                        ms(r.at, open)
                    } else {
                        want.get(&r.node).copied().unwrap_or(0)
                    };
                    (r.node, t)
                })
                .collect();
            assert_eq!(got.len(), got_map.len(), "a node reached twice: {q:?}");
            assert_eq!(
                got_map.keys().collect::<Vec<_>>(),
                want.keys().collect::<Vec<_>>(),
                "reached sets differ for {q:?}"
            );
            assert_eq!(got_map, want, "times differ for {q:?}");
            if q.paths {
                for (i, r) in got.reached().iter().enumerate() {
                    let path = got.path(i).unwrap();
                    // Untimed traces never change a parent; time-aware ones keep the parent
                    // of a node's best arrival, whose own path may have more hops.
                    if !q.time_aware {
                        assert!(path.len() <= r.hops as usize, "{q:?}");
                    }
                    if r.hops > 0 && !q.starts.contains(&r.node) {
                        // The last record links the node itself (by an edge into it going
                        // forward, out of it going backward, or out of it to the unit it was
                        // in for the contents of a start).
                        let last = path.last().copied();
                        assert!(last.is_some(), "no path to a reached node: {q:?}");
                        let adjacent: Vec<_> = g
                            .in_edges(r.node)
                            .chain(g.out_edges(r.node))
                            .map(|e| e.record)
                            .collect();
                        assert!(adjacent.contains(&last), "{q:?}");
                        with_paths += 1;
                    }
                }
            } else {
                assert!(got.path(0).is_none());
            }
            compared += 1;
            if want.len() > q.starts.len() + 2 {
                nontrivial += 1;
            }
        }
    }
    eprintln!(
        "{compared} traces compared, {nontrivial} reaching beyond their starts, {with_paths} paths checked"
    );
    assert!(compared >= 5000, "{compared}");
    assert!(nontrivial >= 1500, "{nontrivial}");
}
