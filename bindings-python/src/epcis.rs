//! `tracemark.epcis`: EPCIS 2.0 import and export, and the GS1 event hash.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use tracemark::epcis::{self as core, DocumentHeader, DocumentKind, EpcisEvent, ImportMode};

use crate::errors::IntoPy;
use crate::json::{from_py_object, to_py_object};

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
    Ok(core::event_hashes(document, version)
        .py()?
        .into_iter()
        .map(|h| EventHash {
            prehash: h.prehash,
            hash: h.hash,
        })
        .collect())
}

/// A rule an event broke, with where (a JSON path from the document root).
#[pyclass(module = "tracemark", frozen, get_all)]
#[derive(Clone)]
pub struct EpcisProblem {
    path: String,
    rule: String,
    message: String,
}

#[pymethods]
impl EpcisProblem {
    fn __repr__(&self) -> String {
        format!(
            "EpcisProblem({:?}, {:?}, {:?})",
            self.path, self.rule, self.message
        )
    }
}

/// An event that was read, with its position and the GS1 event hash the sender would compute.
#[pyclass(module = "tracemark", frozen)]
pub struct ImportedEvent(core::ImportedEvent);

#[pymethods]
impl ImportedEvent {
    /// Its position in the document's event list, from 0.
    #[getter]
    fn index(&self) -> usize {
        self.0.index
    }
    /// `ni:///sha-256;…?ver=CBV2.0`.
    #[getter]
    fn event_hash(&self) -> &str {
        &self.0.event_hash
    }
    /// `ObjectEvent`, `AggregationEvent`, …
    #[getter]
    fn event_type(&self) -> &str {
        self.0.event.event_type()
    }
    /// The event in normal form, as a dict.
    #[getter]
    fn event<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, &self.0.event.to_json())
    }
    fn __repr__(&self) -> String {
        format!(
            "ImportedEvent(index={}, type={:?}, event_hash={:?})",
            self.0.index,
            self.0.event.event_type(),
            self.0.event_hash
        )
    }
}

/// An event that broke rules, with every problem found (at most 100).
#[pyclass(module = "tracemark", frozen, get_all)]
pub struct RejectedEvent {
    index: usize,
    problems: Vec<EpcisProblem>,
}

#[pymethods]
impl RejectedEvent {
    fn __repr__(&self) -> String {
        format!(
            "RejectedEvent(index={}, problems={})",
            self.index,
            self.problems.len()
        )
    }
}

/// What reading a document gave: its header, the events kept and the events rejected.
#[pyclass(module = "tracemark", frozen)]
pub struct EpcisImport(core::EpcisImport);

#[pymethods]
impl EpcisImport {
    /// `capture` (an EPCISDocument), `query` (an EPCISQueryDocument) or `event` (a lone event).
    #[getter]
    fn kind(&self) -> &'static str {
        kind_name(self.0.header.kind)
    }
    /// The header fields other than the events (`schemaVersion`, `creationDate`, …), as a dict.
    #[getter]
    fn header<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, &self.0.header.fields)
    }
    /// The prefixes the document declared, with their IRIs.
    #[getter]
    fn namespaces(&self) -> BTreeMap<String, String> {
        declared(&self.0.header)
    }
    /// The events kept, in document order (none if one was rejected and `keep_valid` was off).
    #[getter]
    fn events(&self) -> Vec<ImportedEvent> {
        self.0.events.iter().cloned().map(ImportedEvent).collect()
    }
    /// The events rejected, in document order.
    #[getter]
    fn rejected(&self) -> Vec<RejectedEvent> {
        self.0
            .rejected
            .iter()
            .map(|r| RejectedEvent {
                index: r.index,
                problems: r
                    .problems
                    .iter()
                    .map(|p| EpcisProblem {
                        path: p.path.clone(),
                        rule: p.rule.to_owned(),
                        message: p.message.clone(),
                    })
                    .collect(),
            })
            .collect()
    }
    /// How many events the document holds.
    #[getter]
    fn total(&self) -> usize {
        self.0.total
    }
    /// Whether every event was read.
    fn is_complete(&self) -> bool {
        self.0.is_complete()
    }
    fn __repr__(&self) -> String {
        format!(
            "EpcisImport(kind={:?}, events={}, rejected={}, total={})",
            kind_name(self.0.header.kind),
            self.0.events.len(),
            self.0.rejected.len(),
            self.0.total
        )
    }
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Capture => "capture",
        DocumentKind::Query => "query",
        DocumentKind::Event => "event",
    }
}

fn declared(header: &DocumentHeader) -> BTreeMap<String, String> {
    header
        .namespaces
        .declared()
        .map(|(p, i)| (p.to_owned(), i.to_owned()))
        .collect()
}

/// Reads an EPCIS 2.0 document (JSON or JSON-LD): a capture or query document, or one event
/// with its own `@context`. By default one bad event keeps nothing; `keep_valid` keeps the rest.
/// Raises `InvalidInputError` (`invalid_epcis`, with `.rule` and `.path`) only when the
/// document as a whole cannot be read.
#[pyfunction]
#[pyo3(signature = (document, *, keep_valid = false))]
fn import_epcis(document: &str, keep_valid: bool) -> PyResult<EpcisImport> {
    let mode = if keep_valid {
        ImportMode::KeepValid
    } else {
        ImportMode::AllOrNothing
    };
    Ok(EpcisImport(core::import(document, mode).py()?))
}

/// Writes events as one EPCIS 2.0 JSON-LD document. `events` holds `ImportedEvent`s or
/// normal-form dicts (as `ImportedEvent.event` gives them). `like` gives the header and
/// prefixes of an imported document (a query document stays one); otherwise, or when `like` was
/// a lone event, a capture document created at `creation_date` (RFC 3339; default now).
#[pyfunction]
#[pyo3(signature = (events, *, like = None, creation_date = None))]
fn export_epcis(
    events: Vec<Bound<'_, PyAny>>,
    like: Option<&EpcisImport>,
    creation_date: Option<&str>,
) -> PyResult<String> {
    let list = events.iter().map(event_of).collect::<PyResult<Vec<_>>>()?;
    let date = match creation_date {
        Some(date) => date.to_owned(),
        None => now()?,
    };
    let header = match like {
        Some(imported) => imported.0.header.as_document(&date),
        None => DocumentHeader::capture(&date),
    };
    core::export(&header, &list).py()
}

/// An `ImportedEvent`, or a dict in the normal form `ImportedEvent.event` gives.
fn event_of(e: &Bound<'_, PyAny>) -> PyResult<EpcisEvent> {
    match e.cast::<ImportedEvent>() {
        Ok(imported) => Ok(imported.get().0.event.clone()),
        Err(_) => {
            let value: serde_json::Value = from_py_object(e)?;
            EpcisEvent::from_normal_json(&value).py()
        }
    }
}

/// An EPCIS 2.0 event query: the parameters of a `SimpleEventQuery` as JSON text or a dict
/// (`MATCH_epc`, `GE_eventTime`, `EQ_bizStep`, `orderBy`, `eventCountLimit`, ...). Raises
/// `InvalidInputError` (`invalid_epcis`, with `.rule` and `.path`) at the first bad parameter.
#[pyclass(module = "tracemark", frozen)]
pub struct EventQuery(core::EventQuery);

#[pymethods]
impl EventQuery {
    #[new]
    fn new(query: &Bound<'_, PyAny>) -> PyResult<EventQuery> {
        let parsed = match query.extract::<String>() {
            Ok(text) => core::EventQuery::parse(&text),
            Err(_) => core::EventQuery::from_json(&from_py_object(query)?)
                .map_err(|mut problems| problems.remove(0).into_error()),
        };
        Ok(EventQuery(parsed.py()?))
    }

    /// Whether the event (an `ImportedEvent` or a normal-form dict) satisfies every parameter.
    fn matches(&self, event: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.matches(&event_of(event)?))
    }

    /// The events that match, ordered and cut as the query says; the same objects as given.
    /// Raises `InvalidInputError` (rule `query_too_large`) beyond `maxEventCount`.
    fn run<'py>(&self, events: Vec<Bound<'py, PyAny>>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let list = events.iter().map(event_of).collect::<PyResult<Vec<_>>>()?;
        let hits = self.0.run(&list).py()?;
        // Each hit is an element of `list`: its position picks the object it came from.
        let base = list.as_ptr() as usize;
        let size = std::mem::size_of::<EpcisEvent>().max(1);
        Ok(hits
            .into_iter()
            .filter_map(|h| {
                (std::ptr::from_ref(h) as usize)
                    .checked_sub(base)
                    .and_then(|d| events.get(d / size))
                    .cloned()
            })
            .collect())
    }

    /// The query document as given.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_object(py, &self.0.to_json())
    }

    fn __repr__(&self) -> String {
        format!("EventQuery({})", self.0.to_json())
    }
}

fn now() -> PyResult<String> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    Ok(tracemark::time::Timestamp::from_unix_millis(millis)
        .py()?
        .to_string())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<EventHash>()?;
    m.add_class::<EpcisProblem>()?;
    m.add_class::<ImportedEvent>()?;
    m.add_class::<RejectedEvent>()?;
    m.add_class::<EpcisImport>()?;
    m.add_class::<EventQuery>()?;
    m.add_function(wrap_pyfunction!(event_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(import_epcis, m)?)?;
    m.add_function(wrap_pyfunction!(export_epcis, m)?)
}
