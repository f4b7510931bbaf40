//! `tracemark.trust`: anchors, certificates and revocations.

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::keys::PublicKey;
use crate::record::SignedRecord;

/// The anchors a verifier trusts and the certificates and revocations it knows.
#[pyclass(module = "tracemark", from_py_object)]
#[derive(Clone)]
pub struct TrustStore(pub tracemark::trust::TrustStore);

#[pymethods]
impl TrustStore {
    /// An empty store: it trusts nobody.
    #[new]
    fn new() -> Self {
        TrustStore(tracemark::trust::TrustStore::new())
    }

    /// Trusts `key` as a root, under a name shown in reports.
    fn add_anchor(&mut self, key: &PublicKey, name: &str) {
        self.0.add_anchor(key.0, name);
    }

    /// Adds a key certificate or revocation record (its signature must verify).
    fn add(&mut self, record: &SignedRecord) -> PyResult<()> {
        self.0.add(&record.0).py()
    }

    /// The anchors, as `(key, name)` pairs.
    fn anchors(&self) -> Vec<(PublicKey, String)> {
        self.0
            .anchors()
            .map(|(k, n)| (PublicKey(*k), n.to_owned()))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("TrustStore(anchors={})", self.0.anchors().count())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<TrustStore>()
}
