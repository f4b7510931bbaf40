//! Synthetic supply chains as graph columns, for graphs too large to sign record by record
//! (benchmarks up to 10^8 edges). No records and no signatures: node numbers and edge columns,
//! exactly what [`TraceGraph::from_columns`](crate::graph::TraceGraph::from_columns) loads.
//!
//! The shape follows the record generator ([`generate`](super::generate)) and the edges the
//! record graph would have (see [`graph`](crate::graph)): farms commission a lot a day and ship
//! it to a packer; each packer merges the day's lots it received in a transformation into a new
//! lot of serialised packs, packed into cases and the cases onto one pallet; the pallet ships to
//! a distribution centre, which unpacks it and ships the cases to retailers; retailers unpack
//! the cases and sell packs to consumer households over the following days; a few sold packs
//! come back to their packer, which checks them and packs them again into a later case.
//! Locations (farms, packers, centres, shops, households) are nodes with the edges a record
//! graph gives them (goods arrive at them and leave from them) and are listed in
//! [`GraphColumns::stops`]: as in a record graph, a location passes nothing on.
//!
//! ```
//! use tracemark::graph::{TraceGraph, TraceQuery, Rules, NodeKey};
//! use tracemark::synth::{graph_columns, GraphParams};
//! let columns = graph_columns(&GraphParams::sized(20_000));
//! let mut graph = TraceGraph::from_columns(columns.nodes, &columns.edges())?;
//! graph.apply_rules(&columns.rules());
//! let lot = columns.source_lots[0];
//! let trace = graph.trace(&TraceQuery::forward([lot]));
//! assert!(trace.len() > 100);
//! # Ok::<(), tracemark::Error>(())
//! ```

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use super::{DAY_MS, Params, START_MS};
use crate::graph::{EdgeColumns, NodeKey, Rules};

/// The shape of a column graph: the record generator's [`Params`] and what only columns
/// have. [`GraphParams::sized`] picks one for a number of edges.
#[derive(Clone, Debug)]
pub struct GraphParams {
    /// Seed, days, parties, packing and returns, as for signed records (`returns_per_mille`
    /// is a share of the packs sold).
    pub chain: Params,
    /// Consumer households (each a location that packs arrive at).
    pub households: u32,
    /// Share of packs sold, in per mille.
    pub sold_per_mille: u32,
    /// Event times to the millisecond (else to the second, as most EPCIS event times are).
    pub millis: bool,
}

impl GraphParams {
    /// A year of trading with as many packers (and farms, centres, shops and households in
    /// proportion) as give about `edges` edges, with about 4.5 edges per node.
    pub fn sized(edges: u64) -> GraphParams {
        // About 790 edges per packer and day with the proportions below.
        let packer_days = (edges / 790).max(1);
        let days = packer_days.clamp(1, 365) as u32;
        let packers = (packer_days / u64::from(days)).clamp(1, u64::from(u32::MAX / 8)) as u32;
        GraphParams {
            chain: Params {
                seed: 2026,
                days,
                farms: 4 * packers,
                packers,
                inputs_per_transformation: 4,
                distribution_centres: packers.div_ceil(10),
                retailers: 6 * packers,
                packs_per_case: 12,
                cases_per_pallet: 12,
                returns_per_mille: 20,
            },
            households: 200 * packers,
            sold_per_mille: 900,
            millis: false,
        }
    }
}

/// A generated graph: `nodes` numbered nodes and edge columns.
#[derive(Clone, Debug, Default)]
pub struct GraphColumns {
    /// Node count; nodes are `0..nodes`, numbered in the order they appear (roughly time
    /// order, the packs of a lot together).
    pub nodes: u32,
    /// Source node of each edge.
    pub sources: Vec<u32>,
    /// Target node of each edge.
    pub targets: Vec<u32>,
    /// When each edge opens (Unix milliseconds).
    pub from: Vec<i64>,
    /// When each edge closes ([`i64::MAX`]: still open).
    pub until: Vec<i64>,
    /// Location nodes: they pass nothing on (see [`GraphColumns::rules`]).
    pub stops: Vec<u32>,
    /// Every farm lot, in commissioning order: the starts of recall traces.
    pub source_lots: Vec<u32>,
    /// Every transformation output lot, in order.
    pub packed_lots: Vec<u32>,
}

impl GraphColumns {
    /// The columns as [`TraceGraph::from_columns`](crate::graph::TraceGraph::from_columns)
    /// takes them.
    pub fn edges(&self) -> EdgeColumns<'_> {
        EdgeColumns {
            sources: &self.sources,
            targets: &self.targets,
            from: Some(&self.from),
            until: Some(&self.until),
        }
    }

    /// Rules that make the locations stop propagation, as in a record graph.
    pub fn rules(&self) -> Rules {
        Rules {
            kill: self
                .stops
                .iter()
                .map(|n| NodeKey::Number(u64::from(*n)))
                .collect(),
            ..Rules::default()
        }
    }

    /// Edge count.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Whether there are no edges.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Whether each node is a stop, as a vector of flags (for baselines that test it).
    pub fn stop_flags(&self) -> Vec<bool> {
        let mut flags = vec![false; self.nodes as usize];
        for s in &self.stops {
            flags[*s as usize] = true;
        }
        flags
    }
}

const HOUR: i64 = 3_600_000;
const OPEN: i64 = i64::MAX;

struct Gen<'p> {
    p: &'p GraphParams,
    rng: ChaCha8Rng,
    out: GraphColumns,
}

impl Gen<'_> {
    fn node(&mut self) -> u32 {
        self.out.nodes += 1;
        self.out.nodes - 1
    }

    fn nodes(&mut self, n: u32) -> std::ops::Range<u32> {
        let first = self.out.nodes;
        self.out.nodes += n;
        first..self.out.nodes
    }

    fn edge(&mut self, source: u32, target: u32, from: i64, until: i64) {
        self.out.sources.push(source);
        self.out.targets.push(target);
        self.out.from.push(from);
        self.out.until.push(until);
    }

    fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.rng.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// A time in the hour after `base`: seconds, or milliseconds with `millis`.
    fn jitter(&mut self, base: i64) -> i64 {
        let ms = i64::from(self.below(3_600_000));
        if self.p.millis {
            base + ms
        } else {
            base + ms / 1000 * 1000
        }
    }
}

/// Generates the graph of `params`. The same parameters always give the same columns.
pub fn graph_columns(params: &GraphParams) -> GraphColumns {
    let p = &params.chain;
    let packs_per_day = u64::from(p.packs_per_case) * u64::from(p.cases_per_pallet);
    let estimate = u64::from(p.days) * u64::from(p.packers) * (packs_per_day * 5 + 20);
    let mut g = Gen {
        p: params,
        rng: ChaCha8Rng::seed_from_u64(p.seed),
        out: GraphColumns::default(),
    };
    g.out.sources.reserve(estimate as usize);
    g.out.targets.reserve(estimate as usize);
    g.out.from.reserve(estimate as usize);
    g.out.until.reserve(estimate as usize);
    let farms = g.nodes(p.farms);
    let packers = g.nodes(p.packers);
    let dcs = g.nodes(p.distribution_centres.max(1));
    let shops = g.nodes(p.retailers.max(1));
    let homes = g.nodes(params.households.max(1));
    g.out.stops = (farms.start..homes.end).collect();
    // Packs sold and on their way back, by packer: (pack, the day it arrives there).
    let mut returns: Vec<Vec<(u32, u32)>> = vec![Vec::new(); p.packers as usize];
    for day in 0..p.days {
        let base = START_MS + i64::from(day) * DAY_MS;
        // Farms: a lot each, shipped to one packer.
        let mut received: Vec<Vec<u32>> = vec![Vec::new(); p.packers as usize];
        for farm in farms.clone() {
            let lot = g.node();
            g.out.source_lots.push(lot);
            let made = g.jitter(base + 5 * HOUR);
            g.edge(farm, lot, made, OPEN);
            if p.packers == 0 {
                continue;
            }
            let to = g.below(p.packers);
            let shipment = g.node();
            let (left, arrived) = (g.jitter(base + 7 * HOUR), g.jitter(base + 9 * HOUR));
            g.edge(lot, shipment, left, arrived);
            g.edge(shipment, packers.start + to, arrived, arrived);
            g.edge(lot, packers.start + to, arrived, OPEN);
            received[to as usize].push(lot);
        }
        for (k, packer) in packers.clone().enumerate() {
            let inputs: Vec<u32> = received[k]
                .iter()
                .copied()
                .take(p.inputs_per_transformation as usize)
                .collect();
            let step = g.node();
            let made = g.jitter(base + 11 * HOUR);
            for input in inputs {
                g.edge(input, step, made, made);
            }
            let lot = g.node();
            g.out.packed_lots.push(lot);
            g.edge(step, lot, made, made);
            g.edge(packer, lot, made, OPEN);
            let pallet = g.node();
            let palletised = g.jitter(base + 13 * HOUR);
            let dc = dcs.start + g.below(dcs.len() as u32);
            let (left, at_dc) = (g.jitter(base + 15 * HOUR), g.jitter(base + DAY_MS + HOUR));
            let broken = at_dc + HOUR;
            // Returned packs that arrived are checked and packed again, into the day's first
            // case: the party graph has a cycle (shop, home, packer), the goods graph none.
            let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut returns[k])
                .into_iter()
                .partition(|(_, back)| *back <= day);
            returns[k] = later;
            for c in 0..p.cases_per_pallet {
                let case = g.node();
                let packed = g.jitter(base + 12 * HOUR);
                g.edge(case, pallet, palletised, broken);
                if c == 0 {
                    for (pack, back) in &due {
                        let arrived = START_MS + i64::from(*back) * DAY_MS - 2 * HOUR;
                        g.edge(*pack, packer, arrived, OPEN);
                        g.edge(*pack, case, packed, base + DAY_MS * 2);
                    }
                }
                let shop = shops.start + g.below(shops.len() as u32);
                let sold_from = base + DAY_MS * 2;
                for pack in g.nodes(p.packs_per_case) {
                    g.edge(lot, pack, made, OPEN);
                    g.edge(step, pack, made, made);
                    g.edge(packer, pack, made, OPEN);
                    g.edge(pack, case, packed, sold_from);
                    if g.below(1000) < params.sold_per_mille {
                        let home = homes.start + g.below(homes.len() as u32);
                        let after = i64::from(g.below(10)) * DAY_MS;
                        let sold = g.jitter(sold_from + after);
                        g.edge(pack, home, sold, OPEN);
                        if g.below(1000) < p.returns_per_mille {
                            let back = (sold - START_MS) / DAY_MS + 3;
                            returns[k].push((pack, back as u32));
                        }
                    }
                }
                // Cases: from the centre to a shop, in a shipment of their own.
                let shipment = g.node();
                let (out_dc, at_shop) = (
                    g.jitter(base + DAY_MS + 4 * HOUR),
                    g.jitter(base + DAY_MS + 8 * HOUR),
                );
                g.edge(case, shipment, out_dc, at_shop);
                g.edge(shipment, shop, at_shop, at_shop);
                g.edge(case, shop, at_shop, OPEN);
                g.edge(dc, case, out_dc, OPEN);
            }
            let shipment = g.node();
            g.edge(pallet, shipment, left, at_dc);
            g.edge(shipment, dc, at_dc, at_dc);
            g.edge(pallet, dc, at_dc, OPEN);
            g.edge(packer, pallet, left, OPEN);
        }
    }
    g.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{TraceGraph, TraceQuery};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sized_graphs_have_about_the_asked_edges_and_the_same_seed_gives_the_same_columns() {
        for edges in [10_000u64, 300_000] {
            let c = graph_columns(&GraphParams::sized(edges));
            let ratio = c.len() as f64 / edges as f64;
            assert!(
                (0.8..1.25).contains(&ratio),
                "{} edges for {edges}",
                c.len()
            );
            let per_node = c.len() as f64 / f64::from(c.nodes);
            assert!((3.5..5.5).contains(&per_node), "{per_node} edges per node");
            assert!(c.sources.iter().chain(&c.targets).all(|n| *n < c.nodes));
            assert!(c.from.iter().zip(&c.until).all(|(f, u)| f <= u));
        }
        let p = GraphParams::sized(20_000);
        let (a, b) = (graph_columns(&p), graph_columns(&p));
        assert_eq!((a.sources, a.from), (b.sources, b.from));
        let other = graph_columns(&GraphParams {
            chain: Params {
                seed: 7,
                ..p.chain.clone()
            },
            ..p
        });
        assert_ne!(other.targets, b.targets);
    }

    #[test]
    fn a_farm_lot_reaches_packs_shops_and_homes_but_no_location_passes_anything_on() {
        let c = graph_columns(&GraphParams::sized(50_000));
        let mut graph = TraceGraph::from_columns(c.nodes, &c.edges()).expect("columns");
        assert!(graph.apply_rules(&c.rules()).is_empty());
        let stops = c.stop_flags();
        let lot = c.source_lots[c.source_lots.len() / 2];
        let trace = graph.trace(&TraceQuery::forward([lot]));
        let reached: Vec<u32> = trace.reached().iter().map(|r| r.node).collect();
        // Numbered nodes are named by their numbers in tables.
        let table = trace.table(&graph);
        let ids = table.columns.iter().find(|(name, _)| *name == "id");
        assert!(
            matches!(ids, Some((_, crate::table::Column::Text(ids))) if ids[0] == Some(lot.to_string())),
            "{ids:?}"
        );
        assert!(reached.iter().filter(|n| stops[**n as usize]).count() > 10);
        assert!(reached.len() > 150, "{} reached", reached.len());
        // A location passes nothing on: without the rules, the shops and homes would pass
        // the trace on to everything that ever arrived at them or left them.
        let untimed = graph.trace(&TraceQuery::forward([lot]).untimed());
        assert!(untimed.len() >= trace.len());
        let open = TraceGraph::from_columns(c.nodes, &c.edges()).expect("columns");
        let flooded = open.trace(&TraceQuery::forward([lot]).untimed());
        assert!(
            flooded.len() > 2 * untimed.len(),
            "{} vs {}",
            flooded.len(),
            untimed.len()
        );
    }
}
