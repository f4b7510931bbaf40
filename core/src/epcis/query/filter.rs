//! One query parameter as a test of an event, and how each is evaluated.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::super::EpcisEvent;
use crate::ids::{EpcKind, EpcUri, Identifier};

/// A comparison of a query parameter: `EQ_`, `GT_`, `GE_`, `LT_`, `LE_`, `EXISTS_`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
    Exists,
}

impl Op {
    pub fn parse(word: &str) -> Option<Op> {
        Some(match word {
            "EQ" => Op::Eq,
            "GT" => Op::Gt,
            "GE" => Op::Ge,
            "LT" => Op::Lt,
            "LE" => Op::Le,
            "EXISTS" => Op::Exists,
            _ => return None,
        })
    }

    fn holds(self, o: Ordering) -> bool {
        match self {
            Op::Eq => o == Ordering::Equal,
            Op::Gt => o == Ordering::Greater,
            Op::Ge => o != Ordering::Less,
            Op::Lt => o == Ordering::Less,
            Op::Le => o != Ordering::Greater,
            Op::Exists => true,
        }
    }
}

/// Which objects of an event a field parameter looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    Event,
    Ilmd,
    ErrorDeclaration,
    ReadPoint,
    BizLocation,
    SensorElement,
    SensorMetadata,
    SensorReport,
}

/// What a parameter asks of an event.
#[derive(Clone, Debug)]
pub(super) enum Filter {
    /// The value of `field` (a top-level text field) is one of `values`.
    OneOf {
        field: &'static str,
        values: Vec<String>,
    },
    /// The `set` or `unset` list of `persistentDisposition` holds one of `values`.
    Persistent {
        list: &'static str,
        values: Vec<String>,
    },
    /// The `id` of `readPoint` or `bizLocation` is one of `ids`.
    Location {
        field: &'static str,
        ids: Vec<String>,
    },
    /// A time field compared with `at`; `path` from the event down.
    Time {
        path: &'static [&'static str],
        op: Op,
        at: OffsetDateTime,
    },
    /// An identifier of one of the listed fields matches one of the patterns.
    Identifiers {
        fields: &'static [&'static str],
        patterns: Vec<IdPattern>,
    },
    /// An `epcClass` of one of the listed quantity lists matches one of the patterns.
    Classes {
        lists: &'static [&'static str],
        patterns: Vec<IdPattern>,
    },
    /// A quantity element (of a given unit, or any) whose quantity compares.
    Quantity {
        op: Op,
        values: Vec<f64>,
        uom: Option<String>,
    },
    /// A business transaction, source or destination of a type, with one of the ids.
    Typed {
        list: &'static str,
        member: &'static str,
        kind: String,
        ids: Vec<String>,
    },
    /// The error declaration's `correctiveEventIDs` names one of `ids`.
    Corrective { ids: Vec<String> },
    /// The event has the field at all (`EXISTS_errorDeclaration`, `EXISTS_sensorElementList`).
    Has(&'static str),
    /// A field of a sensor report or its metadata compares with the values.
    Sensor {
        scopes: &'static [Scope],
        field: &'static str,
        op: Op,
        values: Vec<Value>,
        uom: Option<String>,
    },
    /// A field (a full IRI) of the objects in `scope`, at their top or (`inner`) at any depth.
    Field {
        scope: Scope,
        inner: bool,
        name: String,
        op: Op,
        values: Vec<Value>,
    },
}

impl Filter {
    pub fn matches(&self, event: &EpcisEvent) -> bool {
        let e = event.fields();
        match self {
            Filter::OneOf { field, values } => {
                text(e.get(*field)).is_some_and(|v| contains(values, v))
            }
            Filter::Persistent { list, values } => e
                .get("persistentDisposition")
                .and_then(|p| p.get(*list))
                .is_some_and(|l| {
                    items(l)
                        .iter()
                        .any(|v| text(Some(v)).is_some_and(|v| contains(values, v)))
                }),
            Filter::Location { field, ids } => {
                text(e.get(*field).and_then(|l| l.get("id"))).is_some_and(|v| contains(ids, v))
            }
            Filter::Time { path, op, at } => {
                let mut v = path.first().and_then(|p| e.get(*p));
                for p in path.iter().skip(1) {
                    v = v.and_then(|x| x.get(*p));
                }
                time_of(v).is_some_and(|t| op.holds(t.cmp(at)))
            }
            Filter::Identifiers { fields, patterns } => fields.iter().any(|f| {
                e.get(*f).is_some_and(|v| {
                    items(v)
                        .iter()
                        .filter_map(|i| i.as_str())
                        .any(|id| patterns.iter().any(|p| p.matches(id)))
                })
            }),
            Filter::Classes { lists, patterns } => lists.iter().any(|l| {
                e.get(*l).is_some_and(|v| {
                    items(v)
                        .iter()
                        .filter_map(|q| q.get("epcClass")?.as_str())
                        .any(|c| patterns.iter().any(|p| p.matches(c)))
                })
            }),
            Filter::Quantity { op, values, uom } => QUANTITY_LISTS.iter().any(|l| {
                e.get(*l).is_some_and(|v| {
                    items(v).iter().any(|q| {
                        let unit = q.get("uom").and_then(Value::as_str);
                        let unit_ok = match uom {
                            Some(u) => unit == Some(u.as_str()),
                            None => true,
                        };
                        let n = q.get("quantity").and_then(Value::as_f64);
                        unit_ok
                            && n.is_some_and(|n| {
                                values
                                    .iter()
                                    .any(|w| n.partial_cmp(w).is_some_and(|o| op.holds(o)))
                            })
                    })
                })
            }),
            Filter::Typed {
                list,
                member,
                kind,
                ids,
            } => e.get(*list).is_some_and(|v| {
                items(v).iter().any(|m| {
                    text(m.get("type")) == Some(kind.as_str())
                        && text(m.get(*member)).is_some_and(|id| contains(ids, id))
                })
            }),
            Filter::Corrective { ids } => e
                .get("errorDeclaration")
                .and_then(|d| d.get("correctiveEventIDs"))
                .is_some_and(|l| {
                    items(l)
                        .iter()
                        .any(|v| text(Some(v)).is_some_and(|v| contains(ids, v)))
                }),
            Filter::Has(field) => e.contains_key(*field),
            Filter::Sensor {
                scopes,
                field,
                op,
                values,
                uom,
            } => scopes.iter().any(|s| {
                objects(event, *s).into_iter().any(|o| {
                    let unit_ok = match uom {
                        Some(u) => text(o.get("uom")) == Some(u.as_str()),
                        None => true,
                    };
                    unit_ok && o.get(*field).is_some_and(|v| compare(v, *op, values))
                })
            }),
            Filter::Field {
                scope,
                inner,
                name,
                op,
                values,
            } => objects(event, *scope).into_iter().any(|o| {
                if *inner {
                    let mut found = false;
                    for (k, v) in o {
                        found |= k == name && compare(v, *op, values);
                        walk(v, &mut |k, v| found |= k == name && compare(v, *op, values));
                    }
                    found
                } else {
                    o.get(name.as_str())
                        .is_some_and(|v| compare(v, *op, values))
                }
            }),
        }
    }
}

const QUANTITY_LISTS: [&str; 4] = [
    "quantityList",
    "childQuantityList",
    "inputQuantityList",
    "outputQuantityList",
];

fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

fn contains(values: &[String], v: &str) -> bool {
    values.iter().any(|x| x == v)
}

fn items(v: &Value) -> &[Value] {
    match v {
        Value::Array(a) => a,
        other => std::slice::from_ref(other),
    }
}

/// A time as EPCIS writes it, any offset.
pub(super) fn time_of(v: Option<&Value>) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(v?.as_str()?, &Rfc3339).ok()
}

/// The objects of an event a scope names (sensor scopes: one per element or report).
fn objects(event: &EpcisEvent, scope: Scope) -> Vec<&Map<String, Value>> {
    let e = event.fields();
    let one = |f: &str| {
        e.get(f)
            .and_then(Value::as_object)
            .into_iter()
            .collect::<Vec<_>>()
    };
    let elements = || e.get("sensorElementList").map(items).unwrap_or_default();
    match scope {
        Scope::Event => vec![e],
        Scope::Ilmd => one("ilmd"),
        Scope::ErrorDeclaration => one("errorDeclaration"),
        Scope::ReadPoint => one("readPoint"),
        Scope::BizLocation => one("bizLocation"),
        Scope::SensorElement => elements().iter().filter_map(Value::as_object).collect(),
        Scope::SensorMetadata => elements()
            .iter()
            .filter_map(|s| s.get("sensorMetadata")?.as_object())
            .collect(),
        Scope::SensorReport => elements()
            .iter()
            .filter_map(|s| s.get("sensorReport"))
            .flat_map(|r| items(r).iter())
            .filter_map(Value::as_object)
            .collect(),
    }
}

/// Every key and value under `v`, at any depth.
fn walk<'v>(v: &'v Value, f: &mut impl FnMut(&str, &'v Value)) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                f(k, x);
                walk(x, f);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

/// A field's value (or any item of it) compared with the parameter's values: numbers as
/// numbers, times as instants, anything else as text (equality only).
fn compare(v: &Value, op: Op, values: &[Value]) -> bool {
    if op == Op::Exists {
        return true;
    }
    items(v).iter().any(|x| {
        values.iter().any(|w| {
            let order = match (x, w) {
                (Value::Number(a), Value::Number(b)) => a
                    .as_f64()
                    .zip(b.as_f64())
                    .and_then(|(a, b)| a.partial_cmp(&b)),
                (Value::String(a), Value::Number(b)) => a
                    .parse::<f64>()
                    .ok()
                    .zip(b.as_f64())
                    .and_then(|(a, b)| a.partial_cmp(&b)),
                (Value::String(a), Value::String(b)) => {
                    match (time_of(Some(x)), time_of(Some(w))) {
                        (Some(s), Some(t)) => Some(s.cmp(&t)),
                        _ if op == Op::Eq => Some(if a == b {
                            Ordering::Equal
                        } else {
                            Ordering::Less
                        }),
                        _ => None,
                    }
                }
                (a, b) if op == Op::Eq => Some(if a == b {
                    Ordering::Equal
                } else {
                    Ordering::Less
                }),
                _ => None,
            };
            order.is_some_and(|o| op.holds(o))
        })
    })
}

/// An identifier or class a `MATCH_` parameter names: one identity (in any of its forms) or an
/// EPC pattern with `*` components.
#[derive(Clone, Debug)]
pub(super) enum IdPattern {
    /// The GS1 element strings of the identity, or the text itself when it is no GS1 key.
    Exact(String),
    Pattern(EpcUri),
}

impl IdPattern {
    pub fn new(text: &str) -> IdPattern {
        match EpcUri::parse(text) {
            Ok(p) if p.kind() == EpcKind::Pattern && p.has_wildcards() => IdPattern::Pattern(p),
            _ => IdPattern::Exact(identity(text)),
        }
    }

    fn matches(&self, id: &str) -> bool {
        match self {
            IdPattern::Exact(want) => identity(id) == *want,
            IdPattern::Pattern(p) => p.matches(id),
        }
    }
}

/// What two spellings of one GS1 identity share: its element strings. An EPC URI and the
/// Digital Link of the same item are the same identity.
fn identity(text: &str) -> String {
    Identifier::parse(text)
        .ok()
        .and_then(|i| i.element_strings())
        .map_or_else(|| text.to_owned(), |e| e.to_string())
}
