//! The record: one signed fact of a supply chain.
//!
//! A [`Record`] is the content: who signs (key, sequence number, previous record, time, the
//! party spoken for) and a [`Body`] of one [`RecordKind`]. [`Record::sign`] turns it into a
//! [`SignedRecord`], whose bytes are the canonical encoding defined in `spec/SPEC.md`:
//!
//! ```text
//! "tmrk" | version 0x01 | record (canonical bincode) | Ed25519 signature (64 bytes)
//! ```
//!
//! The [`RecordId`] is BLAKE3 (key derivation mode, context [`ID_CONTEXT`]) over everything
//! before the signature. The signature signs `"tracemark/record-signature" 0x00 version id`.
//! The id leaves the signature out so that it names the content: a signer re-signing the same
//! content yields the same id, and a chain links contents, not signature bytes.
//!
//! A decoded record is a [`SignedRecord`] whose facts are reached through
//! [`SignedRecord::unverified`]; only verification against a trust store
//! ([`crate::verify`]) produces a [`VerifiedRecord`](crate::verify::VerifiedRecord).

mod event;
mod goods;
mod kinds;
mod mentions;
mod recall;
mod received;
mod signed;

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::Ctx;
use crate::error::{Error, Result};
use crate::ids::Gln;
use crate::keys::PublicKey;
use crate::time::Timestamp;
use crate::trust::{KeyCertificate, KeyRevocation, RevocationReason};

pub use event::{Document, Event, ExtValue, Extensions, Location, SourceDest};
pub use goods::{Decimal, Goods, Quantity, QuantityElement, Uom};
pub use kinds::{
    Aggregation, AggregationAction, Commission, Status, StatusChange, Transfer, Transformation,
};
pub use mentions::Mention;
pub use recall::{
    DateField, DateWindow, NoticeStatus, RecallAction, RecallClass, RecallNotice, RecallScope,
    SerialRange, serial_order,
};
pub use received::ReceivedEvent;
pub use signed::{FORMAT_VERSION, ID_CONTEXT, MAGIC, SIGNATURE_DOMAIN, SignedRecord};

/// The content id of a record: 32 bytes of BLAKE3. Text form: `rec:` and 64 lowercase hex
/// digits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordId(pub(crate) [u8; 32]);

impl RecordId {
    /// The id from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> RecordId {
        RecordId(bytes)
    }

    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut digits = [0u8; 64];
        hex::encode_to_slice(self.0, &mut digits).map_err(|_| fmt::Error)?;
        f.write_str("rec:")?;
        f.write_str(std::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordId({self})")
    }
}

impl std::str::FromStr for RecordId {
    type Err = Error;
    fn from_str(text: &str) -> Result<RecordId> {
        let bad = || {
            Error::InvalidRecordId(format!(
                "{text:?} is not \"rec:\" and 64 lowercase hex digits"
            ))
        };
        let digits = text.strip_prefix("rec:").ok_or_else(bad)?;
        // One text form per id: upper-case hex is refused, though `hex` would accept it.
        if digits.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(digits, &mut bytes).map_err(|_| bad())?;
        Ok(RecordId(bytes))
    }
}

impl Encode for RecordId {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.encode(e)
    }
}

impl Decode<Ctx> for RecordId {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        <[u8; 32]>::decode(d).map(RecordId)
    }
}
bincode::impl_borrow_decode_with_context!(RecordId, Ctx);
crate::keys::serde_via_text!(RecordId);

macro_rules! record_kinds {
    ($($(#[$doc:meta])* $variant:ident($ty:ty) = $code:literal,)+) => {
        /// The kind of a record, as certificates name it.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode)]
        pub enum RecordKind {
            $($(#[$doc])* $variant,)+
        }

        impl RecordKind {
            /// Every kind, in tag order.
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant),+];

            /// The stable snake_case name.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(RecordKind::$variant => $code,)+
                }
            }

            /// The kind with this snake_case name.
            pub fn parse(text: &str) -> Result<RecordKind> {
                match text {
                    $($code => Ok(RecordKind::$variant),)+
                    _ => Err(Error::InvalidValue(format!("{text:?} is not a record kind"))),
                }
            }
        }

        /// What a record says. The variant order is the tag order of the encoding.
        #[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
        #[bincode(decode_context = "Ctx")]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Body {
            $($(#[$doc])* $variant($ty),)+
        }

        impl Body {
            /// Its kind.
            pub fn kind(&self) -> RecordKind {
                match self {
                    $(Body::$variant(_) => RecordKind::$variant,)+
                }
            }
        }
    };
}

record_kinds! {
    /// Goods come into existence.
    Commission(Commission) = "commission",
    /// Goods packed into or out of a container.
    Aggregation(Aggregation) = "aggregation",
    /// Goods sent.
    Shipping(Transfer) = "shipping",
    /// Goods received.
    Receiving(Transfer) = "receiving",
    /// Inputs become outputs.
    Transformation(Transformation) = "transformation",
    /// Goods sold, destroyed, stolen...
    StatusChange(StatusChange) = "status_change",
    /// A recall, its update or its withdrawal.
    RecallNotice(RecallNotice) = "recall_notice",
    /// A key may sign for parties.
    KeyCertificate(KeyCertificate) = "key_certificate",
    /// A key is no longer trusted.
    KeyRevocation(KeyRevocation) = "key_revocation",
    /// An EPCIS event received from a partner, attested by the importer.
    EpcisEvent(ReceivedEvent) = "epcis_event",
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RecordKind {
    type Err = Error;
    fn from_str(text: &str) -> Result<RecordKind> {
        RecordKind::parse(text)
    }
}
crate::keys::serde_via_text!(RecordKind);

/// The content of a record, before signing.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Record {
    /// The key that signs.
    pub signer: PublicKey,
    /// The signer's sequence number: 0 for its first record, then one more each time.
    pub seq: u64,
    /// The id of the signer's record with sequence number `seq - 1` (none for `seq == 0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<RecordId>,
    /// When the signer signed, by its own clock.
    pub signed_at: Timestamp,
    /// The party the signer speaks for, which its certificate must cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Gln>,
    /// What the record says.
    pub body: Body,
}

impl Record {
    /// Checks the rules of the model that the types alone cannot: the chain start, and that a
    /// record says something. Both signing and decoding apply it.
    pub fn validate(&self) -> Result<()> {
        let bad = |why: &str| Err(Error::InvalidRecord(why.to_owned()));
        if (self.seq == 0) != self.prev.is_none() {
            return bad("sequence number 0, and only it, has no previous record");
        }
        match &self.body {
            Body::Commission(c) if c.goods.is_empty() => bad("a commission names no goods"),
            Body::Aggregation(a)
                if a.action == AggregationAction::Pack && a.children.is_empty() =>
            {
                bad("packing names no children")
            }
            Body::Aggregation(a) if a.children.objects.iter().any(|c| *c == a.parent) => {
                bad("a container cannot contain itself")
            }
            Body::Shipping(t) | Body::Receiving(t) if t.goods.is_empty() => {
                bad("a transfer names no goods")
            }
            Body::Transformation(t) => {
                let both = !t.inputs.is_empty() && !t.outputs.is_empty();
                let linked =
                    t.transformation_id.is_some() && !(t.inputs.is_empty() && t.outputs.is_empty());
                if both || linked {
                    Ok(())
                } else {
                    bad("a transformation needs inputs and outputs, or an id and one of them")
                }
            }
            Body::StatusChange(s) if s.goods.is_empty() => bad("a status change names no goods"),
            Body::RecallNotice(n) => {
                if n.notice_id.as_str().is_empty() {
                    return bad("a recall notice needs an id");
                }
                if (n.revision == 0) != n.supersedes.is_none() {
                    return bad("revision 0, and only it, supersedes no earlier notice");
                }
                if n.status == NoticeStatus::Active && n.scope.is_empty() {
                    return bad("an active recall notice names nothing recalled");
                }
                if n.scope
                    .serial_ranges
                    .iter()
                    .any(|r| serial_order(&r.first, &r.last).is_gt())
                {
                    return bad("a serial range ends before it starts");
                }
                if n.scope.date_windows.iter().any(|w| w.from > w.until) {
                    return bad("a date window ends before it starts");
                }
                Ok(())
            }
            Body::KeyCertificate(c) => {
                if c.parties.is_empty() || c.kinds.is_empty() {
                    return bad("a certificate names no parties or no record kinds");
                }
                if c.valid_from >= c.valid_until {
                    return bad("a certificate's validity ends before it starts");
                }
                if c.subject == self.signer {
                    return bad("a key cannot certify itself");
                }
                Ok(())
            }
            Body::KeyRevocation(r) => {
                let compromise = r.reason == RevocationReason::KeyCompromise;
                if r.compromised_since.is_some() && !compromise {
                    return bad("only a compromise has a compromise time");
                }
                if r.compromised_since.is_some_and(|t| t > r.effective) {
                    return bad("a key is compromised before its revocation takes effect");
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The event context, for the kinds that are events.
    pub fn event(&self) -> Option<&Event> {
        match &self.body {
            Body::Commission(c) => Some(&c.event),
            Body::Aggregation(a) => Some(&a.event),
            Body::Shipping(t) | Body::Receiving(t) => Some(&t.event),
            Body::Transformation(t) => Some(&t.event),
            Body::StatusChange(s) => Some(&s.event),
            Body::RecallNotice(_)
            | Body::KeyCertificate(_)
            | Body::KeyRevocation(_)
            | Body::EpcisEvent(_) => None,
        }
    }
}
