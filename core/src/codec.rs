//! The canonical binary encoding: bincode 2 in one fixed configuration, plus the rules bincode
//! does not enforce by itself.
//!
//! bincode gives little-endian variable-length integers, tags and fixed arrays; `spec/SPEC.md`
//! restates every byte so that an implementation without bincode can agree with it. What this
//! module adds:
//! - decode errors carry our typed [`Error`] through bincode (in the decode context);
//! - every declared length is checked against the spec's limit and against the bytes remaining
//!   before anything is allocated ([`Text`], [`Set`]);
//! - sets are strictly ascending by the bytes of their members, so each has one encoding.
//!
//! Canonical integers (minimal varints) are enforced one level up: a decoded record must
//! re-encode to exactly the bytes it came from.

use std::fmt;

use bincode::de::Decoder;
use bincode::de::read::Reader;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};

use crate::error::{Error, Result};

/// bincode 2's standard configuration: little endian, variable-length integers, no limit
/// (the spec's limits are checked by the types themselves).
pub(crate) const CONFIG: bincode::config::Configuration = bincode::config::standard();

/// Largest encoded record, signature included.
pub const MAX_RECORD_BYTES: usize = 1 << 20;
/// Most members in any one list or set.
pub const MAX_ITEMS: usize = 65_536;
/// Longest free text (names, reasons, URIs, extension keys and values), in UTF-8 bytes.
pub const MAX_TEXT_BYTES: usize = 4096;
/// Deepest nesting of extension values.
pub const MAX_EXTENSION_DEPTH: usize = 16;

/// The decode context: where a typed error waits while bincode unwinds.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) error: Option<Error>,
}

/// Records `err` in the context and returns the bincode error that unwinds the decode.
pub(crate) fn fail<D: Decoder<Context = Ctx>>(decoder: &mut D, err: Error) -> DecodeError {
    decoder.context().error = Some(err);
    DecodeError::Other("tracemark error (kept in the decode context)")
}

/// Maps a finished decode's error to ours, preferring the typed error in the context.
pub(crate) fn decode_error(typed: Option<Error>, err: DecodeError) -> Error {
    if let Some(e) = typed {
        return e;
    }
    match err {
        DecodeError::UnexpectedEnd { additional } => {
            Error::Truncated(format!("{additional} more bytes needed"))
        }
        DecodeError::UnexpectedVariant {
            type_name, found, ..
        } => Error::InvalidValue(format!("unknown tag {found} for {type_name}")),
        DecodeError::InvalidBooleanValue(v) => {
            Error::InvalidValue(format!("boolean byte {v} is neither 0 nor 1"))
        }
        DecodeError::InvalidIntegerType { .. } => {
            Error::InvalidValue("integer marker out of range for its type".into())
        }
        DecodeError::Utf8 { .. } => Error::InvalidValue("text is not UTF-8".into()),
        other => Error::InvalidValue(other.to_string()),
    }
}

/// Encodes a value on its own, in the canonical configuration.
///
/// One pass into a growing vector: bincode's `encode_to_vec` runs every `Encode` twice (to size
/// the buffer, then to fill it), which doubles both the time and the generated code.
pub(crate) fn to_bytes<T: Encode>(value: &T) -> Result<Vec<u8>> {
    let mut writer = VecWriter(Vec::new());
    bincode::encode_into_writer(value, &mut writer, CONFIG).map_err(encode_error)?;
    Ok(writer.0)
}

struct VecWriter(Vec<u8>);

impl bincode::enc::write::Writer for VecWriter {
    fn write(&mut self, bytes: &[u8]) -> std::result::Result<(), EncodeError> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

pub(crate) fn encode_error(err: EncodeError) -> Error {
    match err {
        EncodeError::OtherString(s) => Error::LimitExceeded(s),
        other => Error::InvalidValue(other.to_string()),
    }
}

/// Decodes a length prefix and checks it against `max` and against the bytes remaining, each
/// member taking at least `min_member_bytes`. Nothing is allocated before this returns.
pub(crate) fn decode_len<D: Decoder<Context = Ctx>>(
    decoder: &mut D,
    max: usize,
    min_member_bytes: usize,
    what: &str,
) -> std::result::Result<usize, DecodeError> {
    let declared = u64::decode(decoder)?;
    if declared > max as u64 {
        return Err(fail(
            decoder,
            Error::LimitExceeded(format!(
                "{what}: {declared} declared, at most {max} allowed"
            )),
        ));
    }
    let len = declared as usize;
    let need = len.saturating_mul(min_member_bytes);
    if decoder.reader().peek_read(need).is_none() {
        return Err(fail(
            decoder,
            Error::Truncated(format!("{what}: {len} declared, fewer bytes remain")),
        ));
    }
    Ok(len)
}

/// Decodes a length-prefixed UTF-8 string of at most `max` bytes, allocating only once its
/// bytes are known to be present.
pub(crate) fn decode_str<D: Decoder<Context = Ctx>>(
    decoder: &mut D,
    max: usize,
    what: &str,
) -> std::result::Result<String, DecodeError> {
    let len = decode_len(decoder, max, 1, what)?;
    let text = match decoder.reader().peek_read(len).map(std::str::from_utf8) {
        Some(Ok(s)) => s.to_owned(),
        Some(Err(_)) => {
            return Err(fail(
                decoder,
                Error::InvalidValue(format!("{what}: not UTF-8")),
            ));
        }
        None => return Err(fail(decoder, Error::Truncated(what.into()))),
    };
    decoder.reader().consume(len);
    Ok(text)
}

/// Writes a length-prefixed string. Encoding a `&str` in bincode is exactly this.
pub(crate) fn encode_str<E: Encoder>(
    encoder: &mut E,
    text: &str,
) -> std::result::Result<(), EncodeError> {
    text.encode(encoder)
}

/// Free text: names, reasons, reference numbers, URIs. UTF-8, at most [`MAX_TEXT_BYTES`] bytes.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(String);

impl Text {
    /// Wraps a string, refusing one over the length limit.
    pub fn new(text: impl Into<String>) -> Result<Text> {
        let text = text.into();
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::LimitExceeded(format!(
                "text of {} bytes, at most {MAX_TEXT_BYTES} allowed",
                text.len()
            )));
        }
        Ok(Text(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::str::FromStr for Text {
    type Err = Error;
    fn from_str(s: &str) -> Result<Text> {
        Text::new(s)
    }
}

impl Encode for Text {
    fn encode<E: Encoder>(&self, encoder: &mut E) -> std::result::Result<(), EncodeError> {
        encode_str(encoder, &self.0)
    }
}

impl Decode<Ctx> for Text {
    fn decode<D: Decoder<Context = Ctx>>(
        decoder: &mut D,
    ) -> std::result::Result<Self, DecodeError> {
        decode_str(decoder, MAX_TEXT_BYTES, "text").map(Text)
    }
}
bincode::impl_borrow_decode_with_context!(Text, Ctx);

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Text::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A set: members strictly ascending by their canonical bytes, so that the same set always has
/// the same encoding. Built from any list (sorted and de-duplicated); decoding refuses members
/// out of order or repeated.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Set<T>(Vec<T>);

impl<T: Encode> Set<T> {
    /// Sorts `members` by their canonical bytes and drops exact repeats.
    pub fn new(members: Vec<T>) -> Result<Set<T>> {
        if members.len() > MAX_ITEMS {
            return Err(Error::LimitExceeded(format!(
                "{} members, at most {MAX_ITEMS} allowed",
                members.len()
            )));
        }
        let mut keyed = members
            .into_iter()
            .map(|m| Ok((to_bytes(&m)?, m)))
            .collect::<Result<Vec<_>>>()?;
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        Ok(Set(keyed.into_iter().map(|(_, m)| m).collect()))
    }
}

impl<T> Set<T> {
    /// The empty set.
    pub fn empty() -> Set<T> {
        Set(Vec::new())
    }

    /// Members in canonical order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set has no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Members in canonical order, as a slice.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set::empty()
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(&self.0).finish()
    }
}

impl<T: Encode> Encode for Set<T> {
    fn encode<E: Encoder>(&self, encoder: &mut E) -> std::result::Result<(), EncodeError> {
        (self.0.len() as u64).encode(encoder)?;
        for member in &self.0 {
            member.encode(encoder)?;
        }
        Ok(())
    }
}

impl<T: Encode + Decode<Ctx>> Decode<Ctx> for Set<T> {
    fn decode<D: Decoder<Context = Ctx>>(
        decoder: &mut D,
    ) -> std::result::Result<Self, DecodeError> {
        let len = decode_len(decoder, MAX_ITEMS, 1, "set")?;
        let mut members = Vec::new();
        let mut previous: Option<Vec<u8>> = None;
        for _ in 0..len {
            let member = T::decode(decoder)?;
            let bytes = to_bytes(&member).map_err(|e| fail(decoder, e))?;
            if previous.as_ref().is_some_and(|p| *p >= bytes) {
                return Err(fail(
                    decoder,
                    Error::NonCanonical("set members are not strictly ascending".into()),
                ));
            }
            previous = Some(bytes);
            members.push(member);
        }
        Ok(Set(members))
    }
}

impl<'de, T: Encode + Decode<Ctx>> bincode::BorrowDecode<'de, Ctx> for Set<T> {
    fn borrow_decode<D: bincode::de::BorrowDecoder<'de, Context = Ctx>>(
        decoder: &mut D,
    ) -> std::result::Result<Self, DecodeError> {
        Set::decode(decoder)
    }
}

impl<T: serde::Serialize> serde::Serialize for Set<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: serde::Deserialize<'de> + Encode> serde::Deserialize<'de> for Set<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Set::new(Vec::<T>::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// Decodes a complete value from `bytes`: all of them, canonically.
pub(crate) fn decode_exact<T: Decode<Ctx> + Encode>(bytes: &[u8]) -> Result<T> {
    let mut decoder =
        bincode::de::DecoderImpl::new(ByteReader { rest: bytes }, CONFIG, Ctx::default());
    let value = match T::decode(&mut decoder) {
        Ok(value) => value,
        Err(e) => return Err(decode_error(decoder.context().error.take(), e)),
    };
    let remaining = decoder.reader().rest.len();
    if remaining != 0 {
        return Err(Error::TrailingBytes(remaining));
    }
    if to_bytes(&value)? != bytes {
        return Err(Error::NonCanonical(
            "the bytes decode but are not the canonical encoding (a non-minimal integer)".into(),
        ));
    }
    Ok(value)
}

/// A slice reader that can say how much is left (bincode's own cannot).
struct ByteReader<'a> {
    rest: &'a [u8],
}

impl Reader for ByteReader<'_> {
    fn read(&mut self, bytes: &mut [u8]) -> std::result::Result<(), DecodeError> {
        match self.rest.split_at_checked(bytes.len()) {
            Some((head, tail)) => {
                bytes.copy_from_slice(head);
                self.rest = tail;
                Ok(())
            }
            None => Err(DecodeError::UnexpectedEnd {
                additional: bytes.len() - self.rest.len(),
            }),
        }
    }

    fn peek_read(&mut self, n: usize) -> Option<&[u8]> {
        self.rest.get(..n)
    }

    fn consume(&mut self, n: usize) {
        self.rest = self.rest.get(n..).unwrap_or_default();
    }
}
