//! Reading one EPCIS 2.0 event into its normal form, checking every rule of the EPCIS 2.0.1
//! JSON schema on the way and collecting every problem (not only the first).
//!
//! The normal form is the event as JSON with nothing left to interpret: no `@context`;
//! extension keys (and the keys inside extension values) as full IRIs; standard terms as bare
//! words and other terms as full URIs; everything else exactly as written (identifiers in
//! their EPC URI or Digital Link form, times with their offset and precision, numbers as
//! exact decimals). Two documents that differ only in prefixes, CURIEs, key order or term
//! forms have the same normal events.

use std::fmt;

use serde_json::{Map, Value};

use super::context::{Namespaces, is_uri};
use super::problem::Problem;
use super::shapes::{EVENT_TYPES, Kind, Shape, field_kind, is_standard_field};
use crate::codec::{MAX_EXTENSION_DEPTH, MAX_ITEMS, MAX_TEXT_BYTES};
use crate::record::Decimal;

/// Where a value is: a JSON path, written out only when a problem names it. Reading a valid
/// event (nearly every one) then makes no path at all, where a string per field and per list
/// item was a tenth of an import's time.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    /// The event itself, at this path of its document.
    Root(&'a dyn fmt::Display),
    /// A member of the object at the first.
    Key(&'a At<'a>, &'a str),
    /// An item of the list at the first.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    fn key(&'a self, key: &'a str) -> At<'a> {
        At::Key(self, key)
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At::Index(self, index)
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root(path) => path.fmt(f),
            At::Key(parent, key) => write!(f, "{parent}.{key}"),
            At::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// Reads events and their parts, collecting problems.
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, at: At<'_>, rule: &'static str, message: impl Into<String>) {
        // One event with a million bad fields must not hold a million problems.
        if self.problems.len() < MAX_PROBLEMS {
            self.problems
                .push(Problem::new(at.to_string(), rule, message));
        }
    }

    /// The normal form of the event at `path`, or `None` when a problem was found.
    pub fn event(
        &mut self,
        value: &Value,
        outer: &Namespaces,
        path: &dyn fmt::Display,
    ) -> Option<Map<String, Value>> {
        let path = At::Root(path);
        let before = self.problems.len();
        let Value::Object(map) = value else {
            self.problem(path, "wrong_type", "an event is a JSON object");
            return None;
        };
        let scoped;
        let ns = match map.get("@context") {
            Some(context) => match outer.with_context(context, &path.key("@context").to_string()) {
                Ok(ns) => {
                    scoped = ns;
                    &scoped
                }
                Err(p) => {
                    self.problems.push(p);
                    return None;
                }
            },
            None => outer,
        };
        let event_type = match map.get("type") {
            Some(Value::String(t)) if EVENT_TYPES.contains(&t.as_str()) => t.as_str(),
            Some(Value::String(t)) if t.contains(':') && is_uri(&ns.expand_value(t)) => t.as_str(),
            Some(Value::String(t)) => {
                self.problem(
                    path.key("type"),
                    "unknown_event_type",
                    format!("{t:?} is not an EPCIS event type (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent, or a URI)"),
                );
                return None;
            }
            Some(_) => {
                self.problem(path.key("type"), "wrong_type", "the event type is a string");
                return None;
            }
            None => {
                self.problem(path.key("type"), "missing_field", "an event needs a type");
                return None;
            }
        };
        let standard = EVENT_TYPES.contains(&event_type);
        let mut out = Map::new();
        out.insert(
            "type".into(),
            Value::String(if standard {
                event_type.to_owned()
            } else {
                ns.expand_value(event_type)
            }),
        );
        for (key, v) in map {
            if key == "@context" || key == "type" {
                continue;
            }
            let at = path.key(key);
            match field_kind(event_type, key) {
                Some(kind) => {
                    if let Some(n) = self.value(kind, v, ns, at) {
                        out.insert(key.clone(), n);
                    }
                }
                None if key.contains(':') => self.extension(key, v, ns, at, &mut out),
                None if standard && is_standard_field(key) => self.problem(
                    at,
                    "field_not_allowed",
                    format!("{event_type} has no field {key:?}"),
                ),
                None => self.problem(
                    at,
                    "unknown_field",
                    format!("{key:?} is not a field of {event_type}, and an extension field needs a namespace (prefix:name)"),
                ),
            }
        }
        for required in ["eventTime", "eventTimeZoneOffset"] {
            if !map.contains_key(required) {
                self.problem(
                    path.key(required),
                    "missing_field",
                    format!("every event needs {required}"),
                );
            }
        }
        if standard {
            self.event_rules(event_type, map, path);
        }
        (self.problems.len() == before).then_some(out)
    }

    /// The rules of each event type on which fields go together.
    fn event_rules(&mut self, event_type: &str, map: &Map<String, Value>, path: At<'_>) {
        let has = |k: &str| map.contains_key(k);
        let non_empty = |k: &str| matches!(map.get(k), Some(Value::Array(a)) if !a.is_empty());
        let action = map.get("action").and_then(Value::as_str);
        let require = |this: &mut Reader, k: &str| {
            if !has(k) {
                this.problem(
                    path.key(k),
                    "missing_field",
                    format!("{event_type} needs {k}"),
                );
            }
        };
        match event_type {
            "TransformationEvent" => {
                let ins = non_empty("inputEPCList") || non_empty("inputQuantityList");
                let outs = non_empty("outputEPCList") || non_empty("outputQuantityList");
                if !(ins && outs || (ins || outs) && has("transformationID")) {
                    self.problem(path, "missing_identifiers", "a TransformationEvent needs inputs and outputs, or inputs or outputs and a transformationID");
                }
                return;
            }
            "AssociationEvent" => require(self, "parentID"),
            "TransactionEvent" => require(self, "bizTransactionList"),
            _ => {}
        }
        require(self, "action");
        if event_type == "TransactionEvent"
            && matches!(map.get("bizTransactionList"), Some(Value::Array(a)) if a.is_empty())
        {
            self.problem(
                path.key("bizTransactionList"),
                "empty_list",
                "a TransactionEvent names at least one business transaction",
            );
        }
        let identified = match event_type {
            "ObjectEvent" => {
                has("epcList")
                    || non_empty("quantityList")
                    || non_empty("sensorElementList") && has("readPoint")
            }
            "TransactionEvent" => {
                has("epcList") || non_empty("quantityList") || action == Some("DELETE")
            }
            _ => {
                non_empty("childEPCs") || non_empty("childQuantityList") || action == Some("DELETE")
            }
        };
        if !identified && action.is_some() {
            let what = match event_type {
                "ObjectEvent" => "an epcList, a quantityList, or sensor data with a readPoint",
                "TransactionEvent" => "an epcList or a quantityList",
                _ => "childEPCs or a childQuantityList (unless its action is DELETE)",
            };
            self.problem(
                path,
                "missing_identifiers",
                format!("{event_type} needs {what}"),
            );
        }
        if event_type == "ObjectEvent"
            && has("ilmd")
            && matches!(action, Some("OBSERVE" | "DELETE"))
        {
            self.problem(
                path.key("ilmd"),
                "ilmd_not_allowed",
                "instance/lot master data goes only with action ADD",
            );
        }
    }

    fn extension(
        &mut self,
        key: &str,
        v: &Value,
        ns: &Namespaces,
        at: At<'_>,
        out: &mut Map<String, Value>,
    ) {
        let Some(iri) = ns.expand_key(key) else {
            self.problem(
                at,
                "extension_without_namespace",
                format!("extension field {key:?} needs a namespace (prefix:name)"),
            );
            return;
        };
        if !is_uri(&iri) {
            self.problem(
                at,
                "invalid_uri",
                format!("extension field {key:?} is not an IRI"),
            );
            return;
        }
        if out.contains_key(&iri) {
            self.problem(at, "duplicate_field", format!("{key:?} names {iri} again"));
            return;
        }
        if let Some(n) = self.free(v, ns, at, 1) {
            out.insert(iri, n);
        }
    }

    /// An extension value: any JSON, with namespaced keys expanded.
    fn free(&mut self, v: &Value, ns: &Namespaces, at: At<'_>, depth: usize) -> Option<Value> {
        if depth > MAX_EXTENSION_DEPTH {
            self.problem(
                at,
                "limit_exceeded",
                format!("extension nested deeper than {MAX_EXTENSION_DEPTH}"),
            );
            return None;
        }
        match v {
            Value::Object(map) => {
                let scoped;
                let ns = match map.get("@context") {
                    Some(c) => match ns.with_context(c, &at.key("@context").to_string()) {
                        Ok(n) => {
                            scoped = n;
                            &scoped
                        }
                        Err(p) => {
                            self.problems.push(p);
                            return None;
                        }
                    },
                    None => ns,
                };
                let mut out = Map::new();
                let mut ok = true;
                for (k, item) in map {
                    if k == "@context" {
                        continue;
                    }
                    let key = ns.expand_key(k).unwrap_or_else(|| k.clone());
                    let child = self.free(item, ns, at.key(k), depth + 1);
                    match child {
                        Some(c) if !out.contains_key(&key) => {
                            out.insert(key, c);
                        }
                        Some(_) => {
                            self.problem(
                                at.key(k),
                                "duplicate_field",
                                format!("{k:?} names {key} again"),
                            );
                            ok = false;
                        }
                        None => ok = false,
                    }
                }
                ok.then_some(Value::Object(out))
            }
            Value::Array(items) => {
                if items.len() > MAX_ITEMS {
                    self.problem(at, "limit_exceeded", format!("more than {MAX_ITEMS} items"));
                    return None;
                }
                let out: Vec<Option<Value>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.free(item, ns, at.index(i), depth + 1))
                    .collect();
                out.into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array)
            }
            Value::String(s) => self.text(s, at).then(|| v.clone()),
            Value::Number(_) => self.number(v, at),
            Value::Bool(_) | Value::Null => Some(v.clone()),
        }
    }

    fn text(&mut self, s: &str, at: At<'_>) -> bool {
        if s.len() > MAX_TEXT_BYTES {
            self.problem(
                at,
                "limit_exceeded",
                format!("text longer than {MAX_TEXT_BYTES} bytes"),
            );
            return false;
        }
        true
    }

    /// The number as the record model keeps it: an exact decimal, written back in its one
    /// JSON form (`10.0` and `10` are the same number, and must be the same normal event).
    fn number(&mut self, v: &Value, at: At<'_>) -> Option<Value> {
        let exact = match v {
            Value::Number(n) => n
                .to_string()
                .parse::<Decimal>()
                .ok()
                .and_then(|d| serde_json::to_value(d).ok()),
            _ => None,
        };
        if exact.is_none() {
            self.problem(
                at,
                "limit_exceeded",
                format!("{v} is not a number a decimal of 18 digits can hold exactly"),
            );
        }
        exact
    }

    fn string<'v>(&mut self, v: &'v Value, at: At<'_>, what: &str) -> Option<&'v str> {
        match v {
            Value::String(s) if self.text(s, at) => Some(s),
            Value::String(_) => None,
            _ => {
                self.problem(
                    at,
                    "wrong_type",
                    format!("{what} is a string, not {}", json_type(v)),
                );
                None
            }
        }
    }

    fn uri(&mut self, v: &Value, at: At<'_>) -> Option<Value> {
        let s = self.string(v, at, "a URI")?;
        if is_uri(s) {
            Some(v.clone())
        } else {
            self.problem(at, "invalid_uri", format!("{s:?} is not an absolute URI"));
            None
        }
    }

    fn list<'v>(&mut self, v: &'v Value, at: At<'_>, what: &str) -> Option<&'v [Value]> {
        match v {
            Value::Array(items) if items.len() <= MAX_ITEMS => Some(items),
            Value::Array(_) => {
                self.problem(at, "limit_exceeded", format!("more than {MAX_ITEMS} items"));
                None
            }
            _ => {
                self.problem(
                    at,
                    "wrong_type",
                    format!("{what} is a list, not {}", json_type(v)),
                );
                None
            }
        }
    }

    fn value(&mut self, kind: Kind, v: &Value, ns: &Namespaces, at: At<'_>) -> Option<Value> {
        match kind {
            Kind::Text => self.string(v, at, "this field").map(|_| v.clone()),
            Kind::Time | Kind::EventTime => {
                let s = self.string(v, at, "a time")?;
                let ok = match kind {
                    Kind::EventTime => s.parse::<crate::time::Timestamp>().is_ok(),
                    _ => time::OffsetDateTime::parse(
                        s,
                        &time::format_description::well_known::Rfc3339,
                    )
                    .is_ok(),
                };
                if ok {
                    Some(v.clone())
                } else {
                    self.problem(at, "invalid_time", format!("{s:?} is not a date and time with a UTC offset (RFC 3339, such as 2026-07-22T06:45:00+02:00), from 1970 to 9999"));
                    None
                }
            }
            Kind::Offset => {
                let s = self.string(v, at, "a time zone offset")?;
                if is_offset(s) {
                    Some(v.clone())
                } else {
                    self.problem(
                        at,
                        "invalid_time_zone_offset",
                        format!("{s:?} is not a UTC offset from -14:00 to +14:00 written ±HH:MM"),
                    );
                    None
                }
            }
            Kind::Uri => self.uri(v, at),
            Kind::UriOrList => match v {
                Value::Array(_) => self.value(Kind::Uris, v, ns, at),
                _ => self.uri(v, at),
            },
            Kind::Ids | Kind::Uris => {
                let items = self.list(v, at, "this field")?;
                let mut out = Vec::with_capacity(items.len());
                let mut seen: std::collections::HashSet<&str, foldhash::fast::RandomState> =
                    std::collections::HashSet::default();
                for (i, item) in items.iter().enumerate() {
                    let at = at.index(i);
                    if let Some(u) = self.uri(item, at) {
                        // `u` is the item as written: the item's own text is the key.
                        if matches!(kind, Kind::Ids)
                            && !seen.insert(item.as_str().unwrap_or_default())
                        {
                            self.problem(
                                at,
                                "duplicate_identifier",
                                format!("{u} is listed twice"),
                            );
                        }
                        out.push(u);
                    }
                }
                (out.len() == items.len()).then_some(Value::Array(out))
            }
            Kind::Number => match v {
                Value::Number(_) => self.number(v, at),
                _ => {
                    self.problem(at, "wrong_type", format!("a number, not {}", json_type(v)));
                    None
                }
            },
            Kind::Bool => match v {
                Value::Bool(_) => Some(v.clone()),
                _ => {
                    self.problem(
                        at,
                        "wrong_type",
                        format!("true or false, not {}", json_type(v)),
                    );
                    None
                }
            },
            Kind::Hex => {
                let s = self.string(v, at, "hex binary")?;
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(v.clone())
                } else {
                    self.problem(
                        at,
                        "invalid_hex_binary",
                        format!("{s:?} is not hexadecimal digits"),
                    );
                    None
                }
            }
            Kind::Uom => {
                let s = self.string(v, at, "a unit of measure")?;
                if (2..=3).contains(&s.len())
                    && s.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                {
                    Some(v.clone())
                } else {
                    self.problem(
                        at,
                        "invalid_uom",
                        format!(
                            "{s:?} is not a UN/CEFACT unit code (2 or 3 capital letters or digits)"
                        ),
                    );
                    None
                }
            }
            Kind::Action => {
                let s = self.string(v, at, "an action")?;
                if matches!(s, "OBSERVE" | "ADD" | "DELETE") {
                    Some(v.clone())
                } else {
                    self.problem(
                        at,
                        "invalid_action",
                        format!("{s:?} is not an action: OBSERVE, ADD or DELETE"),
                    );
                    None
                }
            }
            Kind::Term(vocabulary) => {
                let s = self.string(v, at, vocabulary.name)?;
                match vocabulary.normalise(&ns.expand_value(s)) {
                    Ok(term) => Some(Value::String(term)),
                    Err(message) => {
                        self.problem(at, "unknown_cbv_term", message);
                        None
                    }
                }
            }
            Kind::Terms(vocabulary) => {
                let items = self.list(v, at, "this field")?;
                if items.is_empty() {
                    self.problem(at, "empty_list", "the list must name at least one term");
                    return None;
                }
                let out: Vec<Option<Value>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.value(Kind::Term(vocabulary), item, ns, at.index(i)))
                    .collect();
                let out: Vec<Value> = out.into_iter().collect::<Option<_>>()?;
                if (1..out.len()).any(|i| out[..i].contains(&out[i])) {
                    self.problem(at, "duplicate_field", "a term is listed twice");
                    return None;
                }
                Some(Value::Array(out))
            }
            Kind::Object(shape) => self.object(shape, v, ns, at),
            Kind::Objects(shape) | Kind::NonEmptyObjects(shape) => {
                let items = self.list(v, at, "this field")?;
                if matches!(kind, Kind::NonEmptyObjects(_)) && items.is_empty() {
                    self.problem(at, "empty_list", "the list must hold at least one entry");
                    return None;
                }
                let out: Vec<Option<Value>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.object(shape, item, ns, at.index(i)))
                    .collect();
                out.into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array)
            }
            Kind::Extensions => {
                let Value::Object(map) = v else {
                    self.problem(at, "wrong_type", format!("an object, not {}", json_type(v)));
                    return None;
                };
                let before = self.problems.len();
                let mut out = Map::new();
                for (k, item) in map {
                    if k != "@context" {
                        self.extension(k, item, ns, at.key(k), &mut out);
                    }
                }
                (self.problems.len() == before).then_some(Value::Object(out))
            }
        }
    }

    fn object(&mut self, shape: &Shape, v: &Value, ns: &Namespaces, at: At<'_>) -> Option<Value> {
        let Value::Object(map) = v else {
            self.problem(at, "wrong_type", format!("an object, not {}", json_type(v)));
            return None;
        };
        let before = self.problems.len();
        let mut out = Map::new();
        for (k, item) in map {
            let here = at.key(k);
            match shape.fields.iter().find(|(name, _)| name == k) {
                Some((_, kind)) => {
                    if let Some(n) = self.value(*kind, item, ns, here) {
                        out.insert(k.clone(), n);
                    }
                }
                None if shape.extensible && k.contains(':') => {
                    self.extension(k, item, ns, here, &mut out)
                }
                None if shape.extensible => self.problem(
                    here,
                    "extension_without_namespace",
                    format!("extension field {k:?} needs a namespace (prefix:name)"),
                ),
                None => self.problem(here, "unknown_field", format!("{k:?} is not a field here")),
            }
        }
        for required in shape.required {
            if !map.contains_key(*required) {
                self.problem(
                    at.key(required),
                    "missing_field",
                    format!("{required} is required here"),
                );
            }
        }
        if !shape.any_of.is_empty() && !shape.any_of.iter().any(|k| map.contains_key(*k)) {
            self.problem(
                at,
                "missing_field",
                format!("one of {} is required here", shape.any_of.join(", ")),
            );
        }
        (self.problems.len() == before).then_some(Value::Object(out))
    }
}

/// At most this many problems are kept per event or document.
pub(crate) const MAX_PROBLEMS: usize = 100;

fn is_offset(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 6 || !matches!(b[0], b'+' | b'-') || b[3] != b':' {
        return false;
    }
    let digits = |i: usize| (b[i] as char).to_digit(10);
    match (digits(1), digits(2), digits(4), digits(5)) {
        (Some(h1), Some(h2), Some(m1), Some(m2)) => {
            let (h, m) = (h1 * 10 + h2, m1 * 10 + m2);
            m < 60 && (h < 14 || h == 14 && m == 0)
        }
        _ => false,
    }
}

pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(event: Value) -> Result<Value, Vec<(String, &'static str)>> {
        let mut r = Reader::new();
        let ns = Namespaces::standard()
            .with_context(&json!([{"ex": "https://ex.example/"}]), "$")
            .unwrap();
        match r.event(&event, &ns, &"$") {
            Some(m) => Ok(Value::Object(m)),
            None => Err(r.problems.into_iter().map(|p| (p.path, p.rule)).collect()),
        }
    }

    fn base() -> Value {
        json!({"type": "ObjectEvent", "eventTime": "2026-07-22T06:45:00+02:00",
               "eventTimeZoneOffset": "+02:00", "action": "OBSERVE",
               "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"]})
    }

    #[test]
    fn terms_and_extension_keys_take_one_form() {
        let mut e = base();
        e["bizStep"] = json!("urn:epcglobal:cbv:bizstep:shipping");
        e["disposition"] = json!("cbv:Disp-in_transit");
        e["ex:note"] = json!({"ex:inner": [1, "two"], "plain": true});
        let n = read(e).unwrap();
        assert_eq!(n["bizStep"], "shipping");
        assert_eq!(n["disposition"], "in_transit");
        assert_eq!(
            n["https://ex.example/note"],
            json!({"https://ex.example/inner": [1, "two"], "plain": true})
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let e = json!({"type": "ObjectEvent", "eventTime": "22-07-2026", "action": "CREATE",
            "epcList": ["urn:x:1", "urn:x:1"], "bizStep": "transforming",
            "quantityList": [{"epcClass": "urn:x:c", "quantity": "twenty", "weight": 5}],
            "parentID": "urn:x:p", "materialType": "soil", "ilmd": {"lot": "A"}});
        let mut got = read(e).unwrap_err();
        got.sort();
        let mut want = vec![
            ("$.eventTime".to_owned(), "invalid_time"),
            ("$.eventTimeZoneOffset".to_owned(), "missing_field"),
            ("$.action".to_owned(), "invalid_action"),
            ("$.epcList[1]".to_owned(), "duplicate_identifier"),
            ("$.bizStep".to_owned(), "unknown_cbv_term"),
            ("$.quantityList[0].quantity".to_owned(), "wrong_type"),
            ("$.quantityList[0].weight".to_owned(), "unknown_field"),
            ("$.parentID".to_owned(), "field_not_allowed"),
            ("$.materialType".to_owned(), "unknown_field"),
            ("$.ilmd.lot".to_owned(), "extension_without_namespace"),
        ];
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn type_rules() {
        let mut e = base();
        e.as_object_mut().unwrap().remove("epcList");
        assert_eq!(
            read(e).unwrap_err(),
            vec![("$".to_owned(), "missing_identifiers")]
        );
        let mut e = base();
        e["ilmd"] = json!({"ex:lot": "A"});
        assert_eq!(
            read(e).unwrap_err(),
            vec![("$.ilmd".to_owned(), "ilmd_not_allowed")]
        );
        let t = json!({"type": "TransformationEvent", "eventTime": "2026-07-22T06:45:00Z",
            "eventTimeZoneOffset": "+00:00", "inputEPCList": ["urn:x:1"], "action": "ADD"});
        let mut got = read(t).unwrap_err();
        got.sort();
        assert_eq!(
            got,
            vec![
                ("$".to_owned(), "missing_identifiers"),
                ("$.action".to_owned(), "field_not_allowed")
            ]
        );
        let a = json!({"type": "AggregationEvent", "eventTime": "2026-07-22T06:45:00Z",
            "eventTimeZoneOffset": "+00:00", "action": "DELETE", "parentID": "urn:x:p"});
        assert!(read(a).is_ok(), "an unpack of everything names no children");
    }

    #[test]
    fn offsets() {
        for ok in ["+00:00", "-06:00", "+14:00", "-13:59"] {
            assert!(is_offset(ok), "{ok}");
        }
        for bad in ["+14:01", "+15:00", "06:00", "+6:00", "+06:60", "+٠٦:00"] {
            assert!(!is_offset(bad), "{bad}");
        }
    }

    #[test]
    fn deep_and_huge_values_are_refused_not_crashed() {
        let mut deep = json!(1);
        for _ in 0..40 {
            deep = json!([deep]);
        }
        let mut e = base();
        e["ex:deep"] = deep;
        assert_eq!(read(e).unwrap_err()[0].1, "limit_exceeded");
        let mut e = base();
        e["ex:big"] = json!(1e300);
        assert_eq!(read(e).unwrap_err()[0].1, "limit_exceeded");
    }
}
