//! `tracemark.record`: signed records, their bytes, ids and JSON views; signing in a chain.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::errors::IntoPy;
use crate::json::{from_py_object, to_py_object};
use crate::keys::{PublicKey, SecretKey};
use crate::trust::TrustStore;
use crate::verify::Verification;

/// A record with its signature, as received: not yet verified. Its facts are only reachable
/// through `unverified()`; `verify(trust)` decides.
#[pyclass(module = "tracemark", frozen, from_py_object)]
#[derive(Clone)]
pub struct SignedRecord(pub tracemark::record::SignedRecord);

#[pymethods]
impl SignedRecord {
    /// Reads a record from its canonical bytes; raises `DecodeError` (or another
    /// `TracemarkError`) if they are not exactly one record.
    #[staticmethod]
    fn decode(data: &[u8]) -> PyResult<Self> {
        tracemark::record::SignedRecord::decode(data)
            .py()
            .map(SignedRecord)
    }

    /// The content id, `rec:` + 64 hex digits.
    #[getter]
    fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The canonical bytes, signature included.
    fn __bytes__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.bytes())
    }

    /// The record kind, such as `commission` or `key_certificate`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }

    /// The key the record claims as its signer.
    #[getter]
    fn claimed_signer(&self) -> PublicKey {
        PublicKey(*self.0.claimed_signer())
    }

    /// The signer's sequence number (claimed until verified).
    #[getter]
    fn seq(&self) -> u64 {
        self.0.unverified().seq
    }

    /// The id of the signer's previous record, or None at the start of a chain (claimed).
    #[getter]
    fn prev(&self) -> Option<String> {
        self.0.unverified().prev.map(|p| p.to_string())
    }

    /// When the signer says it signed, RFC 3339 UTC (claimed until verified).
    #[getter]
    fn signed_at(&self) -> String {
        self.0.unverified().signed_at.to_string()
    }

    /// The GLN of the party the signer speaks for, if named (claimed until verified).
    #[getter]
    fn party(&self) -> Option<String> {
        self.0.unverified().party.map(|p| p.to_string())
    }

    /// The GS1 identifiers the record mentions (claimed until verified): dicts with `role`
    /// and whichever of `gtin`, `lot`, `serial`, `sscc` apply.
    fn mentions<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let mut out = Vec::new();
        for m in self.0.unverified().mentions() {
            let d = PyDict::new(py);
            d.set_item("role", m.role)?;
            let parts = [
                ("gtin", m.gtin),
                ("lot", m.lot),
                ("serial", m.serial),
                ("sscc", m.sscc),
            ];
            for (name, value) in parts {
                if let Some(v) = value {
                    d.set_item(name, v)?;
                }
            }
            out.push(d);
        }
        Ok(out)
    }

    /// Whether the signature verifies against the claimed signer (says nothing about trust).
    fn signature_is_valid(&self) -> bool {
        self.0.signature_is_valid()
    }

    /// The record's facts as a JSON-style dict, NOT verified.
    fn unverified<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, self.0.unverified())
    }

    /// Verifies the record against a trust store.
    fn verify(&self, trust: &TrustStore) -> Verification {
        Verification::from(tracemark::verify::verify_record(self.0.clone(), &trust.0))
    }

    fn __repr__(&self) -> String {
        let r = self.0.unverified();
        format!(
            "SignedRecord(kind='{}', seq={}, id='{}')",
            self.0.kind(),
            r.seq,
            self.0.id()
        )
    }

    fn __eq__(&self, other: &SignedRecord) -> bool {
        self.0.bytes() == other.0.bytes()
    }

    fn __hash__(&self) -> u64 {
        u64::from_le_bytes(self.0.id().as_bytes()[..8].try_into().unwrap_or_default())
    }
}

/// Signs a record given as its JSON view (a dict or a JSON string with `signer`, `seq`,
/// `prev`, `signed_at`, `party` and `body`) with `key`, which must be the named signer.
#[pyfunction]
fn sign_record(view: &Bound<'_, PyAny>, key: &SecretKey) -> PyResult<SignedRecord> {
    let record: tracemark::record::Record = from_py_object(view)?;
    record.sign(&key.0).py().map(SignedRecord)
}

/// The bytes a signer signs for a record given as its JSON view (a signed record's bytes
/// without the signature): prepare them here, sign them with `sign_unsigned` where the key is.
#[pyfunction]
fn unsigned_bytes<'py>(py: Python<'py>, view: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let record: tracemark::record::Record = from_py_object(view)?;
    let bytes = record.to_unsigned_bytes().py()?;
    Ok(PyBytes::new(py, &bytes))
}

/// Signs bytes made by `unsigned_bytes` (or any implementation of the spec) with `key`, which
/// must be the signer they name; they are read back (exactly one canonical record) first.
#[pyfunction]
fn sign_unsigned(data: &[u8], key: &SecretKey) -> PyResult<SignedRecord> {
    tracemark::record::Record::sign_unsigned_bytes(data, &key.0)
        .py()
        .map(SignedRecord)
}

/// Signs records in one chain: numbers them and links each to the previous one.
#[pyclass(module = "tracemark")]
pub struct ChainSigner(tracemark::chain::ChainSigner);

#[pymethods]
impl ChainSigner {
    /// A signer at the start of its chain, speaking for `party` (a GLN, as text).
    #[new]
    #[pyo3(signature = (key, party=None))]
    fn new(key: &SecretKey, party: Option<&str>) -> PyResult<Self> {
        let party = party.map(str::parse).transpose().py()?;
        Ok(ChainSigner(tracemark::chain::ChainSigner::new(
            key.0.clone(),
            party,
        )))
    }

    /// Signs the next record: `signed_at` in RFC 3339, `body` the JSON view of a record body
    /// (a dict with `kind` and the kind's fields).
    fn sign(&mut self, signed_at: &str, body: &Bound<'_, PyAny>) -> PyResult<SignedRecord> {
        let at = signed_at.parse().py()?;
        let body: tracemark::record::Body = from_py_object(body)?;
        self.0.sign(at, body).py().map(SignedRecord)
    }

    /// The sequence number the next record will get.
    #[getter]
    fn next_seq(&self) -> u64 {
        self.0.next_seq()
    }
}

/// The fixed sample supply chain of the spec (an authority, a dairy, a shop, nine records):
/// returns `(records, trust_store)`.
#[pyfunction]
fn sample_supply_chain() -> PyResult<(Vec<SignedRecord>, TrustStore)> {
    let demo = tracemark::sample::SupplyChain::build().py()?;
    let records = demo.records.into_iter().map(SignedRecord).collect();
    Ok((records, TrustStore(demo.trust)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<SignedRecord>()?;
    m.add_class::<ChainSigner>()?;
    m.add_function(wrap_pyfunction!(sign_record, m)?)?;
    m.add_function(wrap_pyfunction!(unsigned_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(sign_unsigned, m)?)?;
    m.add_function(wrap_pyfunction!(sample_supply_chain, m)?)
}
