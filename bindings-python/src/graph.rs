//! `tracemark.graph`: the trace graph and its traces, as column tables.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::IntoPy;
use crate::record::SignedRecord;
use tracemark::graph::{NodeKey, Rules, TimeWindow, TraceQuery};
use tracemark::time::Timestamp;

/// The trace graph of a set of records: items, lots, units, shipments, transformations,
/// parties and locations, with containment, transformation and custody edges in time.
#[pyclass(module = "tracemark", frozen)]
pub struct TraceGraph(pub tracemark::graph::TraceGraph);

/// Reads node ids (GS1 identifiers or `rec:` ids).
pub fn keys(ids: &[String]) -> PyResult<Vec<NodeKey>> {
    ids.iter().map(|t| NodeKey::parse(t).py()).collect()
}

/// A node as Python names it: a GS1 identifier or `rec:` id, or the number of a node of a
/// graph built from columns.
#[derive(FromPyObject)]
pub enum NodeName {
    Number(u64),
    Text(String),
}

fn node_keys(ids: &[NodeName]) -> PyResult<Vec<NodeKey>> {
    ids.iter()
        .map(|id| match id {
            NodeName::Number(n) => Ok(NodeKey::Number(*n)),
            NodeName::Text(t) => NodeKey::parse(t).py(),
        })
        .collect()
}

/// An event-time window from RFC 3339 texts.
pub fn window(since: Option<&str>, until: Option<&str>) -> PyResult<TimeWindow> {
    let at = |t: Option<&str>| t.map(|t| t.parse::<Timestamp>().py()).transpose();
    Ok(TimeWindow {
        from: at(since)?,
        until: at(until)?,
    })
}

/// A column table as a dict of lists, columns in order.
pub fn table<'py>(py: Python<'py>, t: &tracemark::table::Table) -> PyResult<Bound<'py, PyAny>> {
    use tracemark::table::Column;
    let dict = PyDict::new(py);
    for (name, column) in &t.columns {
        match column {
            Column::Text(v) => dict.set_item(*name, v)?,
            Column::Float(v) => dict.set_item(*name, v)?,
            Column::UInt(v) => dict.set_item(*name, v)?,
            Column::Bool(v) => dict.set_item(*name, v)?,
        }
    }
    Ok(dict.into_any())
}

#[pymethods]
impl TraceGraph {
    /// The graph of `records` (taken as they are: verify them first).
    #[new]
    fn new(records: Vec<SignedRecord>) -> PyResult<Self> {
        tracemark::graph::TraceGraph::from_records(records.iter().map(|r| &r.0))
            .py()
            .map(TraceGraph)
    }

    /// Number of nodes.
    #[getter]
    fn node_count(&self) -> usize {
        self.0.node_count()
    }

    /// Number of edges.
    #[getter]
    fn edge_count(&self) -> usize {
        self.0.edge_count()
    }

    /// Bytes of memory the graph holds.
    #[getter]
    fn memory_bytes(&self) -> usize {
        self.0.memory_bytes()
    }

    /// A graph of numbered nodes `0..nodes` from edge columns: sequences (lists, numpy
    /// arrays, `pyarrow` columns' `to_numpy()`) of equal length; `opens` and `closes` in Unix
    /// milliseconds, absent for always open. Nodes are then named by their numbers.
    #[staticmethod]
    #[pyo3(signature = (nodes, sources, targets, *, opens=None, closes=None))]
    fn from_columns(
        py: Python<'_>,
        nodes: u32,
        sources: Vec<u32>,
        targets: Vec<u32>,
        opens: Option<Vec<i64>>,
        closes: Option<Vec<i64>>,
    ) -> PyResult<Self> {
        let columns = tracemark::graph::EdgeColumns {
            sources: &sources,
            targets: &targets,
            from: opens.as_deref(),
            until: closes.as_deref(),
        };
        py.detach(|| tracemark::graph::TraceGraph::from_columns(nodes, &columns))
            .py()
            .map(TraceGraph)
    }

    /// Whether the node `id` is in the graph.
    fn __contains__(&self, id: NodeName) -> PyResult<bool> {
        let key = node_keys(std::slice::from_ref(&id))?;
        Ok(key.first().and_then(|k| self.0.node(k)).is_some())
    }

    /// A trace from `starts` (ids not in the graph are skipped): a table `kind, id, at,
    /// hops, path` as a dict of lists.
    #[pyo3(signature = (starts, *, backward=false, since=None, until=None, untimed=false, hops=None, paths=false))]
    #[allow(clippy::too_many_arguments)]
    fn trace<'py>(
        &self,
        py: Python<'py>,
        starts: Vec<NodeName>,
        backward: bool,
        since: Option<&str>,
        until: Option<&str>,
        untimed: bool,
        hops: Option<u32>,
        paths: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let nodes: Vec<_> = node_keys(&starts)?
            .iter()
            .filter_map(|k| self.0.node(k))
            .collect();
        let mut q = if backward {
            TraceQuery::backward(nodes)
        } else {
            TraceQuery::forward(nodes)
        }
        .within(window(since, until)?);
        if untimed {
            q = q.untimed();
        }
        if let Some(h) = hops {
            q = q.hops(h);
        }
        if paths {
            q = q.with_paths();
        }
        let trace = py.detach(|| self.0.trace(&q));
        table(py, &trace.table(&self.0))
    }

    /// A copy with FoodChain-Lab's rules: cross-contaminating places and kill steps. Returns
    /// the graph and the ids that are not in it.
    #[pyo3(signature = (*, cross_contamination=Vec::new(), kill=Vec::new()))]
    fn with_rules(
        &self,
        cross_contamination: Vec<NodeName>,
        kill: Vec<NodeName>,
    ) -> PyResult<(TraceGraph, Vec<String>)> {
        let mut g = self.0.clone();
        let unknown = g.apply_rules(&Rules {
            cross_contamination: node_keys(&cross_contamination)?,
            kill: node_keys(&kill)?,
        });
        Ok((
            TraceGraph(g),
            unknown.iter().map(|k| k.to_string()).collect(),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "TraceGraph({} nodes, {} edges)",
            self.0.node_count(),
            self.0.edge_count()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<TraceGraph>()
}
