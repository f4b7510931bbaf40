//! An EPCIS 2.0 event that has been read and checked: [`EpcisEvent`].

use serde_json::{Map, Value};

use super::context::Namespaces;
use super::normal::Reader;
use crate::codec::MAX_EXTENSION_DEPTH;
use crate::error::{Error, Result};
use crate::time::Timestamp;
use crate::vocab::{BizStep, Disposition};

/// An EPCIS 2.0 event that satisfies every rule of the standard's JSON schema, held in its
/// normal form (see [`EpcisEvent::to_json`]): the same event written with other prefixes,
/// CURIEs, key order or term forms is the same `EpcisEvent`.
///
/// ```
/// use tracemark::epcis::EpcisEvent;
/// let event = EpcisEvent::from_json(&serde_json::json!({
///     "@context": {"ex": "https://example.com/ns/"},
///     "type": "ObjectEvent", "action": "OBSERVE",
///     "eventTime": "2026-07-22T06:45:00+02:00", "eventTimeZoneOffset": "+02:00",
///     "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"],
///     "bizStep": "urn:epcglobal:cbv:bizstep:shipping", "ex:temperature": 4.5}))?;
/// assert_eq!(event.event_type(), "ObjectEvent");
/// assert_eq!(event.biz_step().map(|s| s.to_string()).as_deref(), Some("shipping"));
/// assert_eq!(event.to_json()["https://example.com/ns/temperature"], 4.5);
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EpcisEvent {
    fields: Map<String, Value>,
    /// `eventTime`, parsed when the event was read.
    time: Timestamp,
}

/// The lists of identifiers an event can name, by the role they play.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdentifierRole {
    /// `epcList` of an object or transaction event.
    Epc,
    /// `parentID` of an aggregation, transaction or association event.
    Parent,
    /// `childEPCs` of an aggregation or association event.
    Child,
    /// `inputEPCList` of a transformation.
    Input,
    /// `outputEPCList` of a transformation.
    Output,
}

impl IdentifierRole {
    fn field(self) -> &'static str {
        match self {
            IdentifierRole::Epc => "epcList",
            IdentifierRole::Parent => "parentID",
            IdentifierRole::Child => "childEPCs",
            IdentifierRole::Input => "inputEPCList",
            IdentifierRole::Output => "outputEPCList",
        }
    }

    fn quantity_field(self) -> Option<&'static str> {
        match self {
            IdentifierRole::Epc => Some("quantityList"),
            IdentifierRole::Child => Some("childQuantityList"),
            IdentifierRole::Input => Some("inputQuantityList"),
            IdentifierRole::Output => Some("outputQuantityList"),
            IdentifierRole::Parent => None,
        }
    }
}

impl EpcisEvent {
    /// Reads one event in EPCIS 2.0 JSON-LD (with its own `@context`, if it has one). `Err`
    /// (`invalid_epcis`) names the first problem; [`crate::epcis::import`] reports them all.
    pub fn from_json(value: &Value) -> Result<EpcisEvent> {
        EpcisEvent::read(value, &Namespaces::standard(), &"$")
            .map_err(|mut problems| problems.swap_remove(0).into_error())
    }

    /// Reads an event at `path` of a document with namespaces `ns`, collecting every problem.
    /// The path is written out only for a problem.
    pub(crate) fn read(
        value: &Value,
        ns: &Namespaces,
        path: &dyn std::fmt::Display,
    ) -> std::result::Result<EpcisEvent, Vec<super::Problem>> {
        let mut reader = Reader::new();
        match reader.event(value, ns, path) {
            Some(fields)
                if 1 + fields.values().map(depth).max().unwrap_or(0) > MAX_EXTENSION_DEPTH =>
            {
                Err(vec![super::Problem::new(
                    path.to_string(),
                    "limit_exceeded",
                    format!("the event is nested deeper than {MAX_EXTENSION_DEPTH}"),
                )])
            }
            Some(fields) => {
                let time = fields
                    .get("eventTime")
                    .and_then(Value::as_str)
                    .and_then(|t| t.parse().ok());
                match time {
                    Some(time) => Ok(EpcisEvent { fields, time }),
                    // The reader checked the time; this keeps the type honest without a panic.
                    None => Err(vec![super::Problem::new(
                        format!("{path}.eventTime"),
                        "invalid_time",
                        "the event time cannot be read",
                    )]),
                }
            }
            None => Err(reader.problems),
        }
    }

    /// An event from its normal form, as [`EpcisEvent::to_json`] gives it. `Err` when the value
    /// breaks a rule or is not in normal form (`decode_non_canonical`).
    pub fn from_normal_json(value: &Value) -> Result<EpcisEvent> {
        // No prefixes: in normal form every key and term is already a full IRI or a word.
        let event = EpcisEvent::read(value, &Namespaces::default(), &"$")
            .map_err(|mut problems| problems.swap_remove(0).into_error())?;
        if value.as_object() != Some(&event.fields) {
            return Err(Error::NonCanonical(
                "an EPCIS event in a record is stored in normal form".into(),
            ));
        }
        Ok(event)
    }

    /// The normal form: no `@context`; extension keys as full IRIs; standard terms as bare
    /// words (`shipping`), others as full URIs; identifiers, times and numbers as written.
    pub fn to_json(&self) -> Value {
        Value::Object(self.fields.clone())
    }

    /// The fields of the normal form.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// `ObjectEvent`, `AggregationEvent`, `TransactionEvent`, `TransformationEvent`,
    /// `AssociationEvent`, or the URI of an extended event type.
    pub fn event_type(&self) -> &str {
        self.text("type").unwrap_or_default()
    }

    /// When it happened.
    pub fn event_time(&self) -> Timestamp {
        self.time
    }

    /// The local time zone offset where it happened, `±HH:MM`.
    pub fn time_zone_offset(&self) -> &str {
        self.text("eventTimeZoneOffset").unwrap_or_default()
    }

    /// `OBSERVE`, `ADD` or `DELETE` (a transformation has none).
    pub fn action(&self) -> Option<&str> {
        self.text("action")
    }

    /// The event's own id (`eventID`), when it has one.
    pub fn event_id(&self) -> Option<&str> {
        self.text("eventID")
    }

    /// The business step.
    pub fn biz_step(&self) -> Option<BizStep> {
        self.text("bizStep").and_then(|s| BizStep::parse(s).ok())
    }

    /// The disposition.
    pub fn disposition(&self) -> Option<Disposition> {
        self.text("disposition")
            .and_then(|s| Disposition::parse(s).ok())
    }

    /// Where it was observed.
    pub fn read_point(&self) -> Option<&str> {
        self.fields.get("readPoint")?.get("id")?.as_str()
    }

    /// Where the goods are afterwards.
    pub fn biz_location(&self) -> Option<&str> {
        self.fields.get("bizLocation")?.get("id")?.as_str()
    }

    /// Whether the event declares an earlier event in error.
    pub fn is_error_declaration(&self) -> bool {
        self.fields.contains_key("errorDeclaration")
    }

    /// The identifiers in one role, as written (EPC URIs or Digital Links).
    pub fn identifiers(&self, role: IdentifierRole) -> Vec<&str> {
        match self.fields.get(role.field()) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(one)) => vec![one],
            _ => Vec::new(),
        }
    }

    /// The class-level quantities in one role: (`epcClass`, quantity, unit of measure).
    pub fn quantities(
        &self,
        role: IdentifierRole,
    ) -> Vec<(&str, Option<&serde_json::Number>, Option<&str>)> {
        let Some(Value::Array(items)) = role.quantity_field().and_then(|f| self.fields.get(f))
        else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|q| {
                Some((
                    q.get("epcClass")?.as_str()?,
                    q.get("quantity").and_then(Value::as_number),
                    q.get("uom").and_then(Value::as_str),
                ))
            })
            .collect()
    }

    /// The extension fields at the top of the event, keyed by full IRI.
    pub fn extensions(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.fields
            .iter()
            .filter(|(k, _)| k.contains(':'))
            .map(|(k, v)| (k.as_str(), v))
    }

    /// Every full-IRI key of the event, at any level (the namespaces an export must cover).
    pub fn extension_iris(&self) -> Vec<String> {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    for (k, v) in map {
                        if k.contains(':') {
                            out.push(k.clone());
                        }
                        walk(v, out);
                    }
                }
                Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for v in self.fields.values() {
            walk(v, &mut out);
        }
        out.extend(self.fields.keys().filter(|k| k.contains(':')).cloned());
        out
    }

    /// The value of any field of the normal form.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.get(field)
    }

    fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field).and_then(Value::as_str)
    }
}

/// How deeply a value nests (a scalar is 0, as the record model counts).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}
