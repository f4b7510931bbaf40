//! Outbreak mode: given where the sick people shopped, which supplier is the common link.
//!
//! This is FoodChain-Lab's scoring ([`score`]): a backward trace from every case (a shop, a
//! restaurant, a delivery that tested positive), and for every node the share of the cases'
//! weight whose trace reaches it. A node every case reaches (score 1) is a **common link**.
//! The ranking puts higher scores first and, among equal scores, the nodes further upstream
//! (more hops from the cases on average): a farm that supplied every case ranks above the
//! distribution centre that merely passed its goods on.
//!
//! The traces are the graph's own, with its rules: time-aware (goods reach a case only if they
//! left before it could have passed them on), cross-contamination and kill steps as set with
//! [`TraceGraph::apply_rules`]. [`FclNetwork`] loads FoodChain-Lab's JSON so that existing
//! outbreak data, with its tracing flags, scores as it is.
//!
//! ```
//! use tracemark::graph::{NodeKey, TraceGraph};
//! use tracemark::outbreak::{score, Case};
//! let chain = tracemark::synth::generate(&tracemark::synth::Params::small())?;
//! let graph = TraceGraph::from_records(&chain.records)?;
//! // Two shops report cases.
//! let shops: Vec<_> = chain.companies.iter().rev().take(2)
//!     .map(|c| graph.node(&NodeKey::Location(tracemark::ids::Sgln::new(c.gln))).unwrap())
//!     .collect();
//! let outbreak = score(&graph, &shops.iter().map(|&n| Case::new(n)).collect::<Vec<_>>(), None)?;
//! let links: Vec<_> = outbreak.common_links().collect();
//! assert!(!links.is_empty()); // the packer, the distribution centre...
//! # Ok::<(), tracemark::Error>(())
//! ```

mod fcl;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::{NodeId, NodeKey, TimeWindow, TraceGraph, TraceQuery, Tracer};

pub use fcl::{FclDelivery, FclNetwork, FclScore, FclScores, FclStation};

/// A case: a node where illness was reported, with a weight (number of patients, say).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Case {
    /// The node: a shop's location, a party, a delivery...
    pub node: NodeId,
    /// How much it counts; 1 when all cases count the same.
    pub weight: f64,
}

impl Case {
    /// A case of weight 1.
    pub fn new(node: NodeId) -> Case {
        Case { node, weight: 1.0 }
    }
}

/// A node's score.
#[derive(Clone, Debug, Serialize)]
pub struct NodeScore {
    /// The node.
    pub node: NodeId,
    /// Its key.
    pub key: NodeKey,
    /// The share of the cases' weight whose backward trace reaches it, in `0..=1`.
    pub score: f64,
    /// How many cases reach it.
    pub cases: u32,
    /// Reached by every case.
    pub common_link: bool,
    /// Whether the node is itself a case.
    pub is_case: bool,
    /// Mean number of edges from the cases that reach it: how far upstream it is.
    pub mean_hops: f64,
}

/// Scores of every node some case reaches, ranked.
#[derive(Clone, Debug, Serialize)]
pub struct Outbreak {
    /// Number of cases.
    pub cases: usize,
    /// Their total weight.
    pub total_weight: f64,
    /// Ranked: score, then further upstream, then key.
    pub scores: Vec<NodeScore>,
}

impl Outbreak {
    /// The nodes every case reaches, best ranked first.
    pub fn common_links(&self) -> impl Iterator<Item = &NodeScore> {
        self.scores.iter().filter(|s| s.common_link)
    }

    /// The ranked scores as a column table: `kind, id, score, cases, common_link, is_case,
    /// mean_hops`.
    pub fn table(&self) -> crate::table::Table {
        use crate::table::{Table, boolean, float, text, uint};
        let s = &self.scores;
        let mut t = Table::new();
        t.push("kind", text(s, |r| Some(r.key.kind().as_str().into())));
        t.push("id", text(s, |r| Some(r.key.to_string())));
        t.push("score", float(s, |r| Some(r.score)));
        t.push("cases", uint(s, |r| Some(u64::from(r.cases))));
        t.push("common_link", boolean(s, |r| r.common_link));
        t.push("is_case", boolean(s, |r| r.is_case));
        t.push("mean_hops", float(s, |r| Some(r.mean_hops)));
        t
    }

    /// The ranked nodes that are not cases themselves: the candidate sources.
    pub fn candidates(&self) -> impl Iterator<Item = &NodeScore> {
        self.scores.iter().filter(|s| !s.is_case)
    }
}

/// Scores a set of cases on `graph` (FoodChain-Lab's algorithm; see the [module](self)).
/// Fails only when the cases cannot be scored: none given, a node not in the graph, or a
/// weight that is negative, not a number, or a total of zero.
pub fn score(graph: &TraceGraph, cases: &[Case], window: Option<TimeWindow>) -> Result<Outbreak> {
    score_with(graph, cases, window, true)
}

/// [`score`], with time-aware traces or (`timed` false) plain reachability.
pub(crate) fn score_with(
    graph: &TraceGraph,
    cases: &[Case],
    window: Option<TimeWindow>,
    timed: bool,
) -> Result<Outbreak> {
    if cases.is_empty() {
        return Err(Error::InvalidValue(
            "an outbreak needs at least one case".into(),
        ));
    }
    let mut total = 0.0;
    for c in cases {
        if c.node as usize >= graph.node_count() {
            return Err(Error::InvalidValue(format!(
                "case node {} is not in the graph ({} nodes)",
                c.node,
                graph.node_count()
            )));
        }
        if !(c.weight.is_finite() && c.weight >= 0.0) {
            return Err(Error::InvalidValue(format!(
                "case weight {} is not a number of zero or more",
                c.weight
            )));
        }
        total += c.weight;
    }
    if total <= 0.0 {
        return Err(Error::InvalidValue(
            "the cases' weights add up to zero".into(),
        ));
    }
    let n = graph.node_count();
    let mut weight = vec![0.0f64; n];
    let mut count = vec![0u32; n];
    let mut hops = vec![0u64; n];
    let mut is_case = vec![false; n];
    let mut tracer = Tracer::new(graph);
    for c in cases {
        is_case[c.node as usize] = true;
        let mut query = TraceQuery::backward([c.node]);
        if let Some(w) = window {
            query = query.within(w);
        }
        if !timed {
            query = query.untimed();
        }
        for r in tracer.run(graph, &query).reached() {
            let i = r.node as usize;
            weight[i] += c.weight;
            count[i] += 1;
            hops[i] += u64::from(r.hops);
        }
    }
    let all = cases.len() as u32;
    let mut scores: Vec<NodeScore> = (0..n)
        .filter(|&i| count[i] > 0)
        .map(|i| NodeScore {
            node: i as NodeId,
            key: graph.key_of(i as NodeId),
            score: (weight[i] / total).min(1.0),
            cases: count[i],
            // Every case, not a rounding of the weights: a zero-weight case still counts.
            common_link: count[i] == all,
            is_case: is_case[i],
            mean_hops: hops[i] as f64 / f64::from(count[i]),
        })
        .collect();
    scores.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.mean_hops.total_cmp(&a.mean_hops))
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(Outbreak {
        cases: cases.len(),
        total_weight: total,
        scores,
    })
}

#[cfg(test)]
mod tests;
