//! `tracemark.verify`: verdicts, findings with evidence, reports; single and batch verification.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::json::to_py_object;
use crate::record::SignedRecord;
use crate::trust::TrustStore;

/// One thing a verification found: a stable `code`, a `message` for people, and `evidence`.
#[pyclass(module = "tracemark", frozen, from_py_object)]
#[derive(Clone)]
pub struct Finding(pub tracemark::verify::Finding);

#[pymethods]
impl Finding {
    /// The stable snake_case code.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.as_str()
    }

    /// A sentence for people.
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// Named pieces of evidence (record ids, keys, times, hex-encoded records).
    #[getter]
    fn evidence(&self) -> BTreeMap<String, String> {
        self.0.evidence.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(code='{}', message={:?})",
            self.0.code, self.0.message
        )
    }
}

/// The result of verifying one record.
#[pyclass(module = "tracemark", frozen)]
pub struct VerificationReport(pub tracemark::verify::VerificationReport);

#[pymethods]
impl VerificationReport {
    /// The record's content id.
    #[getter]
    fn id(&self) -> String {
        self.0.id.to_string()
    }

    /// `valid`, `untrusted` or `invalid`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict.as_str()
    }

    /// Why, when not valid.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.0.findings.iter().cloned().map(Finding).collect()
    }

    /// The report as a JSON-style dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, &self.0)
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.0.findings.iter().map(|f| f.code.as_str()).collect();
        format!(
            "VerificationReport(verdict='{}', findings={codes:?}, id='{}')",
            self.0.verdict, self.0.id
        )
    }

    /// A table for notebooks.
    fn _repr_html_(&self) -> String {
        let mut rows = String::new();
        for f in &self.0.findings {
            let evidence: Vec<String> = f
                .evidence
                .iter()
                .map(|(k, v)| format!("{}={}", escape(k), escape(&shorten(v))))
                .collect();
            rows.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td><small>{}</small></td></tr>",
                f.code,
                escape(&f.message),
                evidence.join("<br>")
            ));
        }
        format!(
            "<div><b>{}</b> <code>{}</code><table><tr><th>code</th><th>message</th><th>evidence</th></tr>{rows}</table></div>",
            self.0.verdict, self.0.id
        )
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// A record whose signature verified and whose signer was entitled to sign it.
#[pyclass(module = "tracemark", frozen)]
pub struct VerifiedRecord(pub tracemark::verify::VerifiedRecord);

#[pymethods]
impl VerifiedRecord {
    /// The content id.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The verified facts as a JSON-style dict.
    fn record<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, self.0.record())
    }

    /// The canonical bytes.
    fn __bytes__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.bytes())
    }

    fn __repr__(&self) -> String {
        format!(
            "VerifiedRecord(kind='{}', id='{}')",
            self.0.record().body.kind(),
            self.0.id()
        )
    }
}

/// A report, and the record: verified if the verdict is valid.
#[pyclass(module = "tracemark", frozen)]
pub struct Verification {
    report: Py<VerificationReport>,
    verified: Option<Py<VerifiedRecord>>,
}

impl From<tracemark::verify::Verification> for Verification {
    fn from(v: tracemark::verify::Verification) -> Self {
        Python::attach(|py| Verification {
            report: Py::new(py, VerificationReport(v.report)).unwrap_or_else(|_| unreachable!()),
            verified: v
                .outcome
                .ok()
                .and_then(|r| Py::new(py, VerifiedRecord(r)).ok()),
        })
    }
}

#[pymethods]
impl Verification {
    /// What was found.
    #[getter]
    fn report(&self, py: Python<'_>) -> Py<VerificationReport> {
        self.report.clone_ref(py)
    }

    /// The verified record, or None if the verdict is not valid.
    #[getter]
    fn verified(&self, py: Python<'_>) -> Option<Py<VerifiedRecord>> {
        self.verified.as_ref().map(|v| v.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.report.borrow(py).__repr__()
    }
}

/// The result of verifying a set of records.
#[pyclass(module = "tracemark", frozen)]
pub struct BatchVerification(tracemark::verify::BatchVerification);

#[pymethods]
impl BatchVerification {
    /// The worst verdict over every record and chain finding: `valid`, `incomplete`,
    /// `untrusted` or `invalid`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.0.verdict().as_str()
    }

    /// One report per record, in input order.
    #[getter]
    fn reports(&self) -> Vec<VerificationReport> {
        self.0
            .reports
            .iter()
            .cloned()
            .map(VerificationReport)
            .collect()
    }

    /// What the set shows about each signer's chain.
    #[getter]
    fn chain_findings(&self) -> Vec<Finding> {
        self.0.chain_findings.iter().cloned().map(Finding).collect()
    }

    /// How many records got each verdict.
    #[getter]
    fn counts(&self) -> BTreeMap<&'static str, usize> {
        self.0
            .counts()
            .into_iter()
            .map(|(v, n)| (v.as_str(), n))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "BatchVerification(verdict='{}', counts={:?})",
            self.0.verdict(),
            self.counts()
        )
    }
}

/// Verifies one record against a trust store.
#[pyfunction]
fn verify_record(record: &SignedRecord, trust: &TrustStore) -> Verification {
    Verification::from(tracemark::verify::verify_record(record.0.clone(), &trust.0))
}

/// Verifies every record, then the chains of those whose signatures verified.
#[pyfunction]
fn verify_batch(records: Vec<SignedRecord>, trust: &TrustStore) -> BatchVerification {
    let records = records.into_iter().map(|r| r.0).collect();
    BatchVerification(tracemark::verify::verify_batch(records, &trust.0))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Finding>()?;
    m.add_class::<VerificationReport>()?;
    m.add_class::<VerifiedRecord>()?;
    m.add_class::<Verification>()?;
    m.add_class::<BatchVerification>()?;
    m.add_function(wrap_pyfunction!(verify_record, m)?)?;
    m.add_function(wrap_pyfunction!(verify_batch, m)?)
}
