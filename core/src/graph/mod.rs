//! The trace graph: what a recall propagates through, built from records or from columns.
//!
//! Nodes are the things a trace can reach: serialised items, lots, product classes, logistic
//! units (SSCC), shipments, transformations, parties and locations. Every edge points the way
//! goods (and so contamination) flow and carries the time interval in which it can be used:
//!
//! | edge | from → to | interval |
//! |---|---|---|
//! | `contains` | child → parent unit | pack time .. unpack time (open if never unpacked) |
//! | `lot_member` | lot → item commissioned or made in it | event time |
//! | `input` / `output` | input → transformation → output | transformation time |
//! | `carried` | goods → shipment | ship time |
//! | `delivered` | shipment → destination party, receiving location | ship / receipt time |
//! | `arrived` | goods → location where received (or returned) | receipt time |
//! | `left` | location → goods commissioned, made or shipped there | event time |
//!
//! A trace follows **earliest-arrival** semantics ([`Trace`]): a node
//! reached at time `t` continues only along edges whose interval ends at or after `t`, and
//! what it reaches is reached no earlier than the interval starts. So a recalled lot reaches a
//! pallet only while it was on it, and a shipment only if it left afterwards. Backward traces
//! mirror this (latest departure).
//!
//! Per-node rules follow FoodChain-Lab ([`Rules`]): a location or party passes nothing on by
//! default (goods carry contamination by their identity, not by having been somewhere), unless
//! it is marked **cross-contaminating**, in which case anything that arrived there may reach
//! anything that left later. A **kill step** (a validated heat treatment) stops propagation
//! through its transformations and location. A node a trace starts from always passes on.
//!
//! ```
//! use tracemark::graph::{NodeKey, TraceGraph, TraceQuery};
//! let chain = tracemark::synth::generate(&tracemark::synth::Params::small())?;
//! let graph = TraceGraph::from_records(&chain.records)?;
//! // The first lot a farm commissioned: where did it go?
//! let lots = graph.nodes_where(|k| matches!(k, NodeKey::Lot(_)));
//! let trace = graph.trace(&TraceQuery::forward([lots[0]]).with_paths());
//! assert!(trace.len() > 30); // packs, cases, a pallet, shipments, shops
//! let (i, shipment) = trace.reached().iter().enumerate()
//!     .find(|(_, r)| matches!(graph.key(r.node), NodeKey::Shipment(_))).unwrap();
//! // The signed records that link the lot to that shipment, lot side first.
//! assert!(!trace.path(i).unwrap().is_empty());
//! assert!(shipment.at.is_some()); // reached when it left, not before
//! # Ok::<(), tracemark::Error>(())
//! ```

mod build;
mod clock;
mod csr;
mod engine;
mod key;
mod radix;
mod trace;

use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::error::{Error, Result};
use crate::record::{RecordId, SignedRecord};
use crate::time::Timestamp;

pub use build::{EdgeColumns, GraphBuilder};
pub use engine::Tracer;
pub use key::{NodeKey, NodeKind, TransformationKey};
pub use trace::{Direction, Reached, TimeWindow, Trace, TraceQuery};

use clock::Clock;
use csr::Csr;

/// A node of a [`TraceGraph`]: a dense index, valid for the graph that gave it.
pub type NodeId = u32;

/// What an edge stands for; see the table in the [module documentation](self).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[repr(u8)]
pub enum EdgeKind {
    /// Child → the unit it is packed in, while packed.
    Contains,
    /// Lot → an item commissioned in that lot.
    LotMember,
    /// Input → transformation.
    Input,
    /// Transformation → output.
    Output,
    /// Goods → the shipment that carries them.
    Carried,
    /// Shipment → where it goes.
    Delivered,
    /// Goods → the location that received them.
    Arrived,
    /// Location → goods that were commissioned, made or shipped there.
    Left,
    /// An edge loaded from columns, with no record behind it.
    Column,
}

impl EdgeKind {
    /// The stable name used in reports and bindings.
    pub fn as_str(&self) -> &'static str {
        match self {
            EdgeKind::Contains => "contains",
            EdgeKind::LotMember => "lot_member",
            EdgeKind::Input => "input",
            EdgeKind::Output => "output",
            EdgeKind::Carried => "carried",
            EdgeKind::Delivered => "delivered",
            EdgeKind::Arrived => "arrived",
            EdgeKind::Left => "left",
            EdgeKind::Column => "column",
        }
    }
}

/// FoodChain-Lab's per-node switches, applied with [`TraceGraph::apply_rules`].
#[derive(Clone, Debug, Default)]
pub struct Rules {
    /// Locations (or parties) where anything that arrived may reach anything that left later.
    pub cross_contamination: Vec<NodeKey>,
    /// Kill steps: nodes that pass nothing on. A location listed here also stops every
    /// transformation performed at it.
    pub kill: Vec<NodeKey>,
}

/// One bit per node.
#[derive(Clone, Debug, Default)]
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    pub(crate) fn new(len: usize, on: bool) -> Bits {
        let mut words = vec![if on { u64::MAX } else { 0 }; len.div_ceil(64)];
        if on
            && !len.is_multiple_of(64)
            && let Some(last) = words.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        Bits { words, len }
    }

    #[inline]
    pub(crate) fn get(&self, n: NodeId) -> bool {
        self.words[n as usize >> 6] & (1 << (n & 63)) != 0
    }

    pub(crate) fn put(&mut self, n: NodeId, on: bool) {
        let (w, bit) = (n as usize >> 6, 1u64 << (n & 63));
        if on {
            self.words[w] |= bit;
        } else {
            self.words[w] &= !bit;
        }
    }
}

/// The graph: nodes with their keys, edges in two compact CSR arrays (out and in), and the
/// record behind every edge.
///
/// Time is stored as `u32` ranks (see the `clock` module), so an edge costs 36 bytes over
/// both directions whatever the clock resolution, and 41 with the kind and record of each
/// edge that a graph of records keeps.
#[derive(Clone, Debug)]
pub struct TraceGraph {
    keys: Keys,
    /// Which nodes pass on what reaches them: one bit each, so that the check costs a trace
    /// next to nothing in cache.
    expands: Bits,
    /// Where each transformation node was performed, for kill steps given by location.
    performed_at: HashMap<NodeId, NodeId, RandomState>,
    pub(crate) fwd: Csr,
    pub(crate) bwd: Csr,
    /// Event times as ranks.
    clock: Clock,
    /// By forward slot: the kind of edge (empty: all [`EdgeKind::Column`]).
    kinds: Vec<EdgeKind>,
    /// By forward slot: index into `records`, or `u32::MAX` for none (empty: none at all).
    edge_record: Vec<u32>,
    records: Vec<RecordId>,
}

#[derive(Clone, Debug)]
enum Keys {
    /// Numbered nodes loaded from columns: node `i` is `NodeKey::Number(i)`.
    Dense(u32),
    /// Nodes with domain keys.
    Table {
        keys: Vec<NodeKey>,
        index: HashMap<NodeKey, NodeId, RandomState>,
    },
}

impl TraceGraph {
    /// The graph of a set of records. Records that carry no flow (keys, recall notices,
    /// received EPCIS events) are skipped; the caller decides which records to trust (verify
    /// them first, or build from a store, which holds only verified ones).
    pub fn from_records<'a>(records: impl IntoIterator<Item = &'a SignedRecord>) -> Result<Self> {
        let mut builder = GraphBuilder::new();
        for record in records {
            builder.add_record(record)?;
        }
        builder.finish()
    }

    /// A graph of numbered nodes `0..nodes` from edge columns (as from Arrow or Parquet).
    pub fn from_columns(nodes: u32, columns: &EdgeColumns<'_>) -> Result<Self> {
        build::from_columns(nodes, columns)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.expands.len
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.fwd.targets.len()
    }

    /// The node of a key, if the graph has it.
    pub fn node(&self, key: &NodeKey) -> Option<NodeId> {
        match &self.keys {
            Keys::Dense(n) => match key {
                NodeKey::Number(i) if *i < u64::from(*n) => Some(*i as NodeId),
                _ => None,
            },
            Keys::Table { index, .. } => index.get(key).copied(),
        }
    }

    /// The key of a node. Panics on an id the graph did not give.
    pub fn key(&self, node: NodeId) -> &NodeKey {
        match &self.keys {
            Keys::Dense(_) => &NUMBERED,
            Keys::Table { keys, .. } => &keys[node as usize],
        }
    }

    /// The key of a node, owned: for numbered nodes, the number.
    pub fn key_of(&self, node: NodeId) -> NodeKey {
        match &self.keys {
            Keys::Dense(_) => NodeKey::Number(u64::from(node)),
            Keys::Table { keys, .. } => keys[node as usize].clone(),
        }
    }

    /// Every node with its key, in id order (ids are laid out for locality, not insertion).
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, NodeKey)> + '_ {
        (0..self.node_count() as NodeId).map(|n| (n, self.key_of(n)))
    }

    /// The nodes whose key satisfies `pred`: how a recall scope finds its start set.
    pub fn nodes_where(&self, mut pred: impl FnMut(&NodeKey) -> bool) -> Vec<NodeId> {
        match &self.keys {
            Keys::Dense(n) => (0..*n)
                .filter(|i| pred(&NodeKey::Number(u64::from(*i))))
                .collect(),
            Keys::Table { keys, .. } => (0..keys.len() as NodeId)
                .filter(|i| pred(&keys[*i as usize]))
                .collect(),
        }
    }

    /// The edges out of a node (the way goods flow): target, kind, interval, record.
    pub fn out_edges(&self, node: NodeId) -> impl Iterator<Item = EdgeView> + '_ {
        self.fwd.range(node).map(move |slot| self.edge_view(slot))
    }

    /// The edges into a node, each seen from its source.
    pub fn in_edges(&self, node: NodeId) -> impl Iterator<Item = EdgeView> + '_ {
        self.bwd
            .range(node)
            .map(move |slot| self.edge_view(self.bwd.slot[slot] as usize))
    }

    fn edge_view(&self, slot: usize) -> EdgeView {
        EdgeView {
            source: self.fwd.source_of(slot),
            target: self.fwd.targets[slot],
            kind: self.kind_of_slot(slot),
            from: self.time_of(self.fwd.from[slot]),
            until: self.time_of(self.fwd.until[slot]),
            record: self.record_of(slot),
        }
    }

    /// Whether a node passes on what reaches it (under the rules applied).
    pub fn expands(&self, node: NodeId) -> bool {
        self.expands.get(node)
    }

    /// Apply FoodChain-Lab's switches. Rules replace those applied before; keys the graph
    /// does not have are returned, so a caller can report them.
    pub fn apply_rules(&mut self, rules: &Rules) -> Vec<NodeKey> {
        let mut unknown = Vec::new();
        for n in 0..self.node_count() as NodeId {
            let on = expands_by_default(self.key(n).kind());
            self.expands.put(n, on);
        }
        for key in &rules.cross_contamination {
            match self.node(key) {
                Some(n) => self.expands.put(n, true),
                None => unknown.push(key.clone()),
            }
        }
        let mut killed = Bits::new(self.node_count(), false);
        for key in &rules.kill {
            match self.node(key) {
                Some(n) => killed.put(n, true),
                None => unknown.push(key.clone()),
            }
        }
        for (process, location) in &self.performed_at {
            if killed.get(*location) {
                self.expands.put(*process, false);
            }
        }
        for n in 0..self.node_count() as NodeId {
            if killed.get(n) {
                self.expands.put(n, false);
            }
        }
        unknown
    }

    /// Run a trace with a fresh [`Tracer`]. To run many, keep a tracer and call
    /// [`Tracer::run`], which reuses its buffers.
    pub fn trace(&self, query: &TraceQuery) -> Trace {
        Tracer::new(self).run(self, query)
    }

    /// The time of a rank, `None` for the open ends and for the odd ranks (which stand for a
    /// window bound between two event times).
    pub(crate) fn time_of(&self, rank: u32) -> Option<Timestamp> {
        self.clock.time_of(rank)
    }

    /// The rank of a window's start (see [`clock`]).
    pub(crate) fn rank_at_or_after(&self, t: Timestamp) -> u32 {
        self.clock.at_or_after(t)
    }

    /// The rank of a window's end.
    pub(crate) fn rank_at_or_before(&self, t: Timestamp) -> u32 {
        self.clock.at_or_before(t)
    }

    /// The rank that stands for the end of time.
    pub(crate) fn end_rank(&self) -> u32 {
        self.clock.end()
    }

    pub(crate) fn record_of(&self, fwd_slot: usize) -> Option<RecordId> {
        let r = self.edge_record.get(fwd_slot)?;
        self.records.get(*r as usize).copied()
    }

    pub(crate) fn expanding(&self) -> &Bits {
        &self.expands
    }

    pub(crate) fn kind_of_slot(&self, fwd_slot: usize) -> EdgeKind {
        self.kinds
            .get(fwd_slot)
            .copied()
            .unwrap_or(EdgeKind::Column)
    }

    /// Bytes of memory the graph holds (arrays and tables, not allocator slack).
    pub fn memory_bytes(&self) -> usize {
        let keys = match &self.keys {
            Keys::Dense(_) => 0,
            Keys::Table { keys, index } => {
                keys.len() * std::mem::size_of::<NodeKey>()
                    + index.capacity() * (std::mem::size_of::<NodeKey>() + 4 + 1)
            }
        };
        keys + self.expands.words.len() * 8
            + self.fwd.memory_bytes()
            + self.bwd.memory_bytes()
            + self.clock.memory_bytes()
            + self.kinds.len()
            + self.edge_record.len() * 4
            + self.records.len() * 32
    }
}

static NUMBERED: NodeKey = NodeKey::Number(u64::MAX);

/// One edge as a caller sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeView {
    /// Where the goods flow from.
    pub source: NodeId,
    /// Where they flow to.
    pub target: NodeId,
    /// What the edge stands for.
    pub kind: EdgeKind,
    /// When it opens (`None`: always open).
    pub from: Option<Timestamp>,
    /// When it closes (`None`: never).
    pub until: Option<Timestamp>,
    /// The record it comes from.
    pub record: Option<RecordId>,
}

/// Parties and locations pass nothing on unless a rule says so (cross-contamination).
pub(crate) fn expands_by_default(kind: NodeKind) -> bool {
    !matches!(kind, NodeKind::Party | NodeKind::Location)
}

pub(crate) fn too_big(what: &str) -> Error {
    Error::LimitExceeded(format!("trace graph: more than 2^32 - 2 {what}"))
}

/// Build errors for columns that do not line up.
pub(crate) fn bad_columns(why: impl Into<String>) -> Error {
    Error::InvalidValue(format!("edge columns: {}", why.into()))
}
