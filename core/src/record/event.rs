//! What every event carries: when, where, why (business step and disposition), between whom,
//! under which documents, and the partner's own extension fields.

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codec::{Ctx, MAX_EXTENSION_DEPTH, MAX_ITEMS, Set, Text, decode_len, fail};
use crate::error::{Error, Result};
use crate::ids::Sgln;
use crate::record::goods::Decimal;
use crate::time::EventTime;
use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType, Uri};

/// A place or party: a GLN (with optional extension) or, for anything GS1 does not number
/// (a `geo:` point, a partner's own URI), an absolute URI.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A GLN, optionally with extension.
    Gln(Sgln),
    /// Any other absolute URI.
    Uri(Uri),
}

/// A source or destination of a transfer: a party or a place, in a CBV role.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct SourceDest {
    /// Owning party, possessing party, or location.
    pub kind: SourceDestType,
    /// Who or where.
    pub id: Location,
}

/// A reference document: despatch advice, invoice, bill of lading, purchase order...
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Serialize, Deserialize)]
pub struct Document {
    /// Its type, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentType>,
    /// Its number or URI; never empty.
    pub id: Text,
}

impl Document {
    /// A document reference; the id must not be empty.
    pub fn new(kind: Option<DocumentType>, id: &str) -> Result<Document> {
        if id.is_empty() {
            return Err(Error::InvalidRecord(
                "a document reference needs a number".into(),
            ));
        }
        Ok(Document {
            kind,
            id: Text::new(id)?,
        })
    }
}

impl Decode<Ctx> for Document {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let kind = Option::<DocumentType>::decode(d)?;
        let id = Text::decode(d)?;
        Document::new(kind, id.as_str()).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Document, Ctx);

/// An extension value: the JSON data model with exact decimals instead of floats.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum ExtValue {
    /// JSON `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An exact decimal number.
    Number(Decimal),
    /// A string.
    Text(Text),
    /// An array.
    List(Vec<ExtValue>),
    /// An object: keys ascending by their UTF-8 bytes, no repeats.
    Map(Vec<(Text, ExtValue)>),
}

impl ExtValue {
    /// Reads a JSON value; objects are sorted by key, numbers must be exact decimals.
    pub fn from_json(value: &Value) -> Result<ExtValue> {
        ExtValue::from_json_at(value, 0)
    }

    fn from_json_at(value: &Value, depth: usize) -> Result<ExtValue> {
        if depth > MAX_EXTENSION_DEPTH {
            return Err(Error::LimitExceeded(format!(
                "extension nested deeper than {MAX_EXTENSION_DEPTH}"
            )));
        }
        Ok(match value {
            Value::Null => ExtValue::Null,
            Value::Bool(b) => ExtValue::Bool(*b),
            Value::Number(n) => ExtValue::Number(n.to_string().parse()?),
            Value::String(s) => ExtValue::Text(Text::new(s.as_str())?),
            Value::Array(items) => ExtValue::List(
                items
                    .iter()
                    .map(|v| ExtValue::from_json_at(v, depth + 1))
                    .collect::<Result<_>>()?,
            ),
            Value::Object(map) => {
                let mut entries = map
                    .iter()
                    .map(|(k, v)| {
                        Ok((
                            Text::new(k.as_str())?,
                            ExtValue::from_json_at(v, depth + 1)?,
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?;
                entries.sort_by(|a, b| a.0.as_str().as_bytes().cmp(b.0.as_str().as_bytes()));
                ExtValue::Map(entries)
            }
        })
    }

    /// The JSON value.
    pub fn to_json(&self) -> Value {
        match self {
            ExtValue::Null => Value::Null,
            ExtValue::Bool(b) => Value::Bool(*b),
            ExtValue::Number(d) => serde_json::to_value(d).unwrap_or(Value::Null),
            ExtValue::Text(t) => Value::String(t.as_str().to_owned()),
            ExtValue::List(items) => Value::Array(items.iter().map(ExtValue::to_json).collect()),
            ExtValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_str().to_owned(), v.to_json()))
                    .collect(),
            ),
        }
    }

    fn decode_at<D: Decoder<Context = Ctx>>(
        d: &mut D,
        depth: usize,
    ) -> std::result::Result<ExtValue, DecodeError> {
        if depth > MAX_EXTENSION_DEPTH {
            let msg = format!("extension nested deeper than {MAX_EXTENSION_DEPTH}");
            return Err(fail(d, Error::LimitExceeded(msg)));
        }
        let tag = u32::decode(d)?;
        Ok(match tag {
            0 => ExtValue::Null,
            1 => ExtValue::Bool(bool::decode(d)?),
            2 => ExtValue::Number(Decimal::decode(d)?),
            3 => ExtValue::Text(Text::decode(d)?),
            4 => {
                let len = decode_len(d, MAX_ITEMS, 1, "extension list")?;
                let mut items = Vec::new();
                for _ in 0..len {
                    items.push(ExtValue::decode_at(d, depth + 1)?);
                }
                ExtValue::List(items)
            }
            5 => {
                let len = decode_len(d, MAX_ITEMS, 2, "extension map")?;
                let mut entries: Vec<(Text, ExtValue)> = Vec::new();
                for _ in 0..len {
                    let key = Text::decode(d)?;
                    if entries
                        .last()
                        .is_some_and(|(k, _)| k.as_str().as_bytes() >= key.as_str().as_bytes())
                    {
                        let msg = "extension map keys are not strictly ascending".to_owned();
                        return Err(fail(d, Error::NonCanonical(msg)));
                    }
                    let value = ExtValue::decode_at(d, depth + 1)?;
                    entries.push((key, value));
                }
                ExtValue::Map(entries)
            }
            other => {
                return Err(fail(
                    d,
                    Error::InvalidValue(format!("extension value tag {other}")),
                ));
            }
        })
    }
}

impl Encode for ExtValue {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        match self {
            ExtValue::Null => 0u32.encode(e),
            ExtValue::Bool(b) => {
                1u32.encode(e)?;
                b.encode(e)
            }
            ExtValue::Number(n) => {
                2u32.encode(e)?;
                n.encode(e)
            }
            ExtValue::Text(t) => {
                3u32.encode(e)?;
                t.encode(e)
            }
            ExtValue::List(items) => {
                4u32.encode(e)?;
                (items.len() as u64).encode(e)?;
                items.iter().try_for_each(|i| i.encode(e))
            }
            ExtValue::Map(entries) => {
                5u32.encode(e)?;
                (entries.len() as u64).encode(e)?;
                entries.iter().try_for_each(|(k, v)| {
                    k.encode(e)?;
                    v.encode(e)
                })
            }
        }
    }
}

impl Decode<Ctx> for ExtValue {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        ExtValue::decode_at(d, 0)
    }
}
bincode::impl_borrow_decode_with_context!(ExtValue, Ctx);

impl Serialize for ExtValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ExtValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        ExtValue::from_json(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Extension fields of an event, keyed by a namespaced name (`example:temperature` or a full
/// URI), kept exactly so that they survive a round trip through EPCIS.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Extensions(ExtValue);

impl Extensions {
    /// No extensions.
    pub fn none() -> Extensions {
        Extensions(ExtValue::Map(Vec::new()))
    }

    /// Extensions from a JSON object; its keys must not be empty.
    pub fn from_json(value: &Value) -> Result<Extensions> {
        match value {
            Value::Object(map) if map.contains_key("") => {
                Err(Error::InvalidValue("an extension key is empty".into()))
            }
            Value::Object(_) => Ok(Extensions(ExtValue::from_json(value)?)),
            _ => Err(Error::InvalidJson("extensions are a JSON object".into())),
        }
    }

    /// The fields, keys ascending.
    pub fn entries(&self) -> &[(Text, ExtValue)] {
        match &self.0 {
            ExtValue::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    /// The value of one field.
    pub fn get(&self, key: &str) -> Option<&ExtValue> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v)
    }
}

impl Default for ExtValue {
    fn default() -> Self {
        ExtValue::Map(Vec::new())
    }
}

impl Encode for Extensions {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        let entries = self.entries();
        (entries.len() as u64).encode(e)?;
        entries.iter().try_for_each(|(k, v)| {
            k.encode(e)?;
            v.encode(e)
        })
    }
}

impl Decode<Ctx> for Extensions {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        // The top level is a map without the tag byte: decode it through the map branch.
        let len = decode_len(d, MAX_ITEMS, 2, "extensions")?;
        let mut entries: Vec<(Text, ExtValue)> = Vec::new();
        for _ in 0..len {
            let key = Text::decode(d)?;
            if key.as_str().is_empty() {
                return Err(fail(
                    d,
                    Error::InvalidValue("an extension key is empty".into()),
                ));
            }
            if entries
                .last()
                .is_some_and(|(k, _)| k.as_str().as_bytes() >= key.as_str().as_bytes())
            {
                let msg = "extension keys are not strictly ascending".to_owned();
                return Err(fail(d, Error::NonCanonical(msg)));
            }
            let value = ExtValue::decode_at(d, 1)?;
            entries.push((key, value));
        }
        Ok(Extensions(ExtValue::Map(entries)))
    }
}
bincode::impl_borrow_decode_with_context!(Extensions, Ctx);

impl Serialize for Extensions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Extensions::from_json(&Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The context every event carries, in EPCIS 2.0 terms so that EPCIS maps onto it one to one.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Event {
    /// When it happened, with the local UTC offset.
    pub time: EventTime,
    /// Where it was observed (EPCIS `readPoint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_point: Option<Location>,
    /// Where the goods are afterwards (EPCIS `bizLocation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_location: Option<Location>,
    /// What was being done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_step: Option<BizStep>,
    /// The state of the goods afterwards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Disposition>,
    /// Where the goods came from (for transfers).
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub sources: Set<SourceDest>,
    /// Where the goods went to (for transfers).
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub destinations: Set<SourceDest>,
    /// Reference documents (EPCIS `bizTransactionList`).
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub documents: Set<Document>,
    /// The partner's own fields.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Event {
    /// An event at `time` with nothing else filled in.
    pub fn at(time: EventTime) -> Event {
        Event {
            time,
            read_point: None,
            biz_location: None,
            biz_step: None,
            disposition: None,
            sources: Set::empty(),
            destinations: Set::empty(),
            documents: Set::empty(),
            extensions: Extensions::none(),
        }
    }
}
