//! Reading EPCIS 2.0 documents (capture documents, query documents, or one event on its
//! own), whole or as a stream, into checked events with their GS1 event hashes.
//!
//! Events are read one at a time as the parser reaches them, so a document of any size is
//! read in memory bounded by its largest event: the caller's callback sees each event (or
//! the problems that rejected it) and the document's header at the end. A document whose
//! `@context` comes after its events (legal JSON, but no producer writes it) is the one case
//! that must be held in memory until the context arrives.

use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::context::{Namespaces, is_uri};
use super::event::EpcisEvent;
use super::event_hash::{CbvVersion, StreamHasher};
use super::normal::{MAX_PROBLEMS, json_type};
use super::problem::Problem;
use super::shapes::EVENT_TYPES;
use crate::error::{Error, Result};

/// What kind of document was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// An `EPCISDocument` (capture).
    Capture,
    /// An `EPCISQueryDocument` (query results).
    Query,
    /// One event with its own `@context`, not wrapped in a document.
    Event,
}

/// The document around the events: its kind, its header fields in normal form
/// (`schemaVersion`, `creationDate`, `sender`, `receiver`, `instanceIdentifier`, `id`,
/// `epcisHeader`, a query's `queryName` and `subscriptionID`, extension fields by full IRI),
/// and the prefixes it declared, which an export can use again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentHeader {
    /// Capture, query, or a lone event.
    pub kind: DocumentKind,
    /// The header fields.
    pub fields: Map<String, Value>,
    /// The prefixes in scope at the document level.
    pub namespaces: Namespaces,
}

impl DocumentHeader {
    /// A capture document header with a creation date and nothing else.
    pub fn capture(creation_date: &str) -> DocumentHeader {
        let mut fields = Map::new();
        fields.insert("schemaVersion".into(), Value::String("2.0".into()));
        fields.insert("creationDate".into(), Value::String(creation_date.into()));
        DocumentHeader {
            kind: DocumentKind::Capture,
            fields,
            namespaces: Namespaces::standard(),
        }
    }

    /// The header an export of these events writes: a lone event has no document around it,
    /// so it gets a capture document's created at `creation_date`, keeping its prefixes; a
    /// document's header is kept as it is.
    pub fn as_document(&self, creation_date: &str) -> DocumentHeader {
        match self.kind {
            DocumentKind::Event => DocumentHeader {
                namespaces: self.namespaces.clone(),
                ..DocumentHeader::capture(creation_date)
            },
            DocumentKind::Capture | DocumentKind::Query => self.clone(),
        }
    }
}

/// An event that was read and checked, with where it was and its GS1 event hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedEvent {
    /// Its position in the document's event list, from 0.
    pub index: usize,
    /// The event.
    pub event: EpcisEvent,
    /// Its GS1 event hash, `ni:///sha-256;…?ver=CBV2.0`, as the sender would compute it.
    pub event_hash: String,
}

/// An event that broke rules, with every problem found (at most 100).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedEvent {
    /// Its position in the document's event list, from 0.
    pub index: usize,
    /// What is wrong, each with its JSON path.
    pub problems: Vec<Problem>,
}

/// Whether one bad event spoils the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImportMode {
    /// Keep nothing if any event is rejected.
    #[default]
    AllOrNothing,
    /// Keep the good events and report the bad ones.
    KeepValid,
}

/// The result of reading a document: the events kept and the events rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpcisImport {
    /// The document's header.
    pub header: DocumentHeader,
    /// The events kept, in document order (none under all-or-nothing when one was rejected).
    pub events: Vec<ImportedEvent>,
    /// The events rejected, in document order.
    pub rejected: Vec<RejectedEvent>,
    /// How many events the document holds.
    pub total: usize,
}

impl EpcisImport {
    /// Whether every event was read.
    pub fn is_complete(&self) -> bool {
        self.rejected.is_empty()
    }
}

/// Reads an EPCIS 2.0 document (JSON or JSON-LD) held in memory.
///
/// `Err` (`invalid_epcis`, with a JSON path and a rule) when the document as a whole cannot
/// be read: not JSON, no `@context`, not an EPCIS document, a header field broken. Problems of
/// single events are reported in [`EpcisImport::rejected`].
///
/// ```
/// use tracemark::epcis::{ImportMode, import};
/// let doc = r#"{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
///   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
///   "epcisBody": {"eventList": [
///     {"type": "ObjectEvent", "action": "ADD", "eventTime": "2026-07-22T06:45:00+02:00",
///      "eventTimeZoneOffset": "+02:00", "epcList": ["https://id.gs1.org/01/09521141012345/21/2017"]},
///     {"type": "ObjectEvent", "action": "ADD", "eventTime": "2026-07-22T06:45:00+02:00",
///      "eventTimeZoneOffset": "+02:00", "epcList": ["https://id.gs1.org/01/09521141012345/21/2018"],
///      "bizStep": "transforming"}]}}"#;
/// let read = import(doc, ImportMode::KeepValid)?;
/// assert_eq!((read.events.len(), read.rejected.len()), (1, 1));
/// let problem = &read.rejected[0].problems[0];
/// assert_eq!(problem.path, "$.epcisBody.eventList[1].bizStep");
/// assert_eq!(problem.rule, "unknown_cbv_term");
/// assert!(import(doc, ImportMode::AllOrNothing)?.events.is_empty());
/// # Ok::<(), tracemark::Error>(())
/// ```
///
/// Documents of more than 64 events are read on every core (events are independent); the
/// result is the same.
pub fn import(document: &str, mode: ImportMode) -> Result<EpcisImport> {
    import_on(document, mode, usize::MAX)
}

/// [`import`] on at most `threads` threads (1: the calling thread only; WebAssembly always
/// uses one).
pub fn import_on(document: &str, mode: ImportMode, threads: usize) -> Result<EpcisImport> {
    let mut events = Vec::new();
    let mut rejected = Vec::new();
    let (header, total) = {
        let mut de = serde_json::Deserializer::from_str(document);
        let result = read_stream(&mut de, threads, |item| {
            match item {
                Ok(e) => events.push(e),
                Err(r) => rejected.push(r),
            }
            Ok(())
        })?;
        de.end().map_err(|e| not_json(&e))?;
        result
    };
    if mode == ImportMode::AllOrNothing && !rejected.is_empty() {
        events.clear();
    }
    Ok(EpcisImport {
        header,
        events,
        rejected,
        total,
    })
}

/// Reads an EPCIS 2.0 document from `reader` as a stream, handing each event (or its
/// rejection) to `each` as soon as it is read, and returns the header and the number of
/// events. Memory stays bounded by the largest event, whatever the document's size.
/// An `Err` from `each` stops the reading and is returned.
pub fn import_reader<R: std::io::Read>(
    reader: R,
    each: impl FnMut(std::result::Result<ImportedEvent, RejectedEvent>) -> Result<()>,
) -> Result<(DocumentHeader, usize)> {
    let mut de =
        serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let result = read_stream(&mut de, usize::MAX, each)?;
    de.end().map_err(|e| not_json(&e))?;
    Ok(result)
}

/// Where an event is in its document: `$` for a lone event, else its place in the event
/// list. Copied with each event and written out only for a problem (a string per event was
/// work on the parsing thread, which every other thread waits for).
#[derive(Clone, Copy, Debug)]
pub(super) struct EventPath {
    list: &'static str,
    index: Option<usize>,
}

impl EventPath {
    const LONE: EventPath = EventPath {
        list: "$",
        index: None,
    };
}

impl fmt::Display for EventPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.list)?;
        match self.index {
            Some(i) => write!(f, "[{i}]"),
            None => Ok(()),
        }
    }
}

/// What reading one event gives.
pub(super) type Item = std::result::Result<ImportedEvent, RejectedEvent>;

type Each<'a> = dyn FnMut(Item) -> Result<()> + 'a;

/// Reads the event `raw` at `path` of a document with namespaces `ns`, and its event hash.
pub(super) fn check(
    ns: &Namespaces,
    hasher: &StreamHasher,
    index: usize,
    path: EventPath,
    raw: Value,
) -> Item {
    match EpcisEvent::read(&raw, ns, &path) {
        Ok(event) => Ok(ImportedEvent {
            index,
            event,
            event_hash: hasher.hash(&raw).hash,
        }),
        Err(mut problems) => {
            problems.truncate(MAX_PROBLEMS);
            Err(RejectedEvent { index, problems })
        }
    }
}

fn read_stream<'de, D>(
    de: D,
    threads: usize,
    mut each: impl FnMut(Item) -> Result<()>,
) -> Result<(DocumentHeader, usize)>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    let mut state = State {
        each: &mut each,
        hasher: StreamHasher::new(CbvVersion::Cbv20, &Value::Null),
        context: Value::Null,
        threads,
        #[cfg(not(target_arch = "wasm32"))]
        workers: None,
        namespaces: None,
        pending: Vec::new(),
        count: 0,
        failure: None,
        lists: 0,
    };
    let top = DocumentSeed { state: &mut state }.deserialize(de);
    // The events still with the workers go to the callback before anything else happens,
    // also when the document broke off: what was read is never lost.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(workers) = state.workers.take()
        && state.failure.is_none()
        && let Err(e) = workers.finish(&mut state.each)
    {
        state.failure = Some(e);
    }
    if let Some(failure) = state.failure.take() {
        return Err(failure);
    }
    let top = top.map_err(|e| not_json(&e))?;
    let (kind, fields) = header(top, &mut state)?;
    let namespaces = state
        .namespaces
        .clone()
        .unwrap_or_else(Namespaces::standard);
    Ok((
        DocumentHeader {
            kind,
            fields,
            namespaces,
        },
        state.count,
    ))
}

fn not_json(e: &serde_json::Error) -> Error {
    Problem::new("$", "not_json", format!("not JSON: {e}")).into_error()
}

struct State<'s, 'f> {
    each: &'s mut Each<'f>,
    /// The event hash in the document's `@context`.
    hasher: StreamHasher,
    /// The document's `@context`, for the workers' hashers.
    context: Value,
    /// At most this many threads read events.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    threads: usize,
    /// The threads that read and hash events of a long document.
    #[cfg(not(target_arch = "wasm32"))]
    workers: Option<super::workers::Workers>,
    namespaces: Option<Namespaces>,
    /// Events read before the document's `@context`.
    pending: Vec<(EventPath, Value)>,
    count: usize,
    /// The first error of the callback or of the context; it ends the reading.
    failure: Option<Error>,
    /// Event lists seen (a document has one).
    lists: usize,
}

impl State<'_, '_> {
    fn set_context(&mut self, context: Value) -> Result<()> {
        let ns = Namespaces::standard()
            .with_context(&context, "$.@context")
            .map_err(Problem::into_error)?;
        self.namespaces = Some(ns);
        self.hasher = StreamHasher::new(CbvVersion::Cbv20, &context);
        self.context = context;
        for (path, event) in std::mem::take(&mut self.pending) {
            self.event(path, event)?;
        }
        Ok(())
    }

    fn event(&mut self, path: EventPath, raw: Value) -> Result<()> {
        let Some(ns) = &self.namespaces else {
            self.pending.push((path, raw));
            return Ok(());
        };
        let index = self.count;
        self.count += 1;
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(workers) = &mut self.workers {
            return workers.push(
                index,
                path,
                super::workers::Event::Parsed(raw),
                &mut self.each,
            );
        }
        (self.each)(check(ns, &self.hasher, index, path, raw))?;
        #[cfg(not(target_arch = "wasm32"))]
        if index + 1 == super::workers::WORTH_THREADS {
            self.workers = super::workers::Workers::start(ns, &self.context, self.threads);
        }
        Ok(())
    }

    /// Whether the next event is better read as text, for a worker to parse.
    #[cfg(not(target_arch = "wasm32"))]
    fn wants_text(&self) -> bool {
        self.workers.is_some()
    }

    /// An event's text, for the workers (see [`State::wants_text`]).
    #[cfg(not(target_arch = "wasm32"))]
    fn event_text(
        &mut self,
        path: EventPath,
        text: Box<serde_json::value::RawValue>,
    ) -> Result<()> {
        let Some(workers) = &mut self.workers else {
            // Not asked for without workers; read here all the same.
            let raw = serde_json::from_str(text.get()).map_err(|e| not_json(&e))?;
            return self.event(path, raw);
        };
        let index = self.count;
        self.count += 1;
        workers.push(
            index,
            path,
            super::workers::Event::Text(text),
            &mut self.each,
        )
    }

    fn fail<E: serde::de::Error>(&mut self, error: Error) -> E {
        let message = error.to_string();
        self.failure = Some(error);
        E::custom(message)
    }
}

/// The top-level object: header fields are kept as values, the body is streamed.
struct DocumentSeed<'a, 's, 'f> {
    state: &'a mut State<'s, 'f>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, '_> {
    type Value = Map<String, Value>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, '_> {
    type Value = Map<String, Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an EPCIS document (a JSON object)")
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut top = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "@context" => {
                    let context: Value = map.next_value()?;
                    if let Err(e) = self.state.set_context(context.clone()) {
                        return Err(self.state.fail(e));
                    }
                    top.insert(key, context);
                }
                "epcisBody" => {
                    let body = map.next_value_seed(BodySeed {
                        state: self.state,
                        path: "$.epcisBody",
                    })?;
                    top.insert(key, Value::Object(body));
                }
                _ => {
                    let v: Value = map.next_value()?;
                    top.insert(key, v);
                }
            }
        }
        Ok(top)
    }
}

/// `epcisBody`, `queryResults` and `resultsBody`: objects whose event list is streamed.
struct BodySeed<'a, 's, 'f> {
    state: &'a mut State<'s, 'f>,
    path: &'static str,
}

impl<'de> DeserializeSeed<'de> for BodySeed<'_, '_, '_> {
    type Value = Map<String, Value>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BodySeed<'_, '_, '_> {
    type Value = Map<String, Value>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object at {}", self.path)
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let inner = match (self.path, key.as_str()) {
                ("$.epcisBody", "queryResults") => Some("$.epcisBody.queryResults"),
                ("$.epcisBody.queryResults", "resultsBody") => {
                    Some("$.epcisBody.queryResults.resultsBody")
                }
                _ => None,
            };
            if let Some(path) = inner {
                let v = map.next_value_seed(BodySeed {
                    state: self.state,
                    path,
                })?;
                out.insert(key, Value::Object(v));
            } else if key == "eventList" && self.path != "$.epcisBody.queryResults" {
                self.state.lists += 1;
                // The two bodies whose event list is streamed (see the condition above).
                let path = if self.path == "$.epcisBody" {
                    "$.epcisBody.eventList"
                } else {
                    "$.epcisBody.queryResults.resultsBody.eventList"
                };
                map.next_value_seed(ListSeed {
                    state: self.state,
                    path,
                })?;
                // A marker: the list was there and was streamed.
                out.insert(key, Value::Array(Vec::new()));
            } else {
                let v: Value = map.next_value()?;
                out.insert(key, v);
            }
        }
        Ok(out)
    }
}

struct ListSeed<'a, 's, 'f> {
    state: &'a mut State<'s, 'f>,
    path: &'static str,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of events at {}", self.path)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let path = EventPath {
                list: self.path,
                index: Some(i),
            };
            #[cfg(not(target_arch = "wasm32"))]
            let done = if self.state.wants_text() {
                match seq.next_element::<Box<serde_json::value::RawValue>>()? {
                    Some(text) => self.state.event_text(path, text),
                    None => break,
                }
            } else {
                match seq.next_element::<Value>()? {
                    Some(event) => self.state.event(path, event),
                    None => break,
                }
            };
            #[cfg(target_arch = "wasm32")]
            let done = match seq.next_element::<Value>()? {
                Some(event) => self.state.event(path, event),
                None => break,
            };
            if let Err(e) = done {
                return Err(self.state.fail(e));
            }
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(self.state.fail(
            Problem::new(
                self.path,
                "wrong_type",
                "the event list is a list, not an object",
            )
            .into_error(),
        ))
    }
}

/// Checks the document around the events and gives its header in normal form.
fn header(
    top: Map<String, Value>,
    state: &mut State,
) -> Result<(DocumentKind, Map<String, Value>)> {
    let bad = |path: &str, rule: &'static str, message: String| {
        Err(Problem::new(path, rule, message).into_error())
    };
    if !top.contains_key("@context") {
        return bad(
            "$.@context",
            "missing_context",
            "an EPCIS 2.0 JSON-LD document needs an @context naming the EPCIS context".into(),
        );
    }
    let kind = match top.get("type").and_then(Value::as_str) {
        Some("EPCISDocument") => DocumentKind::Capture,
        Some("EPCISQueryDocument") => DocumentKind::Query,
        Some(t)
            if EVENT_TYPES.contains(&t) || (t.contains(':') && !top.contains_key("epcisBody")) =>
        {
            DocumentKind::Event
        }
        Some(t) => {
            return bad(
                "$.type",
                "not_epcis",
                format!("{t:?} is not EPCISDocument, EPCISQueryDocument or an event type"),
            );
        }
        None => {
            return bad(
                "$.type",
                "missing_field",
                "an EPCIS document needs a type".into(),
            );
        }
    };
    if kind == DocumentKind::Event {
        // The whole object is the event; it was not streamed. Its @context has been read
        // into the state's namespaces, which the event is read with.
        let mut event = top;
        event.remove("@context");
        state.event(EventPath::LONE, Value::Object(event))?;
        return Ok((DocumentKind::Event, Map::new()));
    }
    if state.lists != 1 {
        let path = match kind {
            DocumentKind::Query => "$.epcisBody.queryResults.resultsBody.eventList",
            _ => "$.epcisBody.eventList",
        };
        return bad(
            path,
            "missing_field",
            "the document holds no event list".into(),
        );
    }
    let ns = state
        .namespaces
        .clone()
        .unwrap_or_else(Namespaces::standard);
    let mut fields = Map::new();
    let mut problems = Vec::new();
    for (key, v) in &top {
        let path = format!("$.{key}");
        match key.as_str() {
            "@context" | "type" | "epcisBody" => {}
            "schemaVersion" => match v.as_str() {
                Some(s) if !s.is_empty() && s.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) => {
                    fields.insert(key.clone(), v.clone());
                }
                _ => problems.push(Problem::new(path, "wrong_type", "schemaVersion is a version such as \"2.0\"")),
            },
            "creationDate" => match v.as_str() {
                Some(s) if time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok() => {
                    fields.insert(key.clone(), v.clone());
                }
                _ => problems.push(Problem::new(path, "invalid_time", format!("{v} is not a date and time with a UTC offset"))),
            },
            "id" => match v.as_str() {
                Some(s) if is_uri(s) => {
                    fields.insert(key.clone(), v.clone());
                }
                _ => problems.push(Problem::new(path, "invalid_uri", format!("{v} is not an absolute URI"))),
            },
            "instanceIdentifier" | "sender" | "receiver" if kind == DocumentKind::Capture => match v {
                Value::String(_) => {
                    fields.insert(key.clone(), v.clone());
                }
                _ => problems.push(Problem::new(path, "wrong_type", format!("{key} is a string, not {}", json_type(v)))),
            },
            "epcisHeader" if kind == DocumentKind::Capture => match v {
                Value::Object(_) => {
                    fields.insert(key.clone(), expand_keys(v, &ns));
                }
                _ => problems.push(Problem::new(path, "wrong_type", "epcisHeader is an object")),
            },
            _ => match ns.expand_key(key) {
                Some(iri) => {
                    fields.insert(iri, expand_keys(v, &ns));
                }
                None => problems.push(Problem::new(path, "unknown_field", format!("{key:?} is not a field of an EPCIS document, and an extension field needs a namespace"))),
            },
        }
    }
    if kind == DocumentKind::Capture {
        for required in ["schemaVersion", "creationDate"] {
            if !top.contains_key(required) {
                problems.push(Problem::new(
                    format!("$.{required}"),
                    "missing_field",
                    format!("an EPCIS document needs {required}"),
                ));
            }
        }
    }
    if kind == DocumentKind::Query {
        let results = top.get("epcisBody").and_then(|b| b.get("queryResults"));
        for key in ["queryName", "subscriptionID"] {
            match results.and_then(|r| r.get(key)) {
                Some(Value::String(s)) => {
                    fields.insert(key.into(), Value::String(s.clone()));
                }
                Some(_) => problems.push(Problem::new(
                    format!("$.epcisBody.queryResults.{key}"),
                    "wrong_type",
                    format!("{key} is a string"),
                )),
                None if key == "queryName" => problems.push(Problem::new(
                    "$.epcisBody.queryResults.queryName",
                    "missing_field",
                    "query results name their query",
                )),
                None => {}
            }
        }
    }
    match problems.into_iter().next() {
        Some(p) => Err(p.into_error()),
        None => Ok((kind, fields)),
    }
}

/// A header value with its namespaced keys expanded, at any depth.
fn expand_keys(v: &Value, ns: &Namespaces) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "@context")
                .map(|(k, v)| {
                    (
                        ns.expand_key(k).unwrap_or_else(|| k.clone()),
                        expand_keys(v, ns),
                    )
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|i| expand_keys(i, ns)).collect()),
        other => other.clone(),
    }
}
