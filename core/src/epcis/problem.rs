//! What is wrong with an EPCIS document or event: where (a JSON path), which rule, and a
//! sentence for people.

use std::fmt;

/// One broken rule of EPCIS 2.0, at a JSON path such as `$.epcisBody.eventList[3].bizStep`.
///
/// [`rule`](Problem::rule) is a stable snake_case code: `missing_context`, `missing_field`,
/// `wrong_type`, `unknown_field`, `field_not_allowed`, `extension_without_namespace`,
/// `unknown_event_type`, `invalid_action`, `invalid_time`, `invalid_time_zone_offset`,
/// `invalid_uri`, `unknown_cbv_term`, `invalid_uom`, `invalid_hex_binary`,
/// `duplicate_identifier`, `duplicate_field`, `missing_identifiers`, `ilmd_not_allowed`,
/// `empty_list`, `invalid_context`, `limit_exceeded`, `not_json`, `not_epcis`,
/// `unknown_query_parameter`, `invalid_query_value`, `unsupported_query_parameter`,
/// `query_too_large`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a JSON path from the document root (`$`).
    pub path: String,
    /// The rule broken.
    pub rule: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(
        path: impl Into<String>,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            rule,
            message: message.into(),
        }
    }

    /// The [`crate::Error`] carrying this problem (code `invalid_epcis`).
    pub fn into_error(self) -> crate::Error {
        crate::Error::Epcis(Box::new(self))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid EPCIS at {}: {} ({})",
            self.path, self.message, self.rule
        )
    }
}

impl std::error::Error for Problem {}
