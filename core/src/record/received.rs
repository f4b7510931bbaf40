//! An EPCIS event received from a partner and kept as a record: the importing party signs
//! that it received this event from the named source, and keeps the event's GS1 hash so the
//! partner can match it to its own.
//!
//! The event is kept as the record model's exact JSON value of its normal form. Decoding checks
//! that value's shape only (an object with a `type`); reading it as an [`EpcisEvent`] applies
//! every EPCIS rule ([`ReceivedEvent::event`]), and the store refuses a record whose event does
//! not read. Why not check at decode time: every build that decodes records (the browser's
//! lite build among them) would carry the whole EPCIS reader, and one that only checks
//! signatures has no use for it.

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, Text, fail};
use crate::epcis::EpcisEvent;
use crate::error::{Error, Result};
use crate::record::ExtValue;

/// An EPCIS 2.0 event as received, attested by the record's signer.
///
/// ```
/// use tracemark::epcis::{ImportMode, import};
/// use tracemark::record::ReceivedEvent;
/// let doc = r#"{"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
///   "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-22T08:00:00Z",
///   "epcisBody": {"eventList": [{"type": "ObjectEvent", "action": "OBSERVE",
///     "eventTime": "2026-07-22T06:45:00+02:00", "eventTimeZoneOffset": "+02:00",
///     "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"], "bizStep": "shipping"}]}}"#;
/// let imported = &import(doc, ImportMode::AllOrNothing)?.events[0];
/// let received = ReceivedEvent::new("urn:epc:id:sgln:0614141.00001.0", &imported.event_hash, &imported.event)?;
/// assert_eq!(received.event()?, imported.event);
/// assert_eq!(received.event_type(), Some("ObjectEvent"));
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "View")]
pub struct ReceivedEvent {
    /// Where the event came from, as the importer names it: the document's sender (a GLN or
    /// URI), a partner's name, a file.
    pub source: Text,
    /// The event's GS1 event hash (`ni:///sha-256;…?ver=CBV2.0`) as computed from the document
    /// received.
    pub event_hash: Text,
    /// The event's normal form, as the record model's exact JSON value.
    #[serde(with = "normal_json")]
    event: ExtValue,
}

impl ReceivedEvent {
    /// A received event; the source must not be empty and the hash must be an `ni:///sha-256`
    /// name.
    pub fn new(source: &str, event_hash: &str, event: &EpcisEvent) -> Result<ReceivedEvent> {
        ReceivedEvent::checked(source, event_hash, ExtValue::from_json(&event.to_json())?)
    }

    pub(crate) fn checked(
        source: &str,
        event_hash: &str,
        event: ExtValue,
    ) -> Result<ReceivedEvent> {
        if source.is_empty() || !event_hash.starts_with("ni:///sha-256;") {
            return Err(Error::InvalidRecord(
                "a received event names its source and carries its ni:///sha-256 event hash".into(),
            ));
        }
        let shaped = match &event {
            ExtValue::Map(fields) => fields
                .iter()
                .any(|(k, v)| k.as_str() == "type" && matches!(v, ExtValue::Text(_))),
            _ => false,
        };
        if !shaped {
            return Err(Error::InvalidRecord(
                "a received event is a JSON object with a type".into(),
            ));
        }
        Ok(ReceivedEvent {
            source: Text::new(source)?,
            event_hash: Text::new(event_hash)?,
            event,
        })
    }

    /// The event, read with every EPCIS rule. An error means the signer attested an event
    /// that is not a valid EPCIS 2.0 event in normal form (the store refuses such records).
    pub fn event(&self) -> Result<EpcisEvent> {
        EpcisEvent::from_normal_json(&self.event.to_json())
    }

    /// The event as stored, unchecked: the record model's JSON value of its normal form.
    pub fn value(&self) -> &ExtValue {
        &self.event
    }

    /// The event's `type` (`ObjectEvent`, …), read without checking the rest.
    pub fn event_type(&self) -> Option<&str> {
        match &self.event {
            ExtValue::Map(fields) => fields.iter().find_map(|(k, v)| match v {
                ExtValue::Text(t) if k.as_str() == "type" => Some(t.as_str()),
                _ => None,
            }),
            _ => None,
        }
    }
}

impl Encode for ReceivedEvent {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.source.encode(e)?;
        self.event_hash.encode(e)?;
        self.event.encode(e)
    }
}

impl Decode<Ctx> for ReceivedEvent {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let source = Text::decode(d)?;
        let event_hash = Text::decode(d)?;
        let event = ExtValue::decode(d)?;
        ReceivedEvent::checked(source.as_str(), event_hash.as_str(), event).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(ReceivedEvent, Ctx);

/// A JSON view as written, before the checks [`ReceivedEvent::new`] makes.
#[derive(Deserialize)]
struct View {
    source: Text,
    event_hash: Text,
    #[serde(with = "normal_json")]
    event: ExtValue,
}

impl TryFrom<View> for ReceivedEvent {
    type Error = Error;
    fn try_from(v: View) -> Result<ReceivedEvent> {
        ReceivedEvent::checked(v.source.as_str(), v.event_hash.as_str(), v.event)
    }
}

/// A JSON view carries the event's normal form; reading one checks it with every EPCIS rule,
/// as building a record from an imported event does.
mod normal_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::epcis::EpcisEvent;
    use crate::record::ExtValue;

    pub fn serialize<S: Serializer>(event: &ExtValue, s: S) -> Result<S::Ok, S::Error> {
        event.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ExtValue, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        EpcisEvent::from_normal_json(&value).map_err(serde::de::Error::custom)?;
        ExtValue::from_json(&value).map_err(serde::de::Error::custom)
    }
}
