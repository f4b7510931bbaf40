//! Reading the parameters of a query document: each name to what it asks, each value checked
//! against the type GS1's query schema gives it.

use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::filter::{Filter, IdPattern, Op, Scope};
use crate::epcis::context::{Namespaces, is_uri};
use crate::epcis::normal::json_type;
use crate::epcis::terms::{self, Vocabulary};
use crate::epcis::{EVENT_TYPES, Problem};

/// What a query document asks, read.
pub(super) struct Read {
    pub filters: Vec<Filter>,
    pub order_by: Option<String>,
    pub ascending: bool,
    pub event_count_limit: Option<usize>,
    pub max_event_count: Option<usize>,
}

const EPC_FIELDS: &[&str] = &["epcList", "childEPCs"];
const ANY_EPC: &[&str] = &[
    "epcList",
    "childEPCs",
    "parentID",
    "inputEPCList",
    "outputEPCList",
];
const CLASS_LISTS: &[&str] = &["quantityList", "childQuantityList"];
const ANY_CLASS: &[&str] = &[
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputQuantityList",
];
const METADATA: &[Scope] = &[Scope::SensorMetadata];
const REPORT: &[Scope] = &[Scope::SensorReport];
const BOTH: &[Scope] = &[Scope::SensorMetadata, Scope::SensorReport];

/// Scopes a field parameter can name after its operator, with the operators allowed there.
const FIELD_SCOPES: &[(&str, Scope, &str)] = &[
    ("ILMD_", Scope::Ilmd, "EQ GT GE LT LE EXISTS"),
    (
        "ERROR_DECLARATION_",
        Scope::ErrorDeclaration,
        "EQ GT GE LT LE EXISTS",
    ),
    (
        "SENSORELEMENT_",
        Scope::SensorElement,
        "EQ GT GE LT LE EXISTS",
    ),
    (
        "SENSORMETADATA_",
        Scope::SensorMetadata,
        "EQ GT GE LT LE EXISTS",
    ),
    (
        "SENSORREPORT_",
        Scope::SensorReport,
        "EQ GT GE LT LE EXISTS",
    ),
    ("readPoint_", Scope::ReadPoint, "EQ"),
    ("bizLocation_", Scope::BizLocation, "EQ"),
];

struct Reader<'a> {
    ns: Namespaces,
    problems: Vec<Problem>,
    name: &'a str,
}

pub(super) fn read(given: &Map<String, Value>) -> Result<Read, Vec<Problem>> {
    let mut ns = Namespaces::standard();
    let mut problems = Vec::new();
    if let Some(context) = given.get("@context") {
        match ns.with_context(context, "$.@context") {
            Ok(n) => ns = n,
            Err(p) => problems.push(p),
        }
    }
    let mut r = Reader {
        ns,
        problems,
        name: "",
    };
    let mut out = Read {
        filters: Vec::new(),
        order_by: None,
        ascending: false,
        event_count_limit: None,
        max_event_count: None,
    };
    for (name, v) in given {
        r.name = name;
        match name.as_str() {
            "@context" => {}
            "orderBy" => {
                out.order_by = r.text(v).and_then(|f| match f {
                    "eventTime" | "recordTime" => Some(f.to_owned()),
                    _ => r.field_iri(f),
                })
            }
            "orderDirection" => match r.text(v) {
                Some("ASC") => out.ascending = true,
                Some("DESC") => out.ascending = false,
                Some(other) => r.invalid(format!("{other:?} is neither ASC nor DESC")),
                None => {}
            },
            "eventCountLimit" => out.event_count_limit = r.count(v),
            "maxEventCount" => out.max_event_count = r.count(v),
            _ => {
                if let Some(f) = r.filter(name, v) {
                    out.filters.push(f);
                }
            }
        }
    }
    if out.event_count_limit.is_some() && out.max_event_count.is_some() {
        r.name = "maxEventCount";
        r.invalid("eventCountLimit and maxEventCount cannot be used together".into());
    }
    if r.problems.is_empty() {
        Ok(out)
    } else {
        Err(r.problems)
    }
}

impl Reader<'_> {
    fn at(&self) -> String {
        if self
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            format!("$.{}", self.name)
        } else {
            format!("$[{:?}]", self.name)
        }
    }

    fn problem(&mut self, rule: &'static str, message: String) {
        let at = self.at();
        self.problems.push(Problem::new(at, rule, message));
    }

    fn invalid(&mut self, message: String) {
        self.problem("invalid_query_value", message);
    }

    fn wrong_type(&mut self, want: &str, v: &Value) {
        let message = format!("{} takes {want}, not {}", self.name, json_type(v));
        self.problem("wrong_type", message);
    }

    fn text<'v>(&mut self, v: &'v Value) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type("a string", other);
                None
            }
        }
    }

    fn strings<'v>(&mut self, v: &'v Value) -> Option<Vec<&'v str>> {
        match v {
            Value::Array(items) if items.iter().all(Value::is_string) => {
                Some(items.iter().filter_map(Value::as_str).collect())
            }
            other => {
                self.wrong_type("a list of strings", other);
                None
            }
        }
    }

    fn uris(&mut self, v: &Value) -> Option<Vec<String>> {
        let list = self.strings(v)?;
        let mut out = Vec::with_capacity(list.len());
        for s in list {
            let s = self.ns.expand_value(s);
            if !is_uri(&s) {
                self.invalid(format!("{s:?} is not an absolute URI"));
                return None;
            }
            out.push(s);
        }
        Some(out)
    }

    fn terms(&mut self, v: &Value, vocabulary: &Vocabulary) -> Option<Vec<String>> {
        let list = self.strings(v)?;
        let mut out = Vec::with_capacity(list.len());
        for s in list {
            match vocabulary.normalise(&self.ns.expand_value(s)) {
                Ok(t) => out.push(t),
                Err(message) => {
                    self.invalid(message);
                    return None;
                }
            }
        }
        Some(out)
    }

    fn time(&mut self, v: &Value) -> Option<OffsetDateTime> {
        let s = self.text(v)?;
        match super::filter::time_of(Some(v)) {
            Some(t) => Some(t),
            None => {
                self.invalid(format!("{s:?} is not an RFC 3339 date-time"));
                None
            }
        }
    }

    fn number(&mut self, v: &Value) -> Option<f64> {
        match v.as_f64() {
            Some(n) if v.is_number() => Some(n),
            _ => {
                self.wrong_type("a number", v);
                None
            }
        }
    }

    fn numbers(&mut self, v: &Value) -> Option<Vec<f64>> {
        match v {
            Value::Array(items) => items.iter().map(|i| self.number(i)).collect(),
            one => self.number(one).map(|n| vec![n]),
        }
    }

    fn count(&mut self, v: &Value) -> Option<usize> {
        match v.as_u64() {
            Some(n) if n > 0 => usize::try_from(n).ok(),
            _ if v.is_i64() || v.is_u64() => {
                self.invalid(format!("{} is a positive count", self.name));
                None
            }
            _ => {
                self.wrong_type("an integer", v);
                None
            }
        }
    }

    /// A field's name as a full IRI: a prefix declared in the query's `@context` (or a
    /// standard one) is expanded; anything else with a colon already is an IRI, as an
    /// imported event's keys are read.
    fn field_iri(&mut self, name: &str) -> Option<String> {
        let iri = self.ns.expand_key(name);
        if iri.is_none() {
            self.invalid(format!("{name:?} is not a field name with a namespace"));
        }
        iri
    }

    /// Values of a field comparison: a list of strings or one time or number for `EQ_`; one
    /// time or number otherwise; anything for `EXISTS_` (the schema allows null).
    fn comparands(&mut self, op: Op, v: &Value) -> Option<Vec<Value>> {
        let one = |v: &Value| v.is_number() || super::filter::time_of(Some(v)).is_some();
        match (op, v) {
            (Op::Exists, _) => Some(Vec::new()),
            (Op::Eq, Value::Array(items)) if items.iter().all(Value::is_string) => {
                Some(items.clone())
            }
            (_, v) if one(v) => Some(vec![v.clone()]),
            (_, v) => {
                self.wrong_type("a date-time or a number", v);
                None
            }
        }
    }

    fn filter(&mut self, name: &str, v: &Value) -> Option<Filter> {
        use Filter::*;
        let time = |path: &'static [&'static str], op: Op, r: &mut Self| {
            r.time(v).map(|at| Time { path, op, at })
        };
        let sensor = |scopes: &'static [Scope],
                      field: &'static str,
                      op: Op,
                      _: &mut Self,
                      values: Option<Vec<Value>>| {
            values.map(|values| Sensor {
                scopes,
                field,
                op,
                values,
                uom: None,
            })
        };
        let strings_of = |r: &mut Self| {
            r.strings(v)
                .map(|l| l.into_iter().map(|s| Value::String(s.to_owned())).collect())
        };
        let uris_of = |r: &mut Self| {
            r.uris(v)
                .map(|l| l.into_iter().map(Value::String).collect())
        };
        Some(match name {
            "eventType" => {
                let types = self.strings(v)?;
                if let Some(bad) = types
                    .iter()
                    .find(|t| !EVENT_TYPES.contains(t) && !is_uri(t))
                {
                    self.invalid(format!("{bad:?} is not an event type"));
                    return None;
                }
                OneOf {
                    field: "type",
                    values: types.into_iter().map(str::to_owned).collect(),
                }
            }
            "GE_eventTime" => time(&["eventTime"], Op::Ge, self)?,
            "LT_eventTime" => time(&["eventTime"], Op::Lt, self)?,
            "GE_recordTime" => time(&["recordTime"], Op::Ge, self)?,
            "LT_recordTime" => time(&["recordTime"], Op::Lt, self)?,
            "GE_errorDeclaration_Time" => {
                time(&["errorDeclaration", "declarationTime"], Op::Ge, self)?
            }
            "LT_errorDeclaration_Time" => {
                time(&["errorDeclaration", "declarationTime"], Op::Lt, self)?
            }
            "EQ_action" => {
                let actions = self.strings(v)?;
                if let Some(bad) = actions
                    .iter()
                    .find(|a| !matches!(**a, "ADD" | "OBSERVE" | "DELETE"))
                {
                    self.invalid(format!("{bad:?} is not an action: ADD, OBSERVE or DELETE"));
                    return None;
                }
                OneOf {
                    field: "action",
                    values: actions.into_iter().map(str::to_owned).collect(),
                }
            }
            "EQ_bizStep" => OneOf {
                field: "bizStep",
                values: self.terms(v, &terms::BIZ_STEP)?,
            },
            "EQ_disposition" => OneOf {
                field: "disposition",
                values: self.terms(v, &terms::DISPOSITION)?,
            },
            "EQ_persistentDisposition_set" | "EQ_persistentDisposition_unset" => Persistent {
                list: if name.ends_with("_set") {
                    "set"
                } else {
                    "unset"
                },
                values: self.terms(v, &terms::DISPOSITION)?,
            },
            "EQ_readPoint" | "EQ_bizLocation" => Location {
                field: if name == "EQ_readPoint" {
                    "readPoint"
                } else {
                    "bizLocation"
                },
                ids: self.uris(v)?,
            },
            "EQ_transformationID" => OneOf {
                field: "transformationID",
                values: self.uris(v)?,
            },
            "EQ_eventID" => OneOf {
                field: "eventID",
                values: self.uris(v)?,
            },
            "EQ_correctiveEventID" => Corrective { ids: self.uris(v)? },
            "EQ_errorReason" => Field {
                scope: Scope::ErrorDeclaration,
                inner: false,
                name: "reason".into(),
                op: Op::Eq,
                values: self
                    .terms(v, &terms::ERROR_REASON)?
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            },
            "MATCH_epc" | "MATCH_parentID" | "MATCH_inputEPC" | "MATCH_outputEPC"
            | "MATCH_anyEPC" => Identifiers {
                fields: match name {
                    "MATCH_epc" => EPC_FIELDS,
                    "MATCH_parentID" => &["parentID"],
                    "MATCH_inputEPC" => &["inputEPCList"],
                    "MATCH_outputEPC" => &["outputEPCList"],
                    _ => ANY_EPC,
                },
                patterns: self.uris(v)?.iter().map(|s| IdPattern::new(s)).collect(),
            },
            "MATCH_epcClass"
            | "MATCH_inputEPCClass"
            | "MATCH_outputEPCClass"
            | "MATCH_anyEPCClass" => Classes {
                lists: match name {
                    "MATCH_epcClass" => CLASS_LISTS,
                    "MATCH_inputEPCClass" => &["inputQuantityList"],
                    "MATCH_outputEPCClass" => &["outputQuantityList"],
                    _ => ANY_CLASS,
                },
                patterns: self.uris(v)?.iter().map(|s| IdPattern::new(s)).collect(),
            },
            "EQ_quantity" => Quantity {
                op: Op::Eq,
                values: self.numbers(v)?,
                uom: None,
            },
            "GT_quantity" | "GE_quantity" | "LT_quantity" | "LE_quantity" => Quantity {
                op: Op::parse(&name[..2])?,
                values: vec![self.number(v)?],
                uom: None,
            },
            "EXISTS_errorDeclaration" | "EXISTS_sensorElementList" => {
                if !(v.is_null() || v.is_i64() || v.is_u64()) {
                    self.wrong_type("an integer or null", v);
                    return None;
                }
                Has(if name == "EXISTS_errorDeclaration" {
                    "errorDeclaration"
                } else {
                    "sensorElementList"
                })
            }
            "GE_time" | "LT_time" => {
                let op = Op::parse(&name[..2])?;
                self.time(v)?;
                sensor(BOTH, "time", op, self, Some(vec![v.clone()]))?
            }
            "GE_startTime" | "LT_startTime" | "GE_endTime" | "LT_endTime" => {
                let op = Op::parse(&name[..2])?;
                self.time(v)?;
                sensor(
                    METADATA,
                    if name.ends_with("startTime") {
                        "startTime"
                    } else {
                        "endTime"
                    },
                    op,
                    self,
                    Some(vec![v.clone()]),
                )?
            }
            "EQ_type" => {
                let types = self.terms(v, &terms::MEASUREMENT_TYPE)?;
                sensor(
                    REPORT,
                    "type",
                    Op::Eq,
                    self,
                    Some(types.into_iter().map(Value::String).collect()),
                )?
            }
            "EQ_deviceID" | "EQ_dataProcessingMethod" => {
                let values = uris_of(self);
                sensor(
                    BOTH,
                    if name == "EQ_deviceID" {
                        "deviceID"
                    } else {
                        "dataProcessingMethod"
                    },
                    Op::Eq,
                    self,
                    values,
                )?
            }
            "EQ_bizRules" => {
                let values = uris_of(self);
                sensor(METADATA, "bizRules", Op::Eq, self, values)?
            }
            "EQ_microorganism" | "EQ_chemicalSubstance" | "EQ_uriValue" => {
                let values = uris_of(self);
                let field = match name {
                    "EQ_microorganism" => "microorganism",
                    "EQ_chemicalSubstance" => "chemicalSubstance",
                    _ => "uriValue",
                };
                sensor(REPORT, field, Op::Eq, self, values)?
            }
            "EQ_stringValue" | "EQ_hexBinaryValue" => {
                let values = strings_of(self);
                let field = if name == "EQ_stringValue" {
                    "stringValue"
                } else {
                    "hexBinaryValue"
                };
                sensor(REPORT, field, Op::Eq, self, values)?
            }
            "EQ_booleanValue" => {
                let Value::Bool(_) = v else {
                    self.wrong_type("a boolean", v);
                    return None;
                };
                sensor(REPORT, "booleanValue", Op::Eq, self, Some(vec![v.clone()]))?
            }
            "GE_percRank" | "LT_percRank" | "GT_percRank" | "LE_percRank" => {
                let n = self.number(v)?;
                sensor(
                    REPORT,
                    "percRank",
                    Op::parse(&name[..2])?,
                    self,
                    Some(vec![Value::from(n)]),
                )?
            }
            "WD_readPoint" | "WD_bizLocation" => {
                self.unsupported("needs the location hierarchy of master data");
                return None;
            }
            _ => return self.family(name, v),
        })
    }

    fn unsupported(&mut self, why: &str) {
        let message = format!("{} {why}, which tracemark does not hold", self.name);
        self.problem("unsupported_query_parameter", message);
    }

    /// The parameter families the schema defines by pattern.
    fn family(&mut self, name: &str, v: &Value) -> Option<Filter> {
        if name.starts_with("HASATTR_") || name.starts_with("EQ_ATTR_") {
            self.unsupported("needs vocabulary master data");
            return None;
        }
        let unknown = |r: &mut Self| {
            r.problem(
                "unknown_query_parameter",
                format!("{name:?} is not a parameter of an EPCIS 2.0 event query"),
            );
            None
        };
        let Some((op_word, rest)) = name.split_once('_') else {
            return unknown(self);
        };
        let Some(op) = Op::parse(op_word) else {
            return unknown(self);
        };
        let word = |s: &str| {
            s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        };
        let unit = |s: &str| {
            (2..=4).contains(&s.len())
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        // Business transactions, sources and destinations by type.
        for (list, member, vocabulary) in [
            (
                "bizTransactionList",
                "bizTransaction",
                &terms::BIZ_TRANSACTION_TYPE,
            ),
            ("sourceList", "source", &terms::SOURCE_DEST_TYPE),
            ("destinationList", "destination", &terms::SOURCE_DEST_TYPE),
        ] {
            if let Some(kind) = rest.strip_prefix(member).and_then(|r| r.strip_prefix('_'))
                && op == Op::Eq
                && word(kind)
            {
                if !vocabulary.lists(kind) {
                    self.invalid(format!("{kind:?} is not a standard {}", vocabulary.name));
                    return None;
                }
                return Some(Filter::Typed {
                    list,
                    member,
                    kind: kind.to_owned(),
                    ids: self.uris(v)?,
                });
            }
        }
        // Sensor values and quantities in a unit.
        if let Some((field, uom)) = rest.rsplit_once('_')
            && unit(uom)
            && op != Op::Exists
        {
            let sensor = [
                "value",
                "minValue",
                "maxValue",
                "meanValue",
                "sDev",
                "percValue",
            ];
            if let Some(field) = sensor.iter().find(|f| **f == field)
                && (op != Op::Eq || *field == "value")
            {
                let n = self.number(v)?;
                return Some(Filter::Sensor {
                    scopes: REPORT,
                    field,
                    op,
                    values: vec![Value::from(n)],
                    uom: Some(uom.to_owned()),
                });
            }
            if field == "quantity" {
                return Some(Filter::Quantity {
                    op,
                    values: self.numbers(v)?,
                    uom: Some(uom.to_owned()),
                });
            }
        }
        // Extension fields: [INNER_][scope_]prefix:local.
        let (inner, rest) = match rest.strip_prefix("INNER_") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (scope, rest) = FIELD_SCOPES
            .iter()
            .find_map(|(p, scope, ops)| {
                let r = rest.strip_prefix(p)?;
                ops.split(' ').any(|o| o == op_word).then_some((*scope, r))
            })
            .unwrap_or((Scope::Event, rest));
        let sensor_scope = matches!(
            scope,
            Scope::SensorElement | Scope::SensorMetadata | Scope::SensorReport
        );
        let field = rest.split_once(':').is_some_and(|(p, l)| {
            p.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
                && p.bytes().all(|b| b.is_ascii_alphanumeric())
                && !l.is_empty()
                && l.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
        if !field || (inner && sensor_scope && op == Op::Exists) {
            return unknown(self);
        }
        let name = self.field_iri(rest)?;
        Some(Filter::Field {
            scope,
            inner,
            name,
            op,
            values: self.comparands(op, v)?,
        })
    }
}
