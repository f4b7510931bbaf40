//! The traversal engine: reusable buffers, a visited bitmap with sparse reset, a
//! direction-optimising breadth-first search for untimed traces and an earliest-arrival
//! search (Dijkstra over time ranks, with a radix heap as ranks only grow; exact because
//! arriving later never lets an edge be used earlier) for time-aware ones.
//!
//! Both directions run the same code: the backward CSR stores its times mirrored, so "latest
//! departure" backward is "earliest arrival" on the mirrored ranks.

use super::csr::Csr;
use super::radix::RadixHeap;
use super::trace::TimeWindow;
use super::trace::{Direction, Reached, Trace, TraceQuery};
use super::{Bits, EdgeKind, NodeKind, TraceGraph};

/// Beamer's switch to bottom-up steps: when the frontier's edges exceed the unexplored
/// edges divided by ALPHA; back to top-down when the frontier shrinks below nodes / BETA.
const ALPHA: u64 = 14;
const BETA: u64 = 24;
const NONE: u32 = u32::MAX;

/// Buffers for traces over one graph, reused from trace to trace: a small recall touches
/// only what it reaches, not the whole graph.
#[derive(Debug, Default)]
pub struct Tracer {
    visited: Vec<u64>,
    /// Position of each visited node in the list of the running trace.
    pos: Vec<u32>,
    /// Frontier bitmap for bottom-up steps (allocated on first use).
    front: Vec<u64>,
    /// Round stamps for hop-bounded time-aware traces, by position in the trace.
    stamp: Vec<u32>,
    mark: u32,
    heap: RadixHeap,
    /// Hop-bounded time-aware rounds: this round's nodes, the next round's, and the arrival
    /// of each node of this round as the round began.
    frontier: Vec<u32>,
    next: Vec<u32>,
    snapshot: Vec<(u32, u32, u32)>,
    /// Positions still to descend from, going down the packing hierarchy of the starts.
    work: Vec<u32>,
    list: List,
}

/// The running trace, by position.
#[derive(Debug, Default)]
struct List {
    node: Vec<u32>,
    rank: Vec<u32>,
    hops: Vec<u32>,
    parent: Vec<u32>,
    via: Vec<u32>,
    paths: bool,
    /// Time-aware traces keep each node's arrival rank; in an untimed one every rank is the
    /// window's start, so none is stored.
    ranked: bool,
}

impl List {
    fn clear(&mut self, paths: bool, ranked: bool) {
        self.node.clear();
        self.rank.clear();
        self.hops.clear();
        self.parent.clear();
        self.via.clear();
        self.paths = paths;
        self.ranked = ranked;
    }

    #[inline]
    fn push(&mut self, node: u32, rank: u32, hops: u32, parent: u32, via: u32) -> u32 {
        let at = self.node.len() as u32;
        self.node.push(node);
        if self.ranked {
            self.rank.push(rank);
        }
        self.hops.push(hops);
        if self.paths {
            self.parent.push(parent);
            self.via.push(via);
        }
        at
    }
}

/// The direction-space view a run works in.
struct View<'g> {
    csr: &'g Csr,
    /// The CSR of the other direction (bottom-up steps read it).
    other: &'g Csr,
    forward: bool,
    expands: &'g Bits,
    lo: u32,
    hi: u32,
    timed: bool,
    /// Whether the window cuts anything away (else untimed runs skip time checks).
    bounded: bool,
    end: u32,
}

impl<'g> View<'g> {
    /// The forward slot of a slot of `csr`, for the record of an edge.
    #[inline]
    fn fwd_slot(&self, slot: usize) -> u32 {
        if self.forward {
            slot as u32
        } else {
            self.csr.slot[slot]
        }
    }

    /// Untimed: whether an edge exists within the window.
    #[inline]
    fn in_window(&self, slot: usize) -> bool {
        !self.bounded || (self.csr.until[slot] >= self.lo && self.csr.from[slot] <= self.hi)
    }
}

impl Tracer {
    /// Buffers sized for `graph`.
    pub fn new(graph: &TraceGraph) -> Tracer {
        let n = graph.node_count();
        Tracer {
            visited: vec![0; n.div_ceil(64)],
            pos: vec![0; n],
            ..Tracer::default()
        }
    }

    /// Run one trace. Starts the graph does not have are ignored (ids from another graph
    /// reach nothing rather than something wrong).
    pub fn run(&mut self, graph: &TraceGraph, query: &TraceQuery) -> Trace {
        let n = graph.node_count();
        if self.pos.len() != n {
            *self = Tracer::new(graph);
        }
        let end = graph.end_rank();
        let (mut lo, mut hi) = (0, end);
        if let Some(from) = query.window.from {
            lo = graph.rank_at_or_after(from);
        }
        if let Some(until) = query.window.until {
            hi = graph.rank_at_or_before(until);
        }
        let forward = query.direction == Direction::Forward;
        let bounded = lo > 0 || hi < end;
        if !forward {
            (lo, hi) = (end - hi, end - lo);
        }
        let view = View {
            csr: if forward { &graph.fwd } else { &graph.bwd },
            other: if forward { &graph.bwd } else { &graph.fwd },
            forward,
            expands: graph.expanding(),
            lo,
            hi,
            timed: query.time_aware,
            bounded,
            end,
        };
        self.list.clear(query.paths, query.time_aware);
        let mut scanned = 0u64;
        let empty = matches!((query.window.from, query.window.until), (Some(f), Some(u)) if f > u);
        if !empty && lo <= hi {
            for &s in &query.starts {
                if (s as usize) < n && !self.seen(s) {
                    self.visit(s, lo, 0, NONE, NONE);
                }
            }
            let starts = self.list.node.len();
            if forward && query.contents_of_starts {
                scanned += self.contents(graph, &view, starts);
            }
            scanned += match (query.time_aware, query.max_hops) {
                (false, hops) => self.breadth_first(&view, starts, hops.unwrap_or(u32::MAX)),
                (true, None) => self.earliest_arrival(&view, starts),
                (true, Some(hops)) => self.rounds(&view, starts, hops),
            };
        }
        let trace = self.answer(graph, &view, query, scanned);
        self.reset();
        trace
    }

    #[inline]
    fn seen(&self, n: u32) -> bool {
        self.visited[n as usize >> 6] & (1 << (n & 63)) != 0
    }

    #[inline]
    fn visit(&mut self, n: u32, rank: u32, hops: u32, parent: u32, via: u32) {
        self.visited[n as usize >> 6] |= 1 << (n & 63);
        self.pos[n as usize] = self.list.push(n, rank, hops, parent, via);
    }

    /// Sparse reset: clear only the words of reached nodes unless the trace was large.
    fn reset(&mut self) {
        if self.list.node.len() * 8 < self.visited.len() {
            for &n in &self.list.node {
                self.visited[n as usize >> 6] = 0;
            }
        } else {
            self.visited.fill(0);
        }
    }

    /// Going forward from units and shipments: what they hold at or after the start's time,
    /// down the packing hierarchy, joins the starts (at the earliest time it was inside).
    fn contents(&mut self, graph: &TraceGraph, view: &View<'_>, starts: usize) -> u64 {
        let mut scanned = 0;
        // Kept from run to run, like the other buffers.
        let mut work = std::mem::take(&mut self.work);
        work.clear();
        work.extend((0..starts as u32).rev());
        while let Some(at) = work.pop() {
            let (u, a, h) = {
                let i = at as usize;
                let a = if view.timed {
                    self.list.rank[i]
                } else {
                    view.lo
                };
                (self.list.node[i], a, self.list.hops[i])
            };
            let kind = graph.key(u).kind();
            let descend =
                kind == NodeKind::Unit || (at < starts as u32 && kind == NodeKind::Shipment);
            if !descend {
                continue;
            }
            for slot in graph.bwd.range(u) {
                scanned += 1;
                let fs = graph.bwd.slot[slot] as usize;
                if !matches!(
                    graph.kind_of_slot(fs),
                    EdgeKind::Contains | EdgeKind::Carried
                ) {
                    continue;
                }
                let (f, g) = (graph.fwd.from[fs], graph.fwd.until[fs]);
                let arrive = if view.timed {
                    if a > g || a.max(f) > view.hi {
                        continue;
                    }
                    a.max(f)
                } else {
                    if view.bounded && (g < view.lo || f > view.hi) {
                        continue;
                    }
                    a
                };
                let child = graph.bwd.targets[slot];
                let via = if self.list.paths { fs as u32 } else { NONE };
                if !self.seen(child) {
                    self.visit(child, arrive, h + 1, at, via);
                    work.push(self.pos[child as usize]);
                } else {
                    let p = self.pos[child as usize] as usize;
                    // Untimed, every node is reached at the window's start: nothing improves.
                    if view.timed && p >= starts && arrive < self.list.rank[p] {
                        self.list.rank[p] = arrive;
                        self.list.hops[p] = h + 1;
                        if self.list.paths {
                            self.list.parent[p] = at;
                            self.list.via[p] = via;
                        }
                        work.push(p as u32);
                    }
                }
            }
        }
        self.work = work;
        scanned
    }

    /// Level-synchronous breadth-first search, top-down while the frontier is small,
    /// bottom-up (each unvisited node looks for a parent in the frontier) while it is large.
    fn breadth_first(&mut self, view: &View<'_>, starts: usize, max_hops: u32) -> u64 {
        let csr = view.csr;
        let total_edges = csr.targets.len() as u64;
        let n = csr.offsets.len() - 1;
        let mut scanned = 0u64;
        let (mut begin, mut end) = (0, self.list.node.len());
        let mut level = 0;
        while begin < end && level < max_hops {
            // Bottom-up pays only for a frontier of a sizeable share of the nodes; only
            // then is it worth counting the frontier's edges.
            let bottom_up = level > 0
                && !view.bounded
                && (end - begin) as u64 > n as u64 / BETA
                && self.list.node[begin..end]
                    .iter()
                    .map(|&u| u64::from(csr.offsets[u as usize + 1] - csr.offsets[u as usize]))
                    .sum::<u64>()
                    > total_edges.saturating_sub(scanned) / ALPHA;
            if bottom_up {
                scanned += self.bottom_up_step(view, begin, end);
            } else {
                for i in begin..end {
                    let u = self.list.node[i];
                    if i >= starts && !view.expands.get(u) {
                        continue;
                    }
                    let hops = self.list.hops[i] + 1;
                    let range = csr.range(u);
                    scanned += range.len() as u64;
                    for slot in range {
                        let v = csr.targets[slot];
                        if !self.seen(v) && view.in_window(slot) {
                            let via = if self.list.paths {
                                view.fwd_slot(slot)
                            } else {
                                NONE
                            };
                            // Top-down steps need no positions (bottom-up sets its own).
                            self.visited[v as usize >> 6] |= 1 << (v & 63);
                            self.list.push(v, view.lo, hops, i as u32, via);
                        }
                    }
                }
            }
            begin = end;
            end = self.list.node.len();
            level += 1;
        }
        scanned
    }

    fn bottom_up_step(&mut self, view: &View<'_>, begin: usize, end: usize) -> u64 {
        let n = view.csr.offsets.len() - 1;
        if self.front.len() != self.visited.len() {
            self.front = vec![0; self.visited.len()];
        }
        for i in begin..end {
            let u = self.list.node[i];
            if view.expands.get(u) {
                self.front[u as usize >> 6] |= 1 << (u & 63);
            }
        }
        for i in begin..end {
            self.pos[self.list.node[i] as usize] = i as u32;
        }
        let mut scanned = 0;
        for v in 0..n as u32 {
            if self.seen(v) {
                continue;
            }
            for slot in view.other.range(v) {
                scanned += 1;
                let u = view.other.targets[slot];
                if self.front[u as usize >> 6] & (1 << (u & 63)) != 0 {
                    let parent = self.pos[u as usize];
                    let via = match (self.list.paths, view.forward) {
                        (false, _) => NONE,
                        (true, true) => view.other.slot[slot],
                        (true, false) => slot as u32,
                    };
                    let hops = self.list.hops[parent as usize] + 1;
                    self.visit(v, view.lo, hops, parent, via);
                    break;
                }
            }
        }
        for i in begin..end {
            let u = self.list.node[i];
            self.front[u as usize >> 6] = 0;
        }
        scanned
    }

    /// Relax the edges of `u` (at position `i`, reached at rank `a`); push improved nodes.
    #[inline]
    fn relax(
        &mut self,
        view: &View<'_>,
        (i, u, a, hops): (u32, u32, u32, u32),
        mut improved: impl FnMut(&mut Self, u32),
    ) -> u64 {
        let csr = view.csr;
        let hops = hops + 1;
        let range = csr.range(u);
        let scanned = range.len() as u64;
        for slot in range {
            if a > csr.until[slot] {
                continue;
            }
            let arrive = a.max(csr.from[slot]);
            if arrive > view.hi {
                continue;
            }
            let v = csr.targets[slot];
            let via = if self.list.paths {
                view.fwd_slot(slot)
            } else {
                NONE
            };
            if !self.seen(v) {
                self.visit(v, arrive, hops, i, via);
                improved(self, v);
            } else {
                let p = self.pos[v as usize] as usize;
                if arrive < self.list.rank[p] {
                    self.list.rank[p] = arrive;
                    self.list.hops[p] = hops;
                    if self.list.paths {
                        self.list.parent[p] = i;
                        self.list.via[p] = via;
                    }
                    improved(self, v);
                }
            }
        }
        scanned
    }

    /// Earliest arrival: nodes settle in order of arrival rank.
    fn earliest_arrival(&mut self, view: &View<'_>, starts: usize) -> u64 {
        let mut scanned = 0;
        self.heap.clear();
        for i in 0..self.list.node.len() {
            let (u, a) = (self.list.node[i], self.list.rank[i]);
            if i < starts {
                scanned += self.relax(view, (i as u32, u, a, 0), |t, v| {
                    let p = t.pos[v as usize] as usize;
                    t.heap.push(t.list.rank[p], v);
                });
            } else {
                self.heap.push(a, u);
            }
        }
        while let Some((a, u)) = self.heap.pop() {
            let i = self.pos[u as usize];
            if a != self.list.rank[i as usize] || !view.expands.get(u) {
                continue;
            }
            let hops = self.list.hops[i as usize];
            scanned += self.relax(view, (i, u, a, hops), |t, v| {
                let p = t.pos[v as usize] as usize;
                t.heap.push(t.list.rank[p], v);
            });
        }
        scanned
    }

    /// Hop-bounded earliest arrival: `hops` rounds, each relaxing the nodes improved in the
    /// round before (Bellman-Ford restricted to the frontier).
    fn rounds(&mut self, view: &View<'_>, starts: usize, hops: u32) -> u64 {
        let mut scanned = 0;
        // Buffers kept from run to run: a 3-hop recall should not pay for allocations.
        let mut frontier = std::mem::take(&mut self.frontier);
        let mut next = std::mem::take(&mut self.next);
        let mut snapshot = std::mem::take(&mut self.snapshot);
        frontier.clear();
        frontier.extend_from_slice(&self.list.node);
        let mut round = 0u32;
        while !frontier.is_empty() && round < hops {
            round += 1;
            // A fresh stamp per round of every run: no reset between runs, except on wrap.
            self.mark = self.mark.wrapping_add(1);
            if self.mark == 0 {
                self.stamp.fill(0);
                self.mark = 1;
            }
            let mark = self.mark;
            next.clear();
            // Jacobi, not Gauss-Seidel: each round extends the paths of the round before by
            // one edge, using the arrival times as they were when the round began.
            snapshot.clear();
            snapshot.extend(frontier.iter().map(|&u| {
                let i = self.pos[u as usize];
                (i, self.list.rank[i as usize], self.list.hops[i as usize])
            }));
            for (k, &u) in frontier.iter().enumerate() {
                // The starts pass on what they hold in the first round, whatever they are.
                let forced = round == 1 && k < starts;
                if !forced && !view.expands.get(u) {
                    continue;
                }
                let (i, a, h) = snapshot[k];
                scanned += self.relax(view, (i, u, a, h), |t, v| {
                    // Stamped by position in the trace, not by node: a short array read in
                    // order, not one as long as the graph read at random.
                    let p = t.pos[v as usize] as usize;
                    if t.stamp.len() <= p {
                        t.stamp.resize(p + 1, 0);
                    }
                    if t.stamp[p] != mark {
                        t.stamp[p] = mark;
                        next.push(v);
                    }
                });
            }
            std::mem::swap(&mut frontier, &mut next);
        }
        (self.frontier, self.next, self.snapshot) = (frontier, next, snapshot);
        scanned
    }

    fn answer(
        &self,
        graph: &TraceGraph,
        view: &View<'_>,
        query: &TraceQuery,
        scanned: u64,
    ) -> Trace {
        let l = &self.list;
        let window: TimeWindow = query.window;
        let time = |rank: u32| {
            let rank = if view.forward { rank } else { view.end - rank };
            match (rank % 2, view.forward) {
                // Odd ranks are the window's own bounds (see `TraceGraph::rank_at_or_after`).
                (1, true) => window.from,
                (1, false) => window.until,
                _ => graph.time_of(rank),
            }
        };
        let reached = (0..l.node.len())
            .map(|i| Reached {
                node: l.node[i],
                at: if view.timed { time(l.rank[i]) } else { None },
                hops: l.hops[i],
            })
            .collect();
        let via = l
            .via
            .iter()
            .map(|s| {
                if *s == NONE {
                    None
                } else {
                    graph.record_of(*s as usize)
                }
            })
            .collect();
        Trace {
            direction: query.direction,
            reached,
            parent: l.parent.clone(),
            via,
            with_paths: query.paths,
            edges_scanned: scanned,
        }
    }
}
