//! EPCIS 2.0 import and export, and the GS1 event hash (full build only).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;
#[cfg(feature = "json")]
use crate::errors::{from_value, to_value};

/// The hash of every event of an EPCIS 2.0 JSON or JSON-LD document, in document order:
/// `[{hash, prehash}, …]`. `cbvVersion` is "2.0" (default) or "2.1".
#[wasm_bindgen(js_name = eventHashes)]
pub fn event_hashes(document: &str, cbv_version: Option<String>) -> Result<Array, JsValue> {
    let version = cbv_version.as_deref().unwrap_or("2.0").parse().js()?;
    let out = Array::new();
    for h in tracemark::epcis::event_hashes(document, version).js()? {
        let o = Object::new();
        Reflect::set(&o, &"hash".into(), &h.hash.into())?;
        Reflect::set(&o, &"prehash".into(), &h.prehash.into())?;
        out.push(&o);
    }
    Ok(out)
}

/// What reading an EPCIS document gave: its header, the events kept and the events rejected.
#[cfg(feature = "json")]
#[wasm_bindgen]
pub struct EpcisImport(tracemark::epcis::EpcisImport);

#[cfg(feature = "json")]
#[wasm_bindgen]
impl EpcisImport {
    /// `capture` (an EPCISDocument), `query` (an EPCISQueryDocument) or `event` (a lone event).
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        use tracemark::epcis::DocumentKind as K;
        match self.0.header.kind {
            K::Capture => "capture",
            K::Query => "query",
            K::Event => "event",
        }
        .into()
    }

    /// The header fields other than the events (`schemaVersion`, `creationDate`, …).
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> Result<JsValue, JsValue> {
        to_value(&self.0.header.fields)
    }

    /// The prefixes the document declared: `{ prefix: iri }`.
    #[wasm_bindgen(getter)]
    pub fn namespaces(&self) -> Result<JsValue, JsValue> {
        let declared: std::collections::BTreeMap<&str, &str> =
            self.0.header.namespaces.declared().collect();
        to_value(&declared)
    }

    /// The events kept, in document order: `[{ index, eventHash, eventType, event }]`, `event`
    /// in normal form.
    #[wasm_bindgen(getter)]
    pub fn events(&self) -> Result<Array, JsValue> {
        let out = Array::new();
        for e in &self.0.events {
            let o = Object::new();
            Reflect::set(&o, &"index".into(), &(e.index as f64).into())?;
            Reflect::set(&o, &"eventHash".into(), &e.event_hash.as_str().into())?;
            Reflect::set(&o, &"eventType".into(), &e.event.event_type().into())?;
            Reflect::set(&o, &"event".into(), &to_value(e.event.fields())?)?;
            out.push(&o);
        }
        Ok(out)
    }

    /// The events rejected, in document order: `[{ index, problems: [{ path, rule, message }] }]`.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> Result<Array, JsValue> {
        let out = Array::new();
        for r in &self.0.rejected {
            let problems = Array::new();
            for p in &r.problems {
                let o = Object::new();
                Reflect::set(&o, &"path".into(), &p.path.as_str().into())?;
                Reflect::set(&o, &"rule".into(), &p.rule.into())?;
                Reflect::set(&o, &"message".into(), &p.message.as_str().into())?;
                problems.push(&o);
            }
            let o = Object::new();
            Reflect::set(&o, &"index".into(), &(r.index as f64).into())?;
            Reflect::set(&o, &"problems".into(), &problems)?;
            out.push(&o);
        }
        Ok(out)
    }

    /// How many events the document holds.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> f64 {
        self.0.total as f64
    }

    /// Whether every event was read.
    #[wasm_bindgen(js_name = isComplete)]
    pub fn is_complete(&self) -> bool {
        self.0.is_complete()
    }

    /// Writes `events` (as `events` gives them, or normal-form event objects) as one EPCIS 2.0
    /// JSON-LD document with this document's header and prefixes (a query document stays
    /// one; a lone event gets a capture document created at `creationDate`, default now).
    pub fn export(&self, events: Array, creation_date: Option<String>) -> Result<String, JsValue> {
        let date = creation_date.unwrap_or_else(now);
        write(events, &self.0.header.as_document(&date))
    }
}

/// Reads an EPCIS 2.0 document (JSON or JSON-LD): a capture or query document, or one event
/// with its own `@context`. By default one bad event keeps nothing; `keepValid` keeps the rest.
/// Throws `InvalidInputError` (`invalid_epcis`, with `.rule` and `.path`) only when the document
/// as a whole cannot be read.
#[cfg(feature = "json")]
#[wasm_bindgen(js_name = importEpcis)]
pub fn import_epcis(document: &str, keep_valid: Option<bool>) -> Result<EpcisImport, JsValue> {
    use tracemark::epcis::ImportMode;
    let mode = if keep_valid.unwrap_or(false) {
        ImportMode::KeepValid
    } else {
        ImportMode::AllOrNothing
    };
    tracemark::epcis::import(document, mode)
        .js()
        .map(EpcisImport)
}

/// Writes `events` (normal-form event objects, or what `EpcisImport.events` gives) as one
/// EPCIS 2.0 JSON-LD capture document created at `creationDate` (RFC 3339; default now).
#[cfg(feature = "json")]
#[wasm_bindgen(js_name = exportEpcis)]
pub fn export_epcis(events: Array, creation_date: Option<String>) -> Result<String, JsValue> {
    let date = creation_date.unwrap_or_else(now);
    write(events, &tracemark::epcis::DocumentHeader::capture(&date))
}

#[cfg(feature = "json")]
fn write(events: Array, header: &tracemark::epcis::DocumentHeader) -> Result<String, JsValue> {
    let list = events
        .iter()
        .map(|e| event_of(&e))
        .collect::<Result<Vec<_>, _>>()?;
    tracemark::epcis::export(header, &list).js()
}

/// A normal-form event object, or an item of `EpcisImport.events` (which carries the event
/// under `event`).
#[cfg(feature = "json")]
fn event_of(item: &JsValue) -> Result<tracemark::epcis::EpcisEvent, JsValue> {
    let inner = Reflect::get(item, &"event".into())?;
    let value = if inner.is_object() {
        inner
    } else {
        item.clone()
    };
    let json: serde_json::Value = from_value(value)?;
    tracemark::epcis::EpcisEvent::from_normal_json(&json).js()
}

/// An EPCIS 2.0 event query: the parameters of a `SimpleEventQuery` as JSON text or an object
/// (`MATCH_epc`, `GE_eventTime`, `EQ_bizStep`, `orderBy`, `eventCountLimit`, ...). Throws
/// `InvalidInputError` (`invalid_epcis`, with `.rule` and `.path`) at the first bad parameter.
#[cfg(feature = "json")]
#[wasm_bindgen]
pub struct EventQuery(tracemark::epcis::EventQuery);

#[cfg(feature = "json")]
#[wasm_bindgen]
impl EventQuery {
    #[wasm_bindgen(constructor)]
    pub fn new(query: JsValue) -> Result<EventQuery, JsValue> {
        use tracemark::epcis::EventQuery as Query;
        let parsed = match query.as_string() {
            Some(text) => Query::parse(&text),
            None => Query::from_json(&from_value(query)?)
                .map_err(|mut problems| problems.remove(0).into_error()),
        };
        parsed.js().map(EventQuery)
    }

    /// Whether the event (a normal-form object or an item of `EpcisImport.events`) satisfies
    /// every parameter.
    pub fn matches(&self, event: JsValue) -> Result<bool, JsValue> {
        Ok(self.0.matches(&event_of(&event)?))
    }

    /// The events that match, ordered and cut as the query says: the same objects as given.
    /// Throws `InvalidInputError` (rule `query_too_large`) beyond `maxEventCount`.
    pub fn run(&self, events: Array) -> Result<Array, JsValue> {
        let items: Vec<JsValue> = events.iter().collect();
        let list = items.iter().map(event_of).collect::<Result<Vec<_>, _>>()?;
        let hits = self.0.run(&list).js()?;
        // Each hit is an element of `list`: its position picks the object it came from.
        let base = list.as_ptr() as usize;
        let size = std::mem::size_of::<tracemark::epcis::EpcisEvent>().max(1);
        let out = Array::new();
        for h in hits {
            if let Some(item) = (std::ptr::from_ref(h) as usize)
                .checked_sub(base)
                .and_then(|d| items.get(d / size))
            {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// The query document as given.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_value(&self.0.to_json())
    }
}

#[cfg(feature = "json")]
fn now() -> String {
    let millis = js_sys::Date::now() as i64;
    tracemark::time::Timestamp::from_unix_millis(millis)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
