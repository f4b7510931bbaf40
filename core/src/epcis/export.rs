//! Writing events as an EPCIS 2.0 JSON-LD document that validates against the EPCIS 2.0.1
//! JSON schema and reads back to the same events.
//!
//! Extension keys are written as compact IRIs with the prefixes of the document they came
//! from, plus generated ones (`ns1`, …) for namespaces no prefix covers; standard terms are
//! written as bare words. [`ExportWriter`] writes event by event, so a document of any size
//! is written in bounded memory; it can only use prefixes declared up front, so a key no
//! prefix covers is written as its full IRI, which is equally valid.

use std::io::Write;

use serde_json::{Map, Value};

use super::context::{EPCIS_CONTEXT, Namespaces};
use super::document::{DocumentHeader, DocumentKind};
use super::event::EpcisEvent;
use super::problem::Problem;
use super::terms;
use crate::error::{Error, Result};

/// The events as one EPCIS 2.0 JSON-LD document (a capture document, or query results when
/// the header is a query document's), with prefixes for every extension namespace.
///
/// ```
/// use tracemark::epcis::{DocumentHeader, ImportMode, export, import};
/// let doc = r#"{"@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
///     {"ex": "https://example.com/ns/"}],
///   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
///   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
///     "eventTime": "2026-07-22T06:45:00+02:00", "eventTimeZoneOffset": "+02:00",
///     "epcList": ["https://id.gs1.org/01/09521141012345/21/2017"], "ex:note": "cold"}]}}"#;
/// let read = import(doc, ImportMode::AllOrNothing)?;
/// let events: Vec<_> = read.events.iter().map(|e| e.event.clone()).collect();
/// let written = export(&read.header, &events)?;
/// assert!(written.contains(r#""ex:note":"cold""#));
/// let again = import(&written, ImportMode::AllOrNothing)?;
/// assert_eq!(again.events[0].event, events[0]);
/// # Ok::<(), tracemark::Error>(())
/// ```
pub fn export(header: &DocumentHeader, events: &[EpcisEvent]) -> Result<String> {
    let mut namespaces = header.namespaces.clone();
    let keys: Vec<String> = events.iter().flat_map(EpcisEvent::extension_iris).collect();
    namespaces.cover(keys.iter().map(String::as_str));
    let mut writer = ExportWriter::with_namespaces(Vec::new(), header, namespaces)?;
    for event in events {
        writer.write(event)?;
    }
    let bytes = writer.finish()?;
    String::from_utf8(bytes).map_err(|e| Error::InvalidValue(format!("export: {e}")))
}

/// Writes an EPCIS 2.0 JSON-LD document event by event.
pub struct ExportWriter<W: Write> {
    out: W,
    namespaces: Namespaces,
    closing: &'static str,
    count: usize,
}

impl<W: Write> ExportWriter<W> {
    /// Starts a document with the header's fields and prefixes.
    pub fn new(out: W, header: &DocumentHeader) -> Result<ExportWriter<W>> {
        ExportWriter::with_namespaces(out, header, header.namespaces.clone())
    }

    fn with_namespaces(
        mut out: W,
        header: &DocumentHeader,
        namespaces: Namespaces,
    ) -> Result<ExportWriter<W>> {
        let mut context = vec![Value::String(EPCIS_CONTEXT.into())];
        for (prefix, iri) in namespaces.declared() {
            let mut def = Map::new();
            def.insert(prefix.to_owned(), Value::String(iri.to_owned()));
            context.push(Value::Object(def));
        }
        let query = header.kind == DocumentKind::Query;
        let mut top = Map::new();
        top.insert("@context".into(), Value::Array(context));
        top.insert(
            "type".into(),
            Value::String(
                if query {
                    "EPCISQueryDocument"
                } else {
                    "EPCISDocument"
                }
                .into(),
            ),
        );
        for (k, v) in &header.fields {
            match k.as_str() {
                "queryName" | "subscriptionID" => {}
                "sender" | "receiver" | "instanceIdentifier" | "epcisHeader" if query => {}
                _ => {
                    top.insert(namespaces.compact_key(k), compact(v, &namespaces));
                }
            }
        }
        top.entry("schemaVersion")
            .or_insert_with(|| Value::String("2.0".into()));
        if !top.contains_key("creationDate") {
            return Err(Problem::new(
                "$.creationDate",
                "missing_field",
                "an EPCIS document needs a creationDate in its header (DocumentHeader::as_document gives a lone event one)",
            )
            .into_error());
        }
        let head = serde_json::to_string(&top).map_err(|e| Error::InvalidValue(e.to_string()))?;
        // `head` is a JSON object; the body goes before its closing brace.
        let head = head.strip_suffix('}').unwrap_or(&head);
        let (open, closing) = if query {
            let mut results = Map::new();
            results.insert(
                "queryName".into(),
                header
                    .fields
                    .get("queryName")
                    .cloned()
                    .unwrap_or_else(|| Value::String("SimpleEventQuery".into())),
            );
            if let Some(id) = header.fields.get("subscriptionID") {
                results.insert("subscriptionID".into(), id.clone());
            }
            let results =
                serde_json::to_string(&results).map_err(|e| Error::InvalidValue(e.to_string()))?;
            let results = results.strip_suffix('}').unwrap_or(&results).to_owned();
            (
                format!(r#","epcisBody":{{"queryResults":{results},"resultsBody":{{"eventList":["#),
                "]}}}}",
            )
        } else {
            (r#","epcisBody":{"eventList":["#.to_owned(), "]}}")
        };
        out.write_all(head.as_bytes()).map_err(io)?;
        out.write_all(open.as_bytes()).map_err(io)?;
        Ok(ExportWriter {
            out,
            namespaces,
            closing,
            count: 0,
        })
    }

    /// Appends one event.
    pub fn write(&mut self, event: &EpcisEvent) -> Result<()> {
        if self.count > 0 {
            self.out.write_all(b",").map_err(io)?;
        }
        let mut json = compact(&event.to_json(), &self.namespaces);
        unlisted_measurement_types(&mut json);
        serde_json::to_writer(&mut self.out, &json).map_err(|e| io(std::io::Error::other(e)))?;
        self.count += 1;
        Ok(())
    }

    /// How many events have been written.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Closes the document and gives back the writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.write_all(self.closing.as_bytes()).map_err(io)?;
        self.out.flush().map_err(io)?;
        Ok(self.out)
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Io(format!("writing the EPCIS document: {e}"))
}

/// The fields whose values are vocabulary terms: a URI there is written compactly too, as
/// senders do (`ext:my_step`), which also keeps the event hash of such an event as the sender
/// computed it (the reference hashes a CURIE in these fields as written).
const TERM_FIELDS: [&str; 8] = [
    "type",
    "bizStep",
    "disposition",
    "reason",
    "component",
    "exception",
    "set",
    "unset",
];

/// A normal-form value with every IRI key (and every URI term of a standard field) written
/// compactly. Inside an extension value nothing but keys changes: its strings are data.
fn compact(v: &Value, ns: &Namespaces) -> Value {
    compact_in(v, ns, false)
}

fn compact_in(v: &Value, ns: &Namespaces, extension: bool) -> Value {
    let term = |t: &str| Value::String(ns.compact(t));
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let inner = extension || k.contains(':');
                    let v = match v {
                        Value::String(t)
                            if !inner && TERM_FIELDS.contains(&k.as_str()) && t.contains(':') =>
                        {
                            term(t)
                        }
                        Value::Array(items) if !inner && matches!(k.as_str(), "set" | "unset") => {
                            Value::Array(
                                items
                                    .iter()
                                    .map(|i| match i {
                                        Value::String(t) if t.contains(':') => term(t),
                                        other => other.clone(),
                                    })
                                    .collect(),
                            )
                        }
                        other => compact_in(other, ns, inner),
                    };
                    (ns.compact_key(k), v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| compact_in(i, ns, extension)).collect())
        }
        other => other.clone(),
    }
}

/// A measurement type the EPCIS 2.0.1 schema does not list is written as the compact IRI
/// `gs1:Word`: the IRI the bare word stands for under the EPCIS context, in the one form of
/// it the schema accepts.
fn unlisted_measurement_types(event: &mut Value) {
    let Some(Value::Array(elements)) = event.get_mut("sensorElementList") else {
        return;
    };
    for element in elements {
        let Some(Value::Array(reports)) = element.get_mut("sensorReport") else {
            continue;
        };
        for report in reports {
            if let Some(Value::String(t)) = report.get_mut("type")
                && !t.contains(':')
                && !terms::MEASUREMENT_TYPE.lists(t)
            {
                *t = format!("gs1:{t}");
            }
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::epcis::{ImportMode, import};

    #[test]
    fn strings_inside_extensions_are_data_not_terms() {
        let doc = r#"{"@context": [{"ex": "https://example.com/ns/"}],
          "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
          "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
            "eventTime": "2026-07-22T06:45:00+02:00", "eventTimeZoneOffset": "+02:00",
            "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
            "bizStep": "https://example.com/ns/bottling",
            "ex:meta": {"type": "https://example.com/ns/zzz", "set": ["https://example.com/ns/a"]}}]}}"#;
        let read = import(doc, ImportMode::AllOrNothing).unwrap();
        let events: Vec<EpcisEvent> = read.events.iter().map(|e| e.event.clone()).collect();
        let written = export(&read.header, &events).unwrap();
        assert!(written.contains(r#""bizStep":"ex:bottling""#), "{written}");
        assert!(
            written.contains(r#""type":"https://example.com/ns/zzz""#),
            "{written}"
        );
        let again = import(&written, ImportMode::AllOrNothing).unwrap();
        assert_eq!(again.events[0].event, events[0]);
    }
}
