//! The GS1 EPCIS event hash (`ni:///sha-256;…?ver=CBV2.0`): an identifier of an event that
//! every party computes alike from its content, whatever the form it was written in, so a
//! partner's event can be matched to one's own.
//!
//! Computed as the 2026 revision of the reference implementation (RalphTro/epcis-event-hash-
//! generator) does, for EPCIS 2.0 JSON and JSON-LD: each event becomes a canonical pre-hash
//! string (fields in a fixed order, `key=value` without separators, lists sorted, times in UTC
//! to the millisecond, CBV terms and GS1 identifiers in one canonical form), whose SHA-256 is
//! the hash. `recordTime`, `eventID`, `errorDeclaration` and `certificationInfo` are not
//! hashed. The CBV 2.0 and 2.1 profiles differ only in where extensions inside standard fields
//! and the sensor element list go.
//!
//! ```
//! use tracemark::epcis::{CbvVersion, event_hashes};
//! let document = r#"{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
//!   "type": "EPCISDocument", "epcisBody": {"eventList": [{"type": "ObjectEvent",
//!   "eventTime": "2023-01-11T12:00:00+01:00", "eventTimeZoneOffset": "+01:00",
//!   "epcList": ["urn:epc:id:sgtin:4012345.099999.XYZ-1234"], "action": "OBSERVE",
//!   "bizStep": "receiving"}]}}"#;
//! let hashes = event_hashes(document, CbvVersion::Cbv20)?;
//! assert_eq!(hashes[0].prehash, "eventType=ObjectEventeventTime=2023-01-11T11:00:00.000Z\
//!     eventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/01/04012345999990/21/XYZ-1234\
//!     action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-receiving");
//! assert!(hashes[0].hash.starts_with("ni:///sha-256;") && hashes[0].hash.ends_with("?ver=CBV2.0"));
//! # Ok::<(), tracemark::Error>(())
//! ```

mod canon;
mod json;
mod render;
mod tree;
mod vocabulary;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use json::Json;
use render::Render;
use tree::{Converter, Namespaces};

/// The profile of the hash algorithm, named by the CBV version it goes with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CbvVersion {
    /// CBV 2.0: extensions inside standard fields go after the standard fields.
    #[default]
    Cbv20,
    /// CBV 2.1: extensions stay with their field; the sensor element list is named.
    Cbv21,
}

impl std::str::FromStr for CbvVersion {
    type Err = Error;
    /// `"2.0"` or `"2.1"` (also `"CBV2.0"`, `"CBV2.1"`).
    fn from_str(text: &str) -> Result<CbvVersion> {
        match text.trim_start_matches("CBV") {
            "2.0" => Ok(CbvVersion::Cbv20),
            "2.1" => Ok(CbvVersion::Cbv21),
            _ => Err(Error::InvalidTerm(format!(
                "{text:?} is not a CBV version of the event hash: 2.0 or 2.1"
            ))),
        }
    }
}

impl CbvVersion {
    fn suffix(self) -> &'static str {
        match self {
            CbvVersion::Cbv20 => "CBV2.0",
            CbvVersion::Cbv21 => "CBV2.1",
        }
    }
}

/// One event's hash and the canonical string it is the SHA-256 of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventHash {
    /// The canonical pre-hash string.
    pub prehash: String,
    /// `ni:///sha-256;<hex>?ver=CBV2.0` (or `CBV2.1`).
    pub hash: String,
}

/// The hashes of every event of an EPCIS 2.0 document (or query document) in JSON or
/// JSON-LD, in document order. `Err` (`invalid_json`) when the text is not JSON or holds no
/// event list.
/// Large documents are hashed on every core (events are independent); the result is the same.
pub fn event_hashes(document: &str, version: CbvVersion) -> Result<Vec<EventHash>> {
    event_hashes_on(document, version, usize::MAX)
}

/// [`event_hashes`] on at most `threads` threads (1: the calling thread only; WebAssembly
/// always uses one).
pub fn event_hashes_on(
    document: &str,
    version: CbvVersion,
    threads: usize,
) -> Result<Vec<EventHash>> {
    let parsed: Json = serde_json::from_str(document)
        .map_err(|e| Error::InvalidJson(format!("EPCIS document: {e}")))?;
    hashes(parsed, version, threads)
}

/// [`event_hashes`] of a parsed document.
pub fn document_event_hashes(document: &Value, version: CbvVersion) -> Result<Vec<EventHash>> {
    hashes(Json::from_value(document), version, usize::MAX)
}

/// The document is taken apart: each thread gets its events to own and drops them when done,
/// as freeing a parsed document costs a good part of parsing it.
fn hashes(mut document: Json, version: CbvVersion, threads: usize) -> Result<Vec<EventHash>> {
    let namespaces = Namespaces::of(&document);
    let mut events =
        take_events(&mut document).ok_or_else(|| Error::InvalidJson(NO_EVENTS.into()))?;
    drop(document);
    let iris = tree::vocabulary_iris(&events, &namespaces);
    let hasher = Hasher {
        converter: Converter::new(&namespaces, &iris),
        version,
    };
    let size = chunk_size(events.len(), threads);
    let mut chunks = Vec::new();
    while events.len() > size {
        let rest = events.split_off(size);
        chunks.push(std::mem::replace(&mut events, rest));
    }
    chunks.push(events);
    Ok(on_threads(chunks, |c| {
        hasher.hash_all(&c, &Render::new(version))
    }))
}

/// Hashes the events of a streamed document one by one, each as the document of the
/// stream's `@context` and that one event (as the reference reads a document), remembering
/// what repeats from one to the next: the namespaces, and the canonical form of the locations,
/// parties and terms a document names in event after event.
pub(crate) struct StreamHasher {
    version: CbvVersion,
    namespaces: Namespaces,
    render: Render,
}

impl StreamHasher {
    /// For events of a document with `context` as its `@context` (`Null` for none).
    pub fn new(version: CbvVersion, context: &Value) -> StreamHasher {
        let context = Json::from_value(context);
        StreamHasher {
            version,
            namespaces: Namespaces::of_context(Some(&context)),
            render: Render::new(version),
        }
    }

    /// The event hash of one event, as [`document_event_hashes`] gives it for a document of
    /// the context and that event.
    pub fn hash(&self, event: &Value) -> EventHash {
        let event = Json::from_value(event);
        let events = std::slice::from_ref(&event);
        let iris = tree::vocabulary_iris(events, &self.namespaces);
        let hasher = Hasher {
            converter: Converter::new(&self.namespaces, &iris),
            version: self.version,
        };
        hasher.hash_one(&event, &self.render)
    }
}

const NO_EVENTS: &str = "EPCIS document: no epcisBody.eventList, epcisBody.queryResults.resultsBody.eventList or epcisBody.event";

/// The events of a document, moved out of it: a capture document's event list, a query
/// document's, or a lone event.
fn take_events<'a>(document: &mut Json<'a>) -> Option<Vec<Json<'a>>> {
    let body = document.get_mut("epcisBody")?;
    let query = |b: &Json| {
        b.get("queryResults")
            .and_then(|q| q.get("resultsBody"))
            .and_then(|r| r.get("eventList"))
            .map(|l| matches!(l, Json::Array(_)))
    };
    let taken = match (
        body.get("eventList").map(|l| matches!(l, Json::Array(_))),
        query(body),
    ) {
        (Some(true), _) => body.get_mut("eventList"),
        (None, Some(true)) => body
            .get_mut("queryResults")
            .and_then(|q| q.get_mut("resultsBody"))
            .and_then(|r| r.get_mut("eventList")),
        (None, None) => body.get_mut("event"),
        _ => None,
    };
    match std::mem::take(taken?) {
        Json::Array(events) => Some(events),
        event => Some(vec![event]),
    }
}

/// Fewer events than this are not worth a thread.
#[cfg(not(target_arch = "wasm32"))]
const EVENTS_PER_THREAD: usize = 256;

/// Events per chunk, one chunk per thread worth starting (WebAssembly: one chunk).
fn chunk_size(events: usize, threads: usize) -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Asking for the core count reads cgroup files; a streaming import hashes one event at
        // a time, so ask only when there is enough work to share.
        let threads = threads.min(events / EVENTS_PER_THREAD);
        let threads = match threads {
            0 | 1 => 1,
            _ => threads.min(std::thread::available_parallelism().map_or(1, |n| n.get())),
        };
        events.div_ceil(threads).max(1)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = threads;
        events.max(1)
    }
}

/// `work` on each chunk, one thread each when there are several; results in chunk order.
fn on_threads<T: Send>(
    chunks: Vec<T>,
    work: impl Fn(T) -> Vec<EventHash> + Sync,
) -> Vec<EventHash> {
    #[cfg(not(target_arch = "wasm32"))]
    if chunks.len() > 1 {
        let work = &work;
        return std::thread::scope(|s| {
            let running: Vec<_> = chunks
                .into_iter()
                .map(|c| s.spawn(move || work(c)))
                .collect();
            running
                .into_iter()
                // A thread cannot fail (no input panics); if one did, its panic goes on here
                // rather than leaving events out.
                .flat_map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
    }
    chunks.into_iter().flat_map(work).collect()
}

/// What hashing an event needs from its document.
struct Hasher<'a> {
    converter: Converter<'a>,
    version: CbvVersion,
}

impl Hasher<'_> {
    fn hash_all(&self, events: &[Json], render: &Render) -> Vec<EventHash> {
        events.iter().map(|e| self.hash_one(e, render)).collect()
    }

    fn hash_one(&self, event: &Json, render: &Render) -> EventHash {
        let mut node = self.converter.convert(event);
        tree::correct(&mut node);
        let prehash = render.prehash(node);
        let digest = Sha256::digest(prehash.as_bytes());
        let mut hash = String::with_capacity(96);
        hash.push_str("ni:///sha-256;");
        hash.push_str(&hex::encode(digest));
        hash.push_str("?ver=");
        hash.push_str(self.version.suffix());
        EventHash { hash, prehash }
    }
}

/// A field of the canonical order, with the order of its sub-fields when it has some.
struct Field {
    name: &'static str,
    sub: Option<&'static [Field]>,
}

const fn leaf(name: &'static str) -> Field {
    Field { name, sub: None }
}

const fn group(name: &'static str, sub: &'static [Field]) -> Field {
    Field {
        name,
        sub: Some(sub),
    }
}

const EPC: &[Field] = &[leaf("epc")];
const QUANTITY: &[Field] = &[group(
    "quantityElement",
    &[leaf("epcClass"), leaf("quantity"), leaf("uom")],
)];
const ID: &[Field] = &[leaf("id")];
/// Business transactions, sources and destinations are pairs, rendered as they are.
const PAIRS: &[Field] = &[];
const SENSOR_METADATA: &[Field] = &[
    leaf("time"),
    leaf("startTime"),
    leaf("endTime"),
    leaf("deviceID"),
    leaf("deviceMetadata"),
    leaf("rawData"),
    leaf("dataProcessingMethod"),
    leaf("bizRules"),
];
const SENSOR_REPORT: &[Field] = &[
    leaf("type"),
    leaf("exception"),
    leaf("deviceID"),
    leaf("deviceMetadata"),
    leaf("rawData"),
    leaf("dataProcessingMethod"),
    leaf("time"),
    leaf("microorganism"),
    leaf("chemicalSubstance"),
    leaf("value"),
    leaf("component"),
    leaf("stringValue"),
    leaf("booleanValue"),
    leaf("hexBinaryValue"),
    leaf("uriValue"),
    leaf("minValue"),
    leaf("maxValue"),
    leaf("meanValue"),
    leaf("sDev"),
    leaf("percRank"),
    leaf("percValue"),
    leaf("uom"),
    leaf("coordinateReferenceSystem"),
];
const SENSOR_ELEMENT: &[Field] = &[group(
    "sensorElement",
    &[
        group("sensorMetadata", SENSOR_METADATA),
        group("sensorReport", SENSOR_REPORT),
    ],
)];

/// The canonical order of an event's fields (one for all five event types).
const ORDER: &[Field] = &[
    leaf("eventTime"),
    leaf("eventTimeZoneOffset"),
    group("epcList", EPC),
    leaf("parentID"),
    group("inputEPCList", EPC),
    group("childEPCs", EPC),
    group("quantityList", QUANTITY),
    group("childQuantityList", QUANTITY),
    group("inputQuantityList", QUANTITY),
    group("outputEPCList", EPC),
    group("outputQuantityList", QUANTITY),
    leaf("action"),
    leaf("transformationID"),
    leaf("bizStep"),
    leaf("disposition"),
    group("persistentDisposition", &[leaf("set"), leaf("unset")]),
    group("readPoint", ID),
    group("bizLocation", ID),
    group("bizTransactionList", PAIRS),
    group("sourceList", PAIRS),
    group("destinationList", PAIRS),
    group("sensorElementList", SENSOR_ELEMENT),
];
