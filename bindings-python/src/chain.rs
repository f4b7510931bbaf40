//! `tracemark.chain`: per-signer chain checks and fork proofs.

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::record::SignedRecord;
use crate::verify::Finding;

/// Gaps, reordering, clock regressions and forks in the chains of `records`.
#[pyfunction]
fn check_chains(records: Vec<SignedRecord>) -> Vec<Finding> {
    tracemark::chain::check_chains(records.iter().map(|r| &r.0))
        .into_iter()
        .map(Finding)
        .collect()
}

/// Two signed records that together prove their signer equivocated.
#[pyclass(module = "tracemark", frozen)]
pub struct ForkProof(tracemark::chain::ForkProof);

#[pymethods]
impl ForkProof {
    /// The proof carried by a `chain_fork` finding's evidence.
    #[staticmethod]
    fn from_finding(finding: &Finding) -> PyResult<Self> {
        tracemark::chain::ForkProof::from_finding(&finding.0)
            .py()
            .map(ForkProof)
    }

    /// The proof from the two records' bytes.
    #[staticmethod]
    fn from_bytes(first: &[u8], second: &[u8]) -> PyResult<Self> {
        tracemark::chain::ForkProof::from_bytes(first, second)
            .py()
            .map(ForkProof)
    }

    /// `same_sequence` or `broken_link` if the two records prove a fork, else None.
    fn check(&self) -> Option<&'static str> {
        self.0.check().map(|k| k.as_str())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_chains, m)?)?;
    m.add_class::<ForkProof>()
}
