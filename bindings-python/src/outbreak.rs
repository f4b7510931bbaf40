//! `tracemark.outbreak`: FoodChain-Lab scores and its JSON format.

use pyo3::prelude::*;

use crate::errors::{IntoPy, to_py};
use crate::graph::{TraceGraph, table, window};
use crate::json::to_py_object;
use tracemark::graph::NodeKey;
use tracemark::outbreak::Case;

/// Scores of `cases` on `graph`: a list of ids (weight 1) or of `(id, weight)` pairs. A table
/// `kind, id, score, cases, common_link, is_case, mean_hops`, best first.
#[pyfunction]
#[pyo3(signature = (graph, cases, *, since=None, until=None))]
fn outbreak_scores<'py>(
    py: Python<'py>,
    graph: &TraceGraph,
    cases: Vec<Bound<'py, PyAny>>,
    since: Option<&str>,
    until: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut read = Vec::new();
    for c in &cases {
        let (id, weight): (String, f64) = match c.extract::<String>() {
            Ok(id) => (id, 1.0),
            Err(_) => c.extract()?,
        };
        let key = NodeKey::parse(&id).py()?;
        let node = graph.0.node(&key).ok_or_else(|| {
            to_py(tracemark::Error::InvalidValue(format!(
                "case {key} is not in the graph"
            )))
        })?;
        read.push(Case { node, weight });
    }
    let w = window(since, until)?;
    let outbreak = tracemark::outbreak::score(&graph.0, &read, Some(w)).py()?;
    table(py, &outbreak.table())
}

/// A FoodChain-Lab network (its JSON exchange format, v1 or flat), with its tracing flags.
#[pyclass(module = "tracemark", frozen)]
pub struct FclNetwork(tracemark::outbreak::FclNetwork);

#[pymethods]
impl FclNetwork {
    /// Reads the JSON text; raises `InvalidInputError` naming the JSON path.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        tracemark::outbreak::FclNetwork::from_json(text)
            .py()
            .map(FclNetwork)
    }

    /// Number of stations.
    #[getter]
    fn station_count(&self) -> usize {
        self.0.stations.len()
    }

    /// Number of deliveries.
    #[getter]
    fn delivery_count(&self) -> usize {
        self.0.deliveries.len()
    }

    /// The trace graph, with the network's rules applied.
    fn graph(&self) -> PyResult<TraceGraph> {
        self.0.graph().py().map(TraceGraph)
    }

    /// FoodChain-Lab's scores: `{"stations": [...], "deliveries": [...]}`, each a list of
    /// `{id, name, score, common_link, is_case}`, best first.
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = self.0.scores().py()?;
        to_py_object(
            py,
            &serde_json::json!({"stations": s.stations, "deliveries": s.deliveries}),
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(outbreak_scores, m)?)?;
    m.add_class::<FclNetwork>()
}
