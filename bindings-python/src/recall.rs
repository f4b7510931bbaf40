//! `tracemark.recall`: the impact of a recall, as column tables.

use pyo3::prelude::*;

use crate::graph::{TraceGraph, table, window};
use crate::json::{from_py_object, to_py_object};
use crate::record::SignedRecord;

/// What a recall reaches: tables of goods, shipments, holders, holdings and lot balances.
#[pyclass(module = "tracemark", frozen)]
pub struct RecallImpact(tracemark::recall::RecallImpact);

#[pymethods]
impl RecallImpact {
    /// How far the goods got: `manufacturing`, `wholesale`, `retail`, `consumer`, or None.
    #[getter]
    fn depth(&self) -> Option<&'static str> {
        self.0.depth.map(|d| d.as_str())
    }

    /// Parts of the scope that matched nothing, in words.
    #[getter]
    fn unmatched(&self) -> Vec<String> {
        self.0.unmatched.clone()
    }

    /// The ids the scope named.
    #[getter]
    fn starts(&self) -> Vec<String> {
        self.0.starts.iter().map(|k| k.to_string()).collect()
    }

    /// Affected goods: `kind, id, reached_at, state, location, since, last_record, evidence`.
    fn goods<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, &self.0.goods_table())
    }

    /// Shipments that carried affected goods.
    fn shipments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, &self.0.shipments_table())
    }

    /// Locations to notify.
    fn holders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, &self.0.holders_table())
    }

    /// What each holder received and still holds, per lot.
    fn holdings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, &self.0.holdings_table())
    }

    /// The mass balance per lot.
    fn balances<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        table(py, &self.0.balances_table())
    }

    /// Everything as one JSON-ready dict.
    fn to_json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, &self.0)
    }
}

/// The impact of a recall with `scope` (a dict or JSON text: `products`, `lots`,
/// `serial_ranges`, `date_windows`, `input_lots`; lots as `(01)…(10)…` text) on the goods of
/// `graph`, built from `records`.
#[pyfunction]
#[pyo3(signature = (graph, records, scope, *, since=None, until=None))]
fn assess_recall(
    py: Python<'_>,
    graph: &TraceGraph,
    records: Vec<SignedRecord>,
    scope: &Bound<'_, PyAny>,
    since: Option<&str>,
    until: Option<&str>,
) -> PyResult<RecallImpact> {
    let scope: tracemark::record::RecallScope = from_py_object(scope)?;
    let window = window(since, until)?;
    let records: Vec<_> = records.into_iter().map(|r| r.0).collect();
    Ok(RecallImpact(py.detach(|| {
        tracemark::recall::assess(&graph.0, &records, &scope, Some(window))
    })))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RecallImpact>()?;
    m.add_function(wrap_pyfunction!(assess_recall, m)?)
}
