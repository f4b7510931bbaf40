//! An EPCIS event received from a partner and kept as a record: the importing party signs
//! that it received this event from the named source, and keeps the event's GS1 hash so the
//! partner can match it to its own.

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
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct ReceivedEvent {
    /// Where the event came from, as the importer names it: the document's sender (a GLN or
    /// URI), a partner's name, a file.
    pub source: Text,
    /// The event's GS1 event hash (`ni:///sha-256;…?ver=CBV2.0`) as computed from the document
    /// received.
    pub event_hash: Text,
    /// The event, in normal form.
    #[serde(with = "normal_json")]
    pub event: EpcisEvent,
}

impl ReceivedEvent {
    /// A received event; the source and the hash must not be empty.
    pub fn new(source: &str, event_hash: &str, event: EpcisEvent) -> Result<ReceivedEvent> {
        if source.is_empty() || !event_hash.starts_with("ni:///sha-256;") {
            return Err(Error::InvalidRecord(
                "a received event names its source and carries its ni:///sha-256 event hash".into(),
            ));
        }
        Ok(ReceivedEvent {
            source: Text::new(source)?,
            event_hash: Text::new(event_hash)?,
            event,
        })
    }
}

impl std::hash::Hash for ReceivedEvent {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.event_hash.hash(state);
        self.source.hash(state);
    }
}

impl Encode for ReceivedEvent {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.source.encode(e)?;
        self.event_hash.encode(e)?;
        // The event is stored as the record model's exact JSON value of its normal form.
        let value = self
            .event
            .to_ext_value()
            .map_err(|err| EncodeError::OtherString(err.to_string()))?;
        value.encode(e)
    }
}

impl Decode<Ctx> for ReceivedEvent {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let source = Text::decode(d)?;
        let event_hash = Text::decode(d)?;
        let value = ExtValue::decode(d)?;
        let event = EpcisEvent::from_normal_json(&value.to_json()).map_err(|e| fail(d, e))?;
        ReceivedEvent::new(source.as_str(), event_hash.as_str(), event).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(ReceivedEvent, Ctx);

mod normal_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::epcis::EpcisEvent;

    pub fn serialize<S: Serializer>(event: &EpcisEvent, s: S) -> Result<S::Ok, S::Error> {
        event.to_json().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<EpcisEvent, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        EpcisEvent::from_normal_json(&value).map_err(serde::de::Error::custom)
    }
}
