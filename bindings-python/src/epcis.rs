//! `tracemark.epcis`: the GS1 EPCIS event hash.

use pyo3::prelude::*;

use crate::errors::IntoPy;

/// One event's hash (`ni:///sha-256;…?ver=CBV2.0`) and the canonical string it hashes.
#[pyclass(module = "tracemark", frozen, get_all)]
pub struct EventHash {
    /// The canonical pre-hash string.
    prehash: String,
    /// `ni:///sha-256;<hex>?ver=CBV2.0` (or `CBV2.1`).
    hash: String,
}

#[pymethods]
impl EventHash {
    fn __repr__(&self) -> String {
        format!("EventHash('{}')", self.hash)
    }
}

/// The hash of every event of an EPCIS 2.0 JSON or JSON-LD document, in document order;
/// `cbv_version` is "2.0" or "2.1".
#[pyfunction]
#[pyo3(signature = (document, cbv_version = "2.0"))]
fn event_hashes(document: &str, cbv_version: &str) -> PyResult<Vec<EventHash>> {
    let version = cbv_version.parse().py()?;
    Ok(tracemark::epcis::event_hashes(document, version)
        .py()?
        .into_iter()
        .map(|h| EventHash {
            prehash: h.prehash,
            hash: h.hash,
        })
        .collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<EventHash>()?;
    m.add_function(wrap_pyfunction!(event_hashes, m)?)
}
