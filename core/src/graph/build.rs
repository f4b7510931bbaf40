//! Building a trace graph: from records (one pass, then containment and receipts resolved in
//! time order) or straight from edge columns.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::clock::Clock;
use super::csr::Csr;
use super::key::TransformationKey;
use super::{
    Bits, EdgeKind, Keys, NodeId, NodeKey, NodeKind, TraceGraph, bad_columns, expands_by_default,
    too_big,
};
use crate::error::Result;
use crate::ids::{ClassId, ObjectId};
use crate::record::{AggregationAction, Body, Document, Goods, Record, RecordId, SignedRecord};
use crate::record::{Status, Transformation};

/// Edges as columns of equal length: what an Arrow record batch or a Parquet file holds.
/// Times are Unix milliseconds; `None` columns mean "always open", and so do the values
/// [`i64::MIN`] in `from` and [`i64::MAX`] in `until`.
#[derive(Clone, Copy, Debug)]
pub struct EdgeColumns<'a> {
    /// Source node of each edge (`0..nodes`).
    pub sources: &'a [u32],
    /// Target node of each edge.
    pub targets: &'a [u32],
    /// When each edge opens.
    pub from: Option<&'a [i64]>,
    /// When each edge closes.
    pub until: Option<&'a [i64]>,
}

/// Incremental builder of a [`TraceGraph`] from records.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    keys: Vec<NodeKey>,
    index: HashMap<NodeKey, NodeId, RandomState>,
    edges: Vec<RawEdge>,
    records: Vec<RecordId>,
    aggregations: Vec<PendingAggregation>,
    receipts: Vec<PendingReceipt>,
    shipments_by_document: HashMap<Document, NodeId, RandomState>,
    performed_at: HashMap<NodeId, NodeId, RandomState>,
}

#[derive(Clone, Copy, Debug)]
struct RawEdge {
    source: NodeId,
    target: NodeId,
    from: Option<i64>,
    until: Option<i64>,
    kind: EdgeKind,
    record: u32,
}

#[derive(Debug)]
struct PendingAggregation {
    time: i64,
    order: usize,
    action: AggregationAction,
    parent: NodeId,
    children: Vec<NodeId>,
    record: u32,
}

#[derive(Debug)]
struct PendingReceipt {
    time: i64,
    documents: Vec<Document>,
    location: Option<NodeId>,
    record: u32,
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Add the edges of one record (see the table in the [module documentation](super)).
    /// Records may come in any order.
    pub fn add_record(&mut self, signed: &SignedRecord) -> Result<()> {
        let record = signed.unverified();
        if record.event().is_none() {
            return Ok(());
        }
        if self.records.len() >= u32::MAX as usize - 1 {
            return Err(too_big("records"));
        }
        let r = self.records.len() as u32;
        self.records.push(signed.id());
        self.add_body(signed.id(), record, r)
    }

    fn add_body(&mut self, id: RecordId, record: &Record, r: u32) -> Result<()> {
        let Some(event) = record.event() else {
            return Ok(());
        };
        let t = Some(event.time.at().unix_millis());
        let here = event.biz_location.as_ref().map(NodeKey::of_location);
        match &record.body {
            Body::Commission(c) => {
                let goods = self.goods(&c.goods)?;
                if let Some(place) = here {
                    let place = self.node(place)?;
                    for g in &goods {
                        self.edge(place, *g, t, t, EdgeKind::Left, r);
                    }
                }
                self.lot_members(&c.goods, t, r)?;
            }
            Body::Aggregation(a) => {
                let parent = self.object(&a.parent)?;
                let children = self.goods(&a.children)?;
                let order = self.aggregations.len();
                self.aggregations.push(PendingAggregation {
                    time: event.time.at().unix_millis(),
                    order,
                    action: a.action,
                    parent,
                    children,
                    record: r,
                });
            }
            Body::Shipping(s) => {
                let shipment = self.node(NodeKey::Shipment(id))?;
                let goods = self.goods(&s.goods)?;
                let origin = match here {
                    Some(place) => Some(self.node(place)?),
                    None => None,
                };
                for g in goods {
                    self.edge(g, shipment, t, t, EdgeKind::Carried, r);
                    if let Some(origin) = origin {
                        self.edge(origin, g, t, t, EdgeKind::Left, r);
                    }
                }
                for d in event.destinations.iter() {
                    let to = self.node(NodeKey::of_party(&d.id))?;
                    self.edge(shipment, to, t, t, EdgeKind::Delivered, r);
                }
                for doc in event.documents.iter() {
                    self.shipments_by_document.insert(doc.clone(), shipment);
                }
            }
            Body::Receiving(s) => {
                let goods = self.goods(&s.goods)?;
                let location = match here {
                    Some(place) => Some(self.node(place)?),
                    None => None,
                };
                if let Some(location) = location {
                    for g in goods {
                        self.edge(g, location, t, t, EdgeKind::Arrived, r);
                    }
                }
                self.receipts.push(PendingReceipt {
                    time: event.time.at().unix_millis(),
                    documents: event.documents.iter().cloned().collect(),
                    location,
                    record: r,
                });
            }
            Body::Transformation(x) => self.transformation(id, x, here, t, r)?,
            Body::StatusChange(s) if s.status == Status::Returned => {
                // A return is accepted where it happens: the goods are back in custody there.
                if let Some(place) = here {
                    let place = self.node(place)?;
                    for g in self.goods(&s.goods)? {
                        self.edge(g, place, t, t, EdgeKind::Arrived, r);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn transformation(
        &mut self,
        id: RecordId,
        x: &Transformation,
        here: Option<NodeKey>,
        t: Option<i64>,
        r: u32,
    ) -> Result<()> {
        let key = match &x.transformation_id {
            Some(tid) => TransformationKey::Id(tid.clone()),
            None => TransformationKey::Record(id),
        };
        let process = self.node(NodeKey::Transformation(key))?;
        for input in self.goods(&x.inputs)? {
            self.edge(input, process, t, t, EdgeKind::Input, r);
        }
        let outputs = self.goods(&x.outputs)?;
        for output in &outputs {
            self.edge(process, *output, t, t, EdgeKind::Output, r);
        }
        self.lot_members(&x.outputs, t, r)?;
        if let Some(place) = here {
            let place = self.node(place)?;
            self.performed_at.insert(process, place);
            for output in outputs {
                self.edge(place, output, t, t, EdgeKind::Left, r);
            }
        }
        Ok(())
    }

    /// An edge with no record behind it, between nodes named by key: for networks imported
    /// from other tools (FoodChain-Lab deliveries).
    pub(crate) fn link(
        &mut self,
        source: NodeKey,
        target: NodeKey,
        from: Option<i64>,
        until: Option<i64>,
        kind: EdgeKind,
    ) -> Result<()> {
        let (s, t) = (self.node(source)?, self.node(target)?);
        self.edge(s, t, from, until, kind, u32::MAX);
        Ok(())
    }

    /// A node, with or without edges.
    pub(crate) fn ensure(&mut self, key: NodeKey) -> Result<NodeId> {
        self.node(key)
    }

    /// Records that a transformation node was performed at a place (a kill step there stops
    /// it).
    pub(crate) fn perform_at(&mut self, process: NodeKey, place: NodeKey) -> Result<()> {
        let (p, l) = (self.node(process)?, self.node(place)?);
        self.performed_at.insert(p, l);
        Ok(())
    }

    /// Items made together with a lot of their GTIN belong to that lot.
    fn lot_members(&mut self, goods: &Goods, t: Option<i64>, r: u32) -> Result<()> {
        for q in goods.quantities.iter() {
            if let ClassId::Lot(lot) = &q.class {
                let lot_node = self.node(NodeKey::Lot(lot.clone()))?;
                for o in goods.objects.iter() {
                    if let ObjectId::Item(item) = o
                        && item.gtin == lot.gtin
                    {
                        let item = self.node(NodeKey::Item(item.clone()))?;
                        self.edge(lot_node, item, t, t, EdgeKind::LotMember, r);
                    }
                }
            }
        }
        Ok(())
    }

    fn node(&mut self, key: NodeKey) -> Result<NodeId> {
        if let Some(n) = self.index.get(&key) {
            return Ok(*n);
        }
        if self.keys.len() >= u32::MAX as usize - 1 {
            return Err(too_big("nodes"));
        }
        let n = self.keys.len() as NodeId;
        self.keys.push(key.clone());
        self.index.insert(key, n);
        Ok(n)
    }

    fn object(&mut self, object: &ObjectId) -> Result<NodeId> {
        self.node(match object {
            ObjectId::Item(i) => NodeKey::Item(i.clone()),
            ObjectId::Unit(u) => NodeKey::Unit(*u),
        })
    }

    fn goods(&mut self, goods: &Goods) -> Result<Vec<NodeId>> {
        let mut out = Vec::with_capacity(goods.objects.len() + goods.quantities.len());
        for o in goods.objects.iter() {
            out.push(self.object(o)?);
        }
        for q in goods.quantities.iter() {
            out.push(self.node(match &q.class {
                ClassId::Product(g) => NodeKey::Product(*g),
                ClassId::Lot(l) => NodeKey::Lot(l.clone()),
            })?);
        }
        Ok(out)
    }

    fn edge(
        &mut self,
        source: NodeId,
        target: NodeId,
        from: Option<i64>,
        until: Option<i64>,
        kind: EdgeKind,
        record: u32,
    ) {
        self.edges.push(RawEdge {
            source,
            target,
            from,
            until,
            kind,
            record,
        });
    }

    /// Resolve packing against unpacking and receipts against shipments, lay nodes out for
    /// locality, and build the two CSR arrays.
    pub fn finish(mut self) -> Result<TraceGraph> {
        self.resolve_aggregations();
        for receipt in std::mem::take(&mut self.receipts) {
            let Some(location) = receipt.location else {
                continue;
            };
            let shipment = receipt
                .documents
                .iter()
                .find_map(|d| self.shipments_by_document.get(d).copied());
            if let Some(shipment) = shipment {
                let t = Some(receipt.time);
                self.edge(
                    shipment,
                    location,
                    t,
                    t,
                    EdgeKind::Delivered,
                    receipt.record,
                );
            }
        }
        if self.edges.len() >= u32::MAX as usize - 1 {
            return Err(too_big("edges"));
        }
        let order = locality_order(self.keys.len(), &self.edges);
        let mut keys = vec![NodeKey::Number(0); self.keys.len()];
        for (old, key) in self.keys.into_iter().enumerate() {
            keys[order[old] as usize] = key;
        }
        let index = keys
            .iter()
            .enumerate()
            .map(|(n, k)| (k.clone(), n as NodeId))
            .collect();
        let performed_at = self
            .performed_at
            .iter()
            .map(|(p, l)| (order[*p as usize], order[*l as usize]))
            .collect();
        let keys_kinds: Vec<bool> = keys.iter().map(|k| expands_by_default(k.kind())).collect();
        let edges: Vec<RawEdge> = self
            .edges
            .iter()
            .map(|e| RawEdge {
                source: order[e.source as usize],
                target: order[e.target as usize],
                ..*e
            })
            .collect();
        let mut graph = assemble(keys.len(), &edges, self.records)?;
        graph.keys = Keys::Table { keys, index };
        for (n, key) in keys_kinds.iter().enumerate() {
            graph.expands.put(n as NodeId, *key);
        }
        graph.performed_at = performed_at;
        Ok(graph)
    }

    /// A child is inside its parent from the pack to the next unpack of that parent that
    /// names it (or names no children, which in EPCIS means all of them).
    fn resolve_aggregations(&mut self) {
        let mut pending = std::mem::take(&mut self.aggregations);
        pending.sort_by_key(|a| (a.time, a.order));
        let mut open: HashMap<(NodeId, NodeId), usize, RandomState> = HashMap::default();
        let mut open_by_parent: HashMap<NodeId, Vec<NodeId>, RandomState> = HashMap::default();
        for a in pending {
            let t = Some(a.time);
            match a.action {
                AggregationAction::Pack => {
                    for child in a.children {
                        let at = self.edges.len();
                        self.edge(child, a.parent, t, None, EdgeKind::Contains, a.record);
                        open.insert((child, a.parent), at);
                        open_by_parent.entry(a.parent).or_default().push(child);
                    }
                }
                AggregationAction::Unpack => {
                    let children = if a.children.is_empty() {
                        open_by_parent.remove(&a.parent).unwrap_or_default()
                    } else {
                        a.children
                    };
                    for child in children {
                        match open.remove(&(child, a.parent)) {
                            Some(at) => self.edges[at].until = t,
                            // Unpacked without a known pack: inside since an unknown time.
                            None => {
                                self.edge(child, a.parent, None, t, EdgeKind::Contains, a.record)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// New ids in breadth-first order from the nodes in insertion order (which is roughly time
/// order): what one trace reaches then sits in few cache lines and pages.
fn locality_order(nodes: usize, edges: &[RawEdge]) -> Vec<u32> {
    let sources: Vec<u32> = edges.iter().map(|e| e.source).collect();
    let targets: Vec<u32> = edges.iter().map(|e| e.target).collect();
    let zeros = vec![0u32; edges.len()];
    let (csr, _) = Csr::build(nodes, &sources, &targets, &zeros, &zeros);
    let mut order = vec![u32::MAX; nodes];
    let mut next = 0u32;
    let mut queue = std::collections::VecDeque::new();
    for root in 0..nodes {
        if order[root] != u32::MAX {
            continue;
        }
        order[root] = next;
        next += 1;
        queue.push_back(root as u32);
        while let Some(u) = queue.pop_front() {
            for slot in csr.range(u) {
                let v = csr.targets[slot] as usize;
                if order[v] == u32::MAX {
                    order[v] = next;
                    next += 1;
                    queue.push_back(v as u32);
                }
            }
        }
    }
    order
}

/// Time ranks, both CSR directions, and the kind and record of each edge.
fn assemble(nodes: usize, edges: &[RawEdge], records: Vec<RecordId>) -> Result<TraceGraph> {
    let clock = Clock::of(edges.iter().flat_map(|e| [e.from, e.until]).flatten())?;
    let end = clock.end();
    let src: Vec<u32> = edges.iter().map(|e| e.source).collect();
    let dst: Vec<u32> = edges.iter().map(|e| e.target).collect();
    let from = edges.iter().map(|e| clock.rank(e.from, 0)).collect();
    let until = edges.iter().map(|e| clock.rank(e.until, end)).collect();
    let (mut graph, fwd_order) = csr_pair(nodes, &src, &dst, from, until, clock, true);
    let n = edges.len();
    graph.kinds = vec![EdgeKind::Column; n];
    graph.edge_record = vec![u32::MAX; n];
    for (i, e) in edges.iter().enumerate() {
        graph.kinds[fwd_order[i] as usize] = e.kind;
        graph.edge_record[fwd_order[i] as usize] = e.record;
    }
    graph.records = records;
    Ok(graph)
}

/// Both CSR directions of ranked edges, built at once on two threads where there are
/// threads, and (when `ordered`) the forward slot of each input edge. Numbered nodes, no kinds
/// or records.
fn csr_pair(
    nodes: usize,
    src: &[u32],
    dst: &[u32],
    from: Vec<u32>,
    until: Vec<u32>,
    clock: Clock,
    ordered: bool,
) -> (TraceGraph, Vec<u32>) {
    let end = clock.end();
    let backward = || Csr::build_backward(nodes, src, dst, &from, &until, end);
    let forward = || {
        if ordered {
            Csr::build(nodes, src, dst, &from, &until)
        } else {
            (
                Csr::build_unordered(nodes, src, dst, &from, &until),
                Vec::new(),
            )
        }
    };
    let ((fwd, fwd_order), bwd) = both(forward, backward);
    let graph = TraceGraph {
        keys: Keys::Dense(nodes as u32),
        expands: Bits::new(nodes, expands_by_default(NodeKind::Number)),
        performed_at: HashMap::default(),
        fwd,
        bwd,
        clock,
        kinds: Vec::new(),
        edge_record: Vec::new(),
        records: Vec::new(),
    };
    (graph, fwd_order)
}

/// Runs `a` and `b`, on two threads where the target has threads.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let other = s.spawn(b);
            let first = a();
            // A panic in `b` is a bug of ours, not bad input: pass it on.
            let second = other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (first, second)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

pub(super) fn from_columns(nodes: u32, c: &EdgeColumns<'_>) -> Result<TraceGraph> {
    let n = c.sources.len();
    if c.targets.len() != n
        || c.from.is_some_and(|f| f.len() != n)
        || c.until.is_some_and(|u| u.len() != n)
    {
        return Err(bad_columns("columns of different lengths"));
    }
    if n >= u32::MAX as usize - 1 || nodes == u32::MAX {
        return Err(too_big("edges"));
    }
    if let Some(bad) = c.sources.iter().chain(c.targets).find(|x| **x >= nodes) {
        return Err(bad_columns(format!(
            "node {bad} is out of range for {nodes} nodes"
        )));
    }
    let (from, until) = (c.from.unwrap_or(&[]), c.until.unwrap_or(&[]));
    if let Some(i) = (0..from.len().min(until.len()))
        .find(|i| from[*i] != i64::MIN && until[*i] != i64::MAX && from[*i] > until[*i])
    {
        return Err(bad_columns(format!("edge {i} closes before it opens")));
    }
    // Open ends are not times.
    let opens = from.iter().copied().filter(|t| *t != i64::MIN);
    let closes = until.iter().copied().filter(|t| *t != i64::MAX);
    let clock = Clock::of(opens.chain(closes))?;
    let end = clock.end();
    let rank = |column: Option<&[i64]>, open: i64, open_rank: u32| match column {
        Some(times) => times
            .iter()
            .map(|t| {
                if *t == open {
                    open_rank
                } else {
                    clock.rank(Some(*t), open_rank)
                }
            })
            .collect(),
        None => vec![open_rank; n],
    };
    let (from, until) = both(
        || rank(c.from, i64::MIN, 0),
        || rank(c.until, i64::MAX, end),
    );
    Ok(csr_pair(
        nodes as usize,
        c.sources,
        c.targets,
        from,
        until,
        clock,
        false,
    )
    .0)
}
