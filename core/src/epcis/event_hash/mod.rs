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
mod tree;
mod vocabulary;

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use tree::{Converter, Namespaces, Node};

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
    let value: Value = serde_json::from_str(document)
        .map_err(|e| Error::InvalidJson(format!("EPCIS document: {e}")))?;
    hashes(&value, version, threads)
}

/// [`event_hashes`] of a parsed document.
pub fn document_event_hashes(document: &Value, version: CbvVersion) -> Result<Vec<EventHash>> {
    hashes(document, version, usize::MAX)
}

/// Fewer events than this are not worth a thread.
#[cfg(not(target_arch = "wasm32"))]
const EVENTS_PER_THREAD: usize = 256;

fn hashes(document: &Value, version: CbvVersion, threads: usize) -> Result<Vec<EventHash>> {
    let body = document.get("epcisBody");
    let events: Vec<&Value> = match (
        body.and_then(|b| b.get("eventList")),
        body.and_then(|b| b.pointer("/queryResults/resultsBody/eventList")),
        body.and_then(|b| b.get("event")),
    ) {
        (Some(Value::Array(list)), _, _) | (None, Some(Value::Array(list)), _) => {
            list.iter().collect()
        }
        (None, None, Some(event)) => vec![event],
        _ => {
            return Err(Error::InvalidJson(
                "EPCIS document: no epcisBody.eventList, epcisBody.queryResults.resultsBody.eventList or epcisBody.event".into(),
            ));
        }
    };
    let namespaces = Namespaces::of(document);
    let iris = tree::vocabulary_iris(&events, &namespaces);
    let converter = Converter::new(&namespaces, &iris);
    let hash_all = |events: &[&Value]| -> Vec<EventHash> {
        let render = Render {
            version,
            memo: RefCell::new(HashMap::new()),
        };
        events
            .iter()
            .map(|e| {
                let mut node = converter.convert(e);
                tree::correct(&mut node);
                let prehash = render.prehash(node);
                let digest = Sha256::digest(prehash.as_bytes());
                EventHash {
                    hash: format!(
                        "ni:///sha-256;{}?ver={}",
                        hex::encode(digest),
                        version.suffix()
                    ),
                    prehash,
                }
            })
            .collect()
    };
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Asking for the core count reads cgroup files; a streaming import hashes one event at
        // a time, so ask only when there is enough work to share.
        let threads = threads.min(events.len() / EVENTS_PER_THREAD);
        let threads = match threads {
            0 | 1 => threads,
            _ => threads.min(std::thread::available_parallelism().map_or(1, |n| n.get())),
        };
        if threads > 1 {
            let chunks: Vec<&[&Value]> = events.chunks(events.len().div_ceil(threads)).collect();
            return Ok(std::thread::scope(|s| {
                let running: Vec<_> = chunks.iter().map(|c| s.spawn(|| hash_all(c))).collect();
                running
                    .into_iter()
                    // A thread cannot fail (no input panics); if one did, its panic goes on
                    // here rather than leaving events out.
                    .flat_map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            }));
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = threads;
    Ok(hash_all(&events))
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

/// Fields never hashed.
fn ignored(n: &Node) -> bool {
    matches!(
        n.name.as_str(),
        "recordTime" | "eventID" | "type" | "errorDeclaration" | "certificationInfo"
    )
}

/// A user extension inside a standard field: a namespaced name whose namespace ends in `/`.
fn is_extension(n: &Node) -> bool {
    !n.pair && n.name.contains('{') && n.name.contains("/}")
}

/// How many canonical values a document's rendering remembers.
const MEMO_ENTRIES: usize = 4096;

/// Renders events of one document; canonical values are remembered, as a document repeats
/// its locations, parties and vocabulary in event after event.
struct Render {
    version: CbvVersion,
    memo: RefCell<HashMap<String, String>>,
}

impl Render {
    fn canon(&self, v: &str) -> String {
        if let Some(c) = self.memo.borrow().get(v) {
            return c.clone();
        }
        let c = canon::canon(v);
        let mut memo = self.memo.borrow_mut();
        // Bounded: a huge document's unique EPCs are not worth keeping, nor long values.
        if memo.len() < MEMO_ENTRIES && c.len() <= 256 {
            memo.insert(v.to_owned(), c.clone());
        }
        c
    }

    fn prehash(&self, event: Node) -> String {
        let version = self.version;
        let mut children = event.children;
        let standard = self.ordered(&mut children, ORDER);
        let trailing = match version {
            CbvVersion::Cbv21 => {
                let rest: Vec<Node> = children.into_iter().filter(|c| !ignored(c)).collect();
                self.generic(&rest)
            }
            CbvVersion::Cbv20 => {
                let (ilmd, mut rest): (Vec<Node>, Vec<Node>) =
                    children.into_iter().partition(|c| c.name == "ilmd");
                let mut fields = String::new();
                for f in ORDER {
                    let Some(sub) = f.sub else { continue };
                    let mut i = 0;
                    while i < rest.len() {
                        if rest[i].name == f.name {
                            let inner = self.field_extensions(&rest[i].children, sub);
                            if !inner.is_empty() {
                                if f.name != "sensorElementList" {
                                    fields.push_str(f.name);
                                }
                                fields.push_str(&inner);
                                rest.remove(i);
                                continue;
                            }
                        }
                        i += 1;
                    }
                }
                let rest: Vec<Node> = rest.into_iter().filter(|c| !ignored(c)).collect();
                format!("{}{fields}{}", self.generic(&ilmd), self.generic(&rest))
            }
        };
        format!("eventType={}{standard}{trailing}", event.name)
    }

    /// The fields of `list` that `order` names, in its order, each field's values sorted; what a
    /// field renders completely is removed, what is left (extensions) stays.
    fn ordered(&self, list: &mut Vec<Node>, order: &[Field]) -> String {
        let version = self.version;
        let mut extensions = Vec::new();
        if version == CbvVersion::Cbv21
            && list.len() >= 2
            && !list
                .iter()
                .any(|n| n.name.contains("eventTime") || n.name.contains("action"))
        {
            let (ext, keep): (Vec<Node>, Vec<Node>) = list.drain(..).partition(is_extension);
            *list = keep;
            extensions = ext;
        }
        let mut out = String::new();
        for f in order {
            let mut values = Vec::new();
            // What a field renders completely goes; fields with extensions left stay.
            list.retain_mut(|n| {
                if n.name != f.name {
                    return true;
                }
                let s = self.field(n, f.sub);
                if !s.is_empty() {
                    values.push(s);
                }
                !n.children.is_empty()
            });
            values.sort();
            out.extend(values);
        }
        if !extensions.is_empty() {
            out.push_str(&self.generic(&extensions));
        }
        out
    }

    fn field(&self, n: &mut Node, sub: Option<&[Field]>) -> String {
        let version = self.version;
        let mut inner = String::new();
        if let Some(sub) = sub {
            if !n.children.is_empty() && n.children.iter().all(|c| c.pair) {
                inner = self.generic(&n.children);
                n.children.clear();
            } else {
                inner = self.ordered(&mut n.children, sub);
            }
        }
        let mut value = String::new();
        let v = n.value.trim();
        if !v.is_empty() {
            let lower = n.name.to_ascii_lowercase();
            value = if lower.contains("time") && !lower.contains("offset") {
                canon::timestamp(v)
            } else {
                self.canon(v)
            };
        }
        if value.is_empty() && inner.is_empty() {
            return String::new();
        }
        let name = if n.name == "sensorElementList" && version == CbvVersion::Cbv20 {
            ""
        } else {
            n.name.as_str()
        };
        let mut out = String::with_capacity(name.len() + value.len() + inner.len() + 1);
        out.push_str(name);
        if !value.is_empty() {
            out.push('=');
            out.push_str(&value);
        }
        out.push_str(&inner);
        out
    }

    /// Pairs, ilmd and extensions: `name=value` and sub-fields, siblings sorted (except the two
    /// members of a pair), no timestamp normalisation.
    fn generic(&self, nodes: &[Node]) -> String {
        let mut values: Vec<String> = nodes
            .iter()
            .map(|n| {
                if n.pair {
                    self.generic(&n.children)
                } else {
                    let mut out = n.name.clone();
                    let v = n.value.trim();
                    if !v.is_empty() {
                        out.push('=');
                        out.push_str(&self.canon(v));
                    }
                    out.push_str(&self.generic(&n.children));
                    out
                }
            })
            .collect();
        let in_pair = nodes.iter().any(|n| {
            !n.pair && matches!(n.name.as_str(), "bizTransaction" | "source" | "destination")
        });
        if nodes.len() > 1 && !in_pair {
            values.sort();
        }
        values.concat()
    }

    /// CBV 2.0: the extensions left inside standard fields, with the path of fields to them.
    fn field_extensions(&self, children: &[Node], order: &[Field]) -> String {
        let mut parts = String::new();
        for f in order {
            let Some(sub) = f.sub else { continue };
            for n in children.iter().filter(|n| n.name == f.name) {
                let inner = self.field_extensions(&n.children, sub);
                if !inner.is_empty() {
                    if f.name != "sensorElementList" {
                        parts.push_str(f.name);
                    }
                    parts.push_str(&inner);
                }
            }
        }
        let direct: Vec<Node> = children
            .iter()
            .filter(|c| is_extension(c))
            .cloned()
            .collect();
        if !direct.is_empty() {
            parts.push_str(&self.generic(&direct));
        }
        parts
    }
}
