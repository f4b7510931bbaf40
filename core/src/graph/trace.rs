//! What a trace asks and what it answers.

use crate::record::RecordId;
use crate::time::Timestamp;

use super::{NodeId, TraceGraph};

/// Which way a trace runs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Direction {
    /// Where the goods went: downstream, to customers.
    Forward,
    /// Where they came from: upstream, to sources.
    Backward,
}

/// An event-time window; `None` ends are open.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct TimeWindow {
    /// Nothing before this time counts.
    pub from: Option<Timestamp>,
    /// Nothing after this time counts.
    pub until: Option<Timestamp>,
}

/// A trace to run: start nodes, direction, and how time counts.
#[derive(Clone, Debug)]
pub struct TraceQuery {
    /// Where the trace starts (reached at the window's start going forward, at its end going
    /// backward).
    pub starts: Vec<NodeId>,
    /// Which way.
    pub direction: Direction,
    /// Bound on event time.
    pub window: TimeWindow,
    /// Earliest-arrival semantics (the default). Off, a trace is plain reachability: every
    /// edge counts whatever its time (the window still bounds which edges exist).
    pub time_aware: bool,
    /// Keep one justifying path per reached node ([`Trace::path`]); costs nothing when off.
    pub paths: bool,
    /// Stop after this many edges from a start.
    pub max_hops: Option<u32>,
    /// Going forward from a logistic unit or shipment, first take in what it contains (the
    /// cases on a recalled pallet are recalled too). On by default.
    pub contents_of_starts: bool,
}

impl TraceQuery {
    /// A time-aware forward trace from `starts`.
    pub fn forward(starts: impl IntoIterator<Item = NodeId>) -> TraceQuery {
        TraceQuery {
            starts: starts.into_iter().collect(),
            direction: Direction::Forward,
            window: TimeWindow::default(),
            time_aware: true,
            paths: false,
            max_hops: None,
            contents_of_starts: true,
        }
    }

    /// A time-aware backward trace from `starts`.
    pub fn backward(starts: impl IntoIterator<Item = NodeId>) -> TraceQuery {
        TraceQuery {
            direction: Direction::Backward,
            ..TraceQuery::forward(starts)
        }
    }

    /// The same query with justifying paths.
    pub fn with_paths(mut self) -> TraceQuery {
        self.paths = true;
        self
    }

    /// The same query bounded by an event-time window.
    pub fn within(mut self, window: TimeWindow) -> TraceQuery {
        self.window = window;
        self
    }

    /// The same query as plain reachability (time ignored).
    pub fn untimed(mut self) -> TraceQuery {
        self.time_aware = false;
        self
    }

    /// The same query stopped after `hops` edges.
    pub fn hops(mut self, hops: u32) -> TraceQuery {
        self.max_hops = Some(hops);
        self
    }
}

/// A node a trace reached.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Reached {
    /// The node.
    pub node: NodeId,
    /// Forward: the earliest time it was reached; backward: the latest time it could still
    /// have passed something on. `None`: unbounded (a start with an open window, or an
    /// untimed trace).
    pub at: Option<Timestamp>,
    /// Edges from the nearest start (in an untimed trace, the fewest; in a time-aware one,
    /// along the path that gave `at`).
    pub hops: u32,
}

/// The answer of a trace: every reached node once (starts first), and optionally the edge
/// that reached each.
#[derive(Clone, Debug)]
pub struct Trace {
    pub(crate) direction: Direction,
    pub(crate) reached: Vec<Reached>,
    /// With paths: for each reached node, the position of the node it was reached from
    /// (`u32::MAX` for a start) and the record of that edge.
    pub(crate) parent: Vec<u32>,
    pub(crate) via: Vec<Option<RecordId>>,
    pub(crate) with_paths: bool,
    pub(crate) edges_scanned: u64,
}

impl Trace {
    /// Which way it ran.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The reached nodes, starts included, in the order they were first reached.
    pub fn reached(&self) -> &[Reached] {
        &self.reached
    }

    /// Number of reached nodes.
    pub fn len(&self) -> usize {
        self.reached.len()
    }

    /// Whether nothing was reached (no start was in the graph).
    pub fn is_empty(&self) -> bool {
        self.reached.is_empty()
    }

    /// The edges the trace looked at: the work it did.
    pub fn edges_scanned(&self) -> u64 {
        self.edges_scanned
    }

    /// The records linking the `i`-th reached node to a start, start side first; empty for a
    /// start, `None` when the trace ran without paths.
    pub fn path(&self, i: usize) -> Option<Vec<RecordId>> {
        if !self.with_paths || i >= self.reached.len() {
            return None;
        }
        let mut out = Vec::new();
        let mut at = i;
        // Parents are settled before their children, so the chain ends at a start; bound it
        // all the same.
        for _ in 0..self.reached.len() {
            let p = self.parent[at];
            if p == u32::MAX {
                break;
            }
            if let Some(r) = self.via[at]
                && out.last() != Some(&r)
            {
                out.push(r);
            }
            at = p as usize;
        }
        out.reverse();
        Some(out)
    }

    /// The nodes reached, sorted: for comparing traces.
    pub fn node_set(&self) -> Vec<NodeId> {
        let mut nodes: Vec<NodeId> = self.reached.iter().map(|r| r.node).collect();
        nodes.sort_unstable();
        nodes
    }

    /// The reached nodes with their keys, as text: for people.
    pub fn describe<'g>(&'g self, graph: &'g TraceGraph) -> impl Iterator<Item = String> + 'g {
        self.reached.iter().map(move |r| {
            format!(
                "{} {}",
                graph.key(r.node).kind().as_str(),
                graph.key_of(r.node)
            )
        })
    }
}

impl Trace {
    /// The reached nodes as a column table: `kind, id, at, hops, path` (`path`: the records
    /// joined by `; `, null without paths).
    pub fn table(&self, graph: &TraceGraph) -> crate::table::Table {
        use crate::table::{Column, Table, joined, text, uint};
        let r = &self.reached;
        let mut t = Table::new();
        t.push(
            "kind",
            text(r, |x| Some(graph.key(x.node).kind().as_str().into())),
        );
        t.push("id", text(r, |x| Some(graph.key_of(x.node).to_string())));
        t.push("at", text(r, |x| x.at.map(|t| t.to_string())));
        t.push("hops", uint(r, |x| Some(u64::from(x.hops))));
        t.push(
            "path",
            Column::Text((0..r.len()).map(|i| self.path(i).map(joined)).collect()),
        );
        t
    }
}
