//! EPCIS 2.0 query documents: the parameters of a `SimpleEventQuery` (GS1's
//! `query-schema.json`), checked, and run over events.
//!
//! Every parameter the 2.0.1 query schema defines is read and checked. Those that need
//! master data (`WD_…`, `HASATTR_…`, `EQ_ATTR_…`) are refused with
//! `unsupported_query_parameter` rather than answered as if no master data existed.
//! Sensor values are compared in the unit the parameter names, without converting units.
//!
//! ```
//! use tracemark::epcis::{EpcisEvent, EventQuery};
//! let query = EventQuery::parse(r#"{"eventType": ["ObjectEvent"],
//!     "EQ_bizStep": ["https://ref.gs1.org/cbv/BizStep-shipping"],
//!     "MATCH_epc": ["urn:epc:idpat:sgtin:0614141.107346.*"]}"#)?;
//! let event = EpcisEvent::from_json(&serde_json::json!({
//!     "type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping",
//!     "eventTime": "2026-07-22T06:45:00+02:00", "eventTimeZoneOffset": "+02:00",
//!     "epcList": ["https://id.gs1.org/01/10614141073464/21/2017"]}))?;
//! assert!(query.matches(&event));
//! assert_eq!(EventQuery::parse(r#"{"GE_eventDate": "2026-01-01T00:00:00Z"}"#)
//!     .unwrap_err().code(), "invalid_epcis");
//! # Ok::<(), tracemark::Error>(())
//! ```

mod filter;
mod parameter;

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::{EpcisEvent, Problem};
use crate::error::{Error, Result};
use filter::Filter;

/// A checked EPCIS 2.0 event query (see the module documentation).
#[derive(Clone, Debug)]
pub struct EventQuery {
    given: Map<String, Value>,
    filters: Vec<Filter>,
    order_by: Option<String>,
    ascending: bool,
    event_count_limit: Option<usize>,
    max_event_count: Option<usize>,
}

impl EventQuery {
    /// Reads a query document. `Err` (`invalid_epcis`, with the parameter's JSON path and the
    /// rule) at its first problem; [`EventQuery::from_json`] gives them all.
    pub fn parse(text: &str) -> Result<EventQuery> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Problem::new("$", "not_json", format!("the query is not JSON: {e}")).into_error()
        })?;
        EventQuery::from_json(&value).map_err(|mut problems| problems.remove(0).into_error())
    }

    /// Reads a query document, or every problem it has (never an empty list).
    pub fn from_json(value: &Value) -> std::result::Result<EventQuery, Vec<Problem>> {
        let Value::Object(given) = value else {
            return Err(vec![Problem::new(
                "$",
                "wrong_type",
                "a query is an object of parameters",
            )]);
        };
        let read = parameter::read(given)?;
        Ok(EventQuery {
            given: given.clone(),
            filters: read.filters,
            order_by: read.order_by,
            ascending: read.ascending,
            event_count_limit: read.event_count_limit,
            max_event_count: read.max_event_count,
        })
    }

    /// The query document, as given.
    pub fn to_json(&self) -> Value {
        Value::Object(self.given.clone())
    }

    /// Whether `event` satisfies every parameter (ordering and limits aside).
    pub fn matches(&self, event: &EpcisEvent) -> bool {
        self.filters.iter().all(|f| f.matches(event))
    }

    /// The events that match, ordered (`orderBy`, `orderDirection`; otherwise in the order
    /// given) and cut to `eventCountLimit`. `Err` (`invalid_epcis`, rule `query_too_large`)
    /// when more than `maxEventCount` match.
    pub fn run<'e>(
        &self,
        events: impl IntoIterator<Item = &'e EpcisEvent>,
    ) -> Result<Vec<&'e EpcisEvent>> {
        let mut hits: Vec<&EpcisEvent> = events.into_iter().filter(|e| self.matches(e)).collect();
        if let Some(max) = self.max_event_count
            && hits.len() > max
        {
            return Err(Problem::new(
                "$.maxEventCount",
                "query_too_large",
                format!("{} events match, more than maxEventCount {max}", hits.len()),
            )
            .into_error());
        }
        if let Some(field) = &self.order_by {
            // Events without the field go last whichever the direction.
            hits.sort_by(|a, b| match (a.get(field), b.get(field)) {
                (Some(x), Some(y)) => {
                    let o = order(x, y);
                    if self.ascending { o } else { o.reverse() }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
        }
        if let Some(limit) = self.event_count_limit {
            hits.truncate(limit);
        }
        Ok(hits)
    }
}

/// Two values of the field a query orders by: times as instants, numbers as numbers, the rest
/// as text.
fn order(x: &Value, y: &Value) -> Ordering {
    if let (Some(s), Some(t)) = (filter::time_of(Some(x)), filter::time_of(Some(y))) {
        return s.cmp(&t);
    }
    if let (Some(a), Some(b)) = (x.as_f64(), y.as_f64()) {
        return a.partial_cmp(&b).unwrap_or(Ordering::Equal);
    }
    x.to_string().cmp(&y.to_string())
}

impl std::str::FromStr for EventQuery {
    type Err = Error;
    fn from_str(text: &str) -> Result<EventQuery> {
        EventQuery::parse(text)
    }
}

#[cfg(test)]
mod tests;
