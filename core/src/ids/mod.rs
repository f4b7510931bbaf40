//! GS1 identifiers as types that can only hold valid values.
//!
//! Keys with check digits ([`Gtin`], [`Gln`], [`Sscc`]), the company prefix, the alphanumeric
//! attributes that qualify them ([`Serial`] AI 21, [`Lot`] AI 10, [`GlnExtension`] AI 254, all
//! GS1 CSET 82, 1 to 20 characters), and their combinations: a serialised item ([`Sgtin`]), a
//! lot ([`Lgtin`]), a place ([`Sgln`]). They parse from plain digit strings here, and from the
//! three GS1 forms of identifiers, which convert into each other: [`ElementStrings`] (what a
//! barcode holds), [`DigitalLink`] (what a QR code's URL holds) and [`EpcUri`] (what EPCIS
//! holds); [`Identifier`] reads whichever form it is given.

pub mod ai;
mod digital_link;
mod element;
mod epc;
mod gs1_error;
mod identifier;
mod keys;
mod prefix_length;

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, fail};
use crate::error::{Error, Result};

pub use digital_link::{CANONICAL_STEM, DigitalLink};
pub use element::{Element, ElementStrings, ParseOptions};
pub use epc::{EpcKind, EpcUri};
pub use gs1_error::{Gs1Error, Syntax};
pub use identifier::Identifier;
pub use keys::{CompanyPrefix, Gln, Gtin, Sscc, check_digit};
pub use prefix_length::{CompanyPrefixLength, PrefixLengths};

/// The 82 characters of GS1 AI encodable character set 82, which serials and lots draw from.
pub const CSET82: &str =
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/// Whether every byte of `s` is an ASCII digit (true for the empty string).
pub(crate) fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn is_cset82(b: u8) -> bool {
    matches!(b, b'!' | b'"' | b'%'..=b'?' | b'A'..=b'Z' | b'_' | b'a'..=b'z')
}

fn check_cset82(text: &str, what: &str) -> std::result::Result<(), String> {
    if text.is_empty() || text.len() > 20 {
        return Err(format!("{text:?}: a {what} has 1 to 20 characters"));
    }
    if let Some((i, c)) = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii() || !is_cset82(*c as u8))
    {
        return Err(format!(
            "{text:?}: character {c:?} at {i} is not in GS1 CSET 82"
        ));
    }
    Ok(())
}

/// Up to 20 bytes of ASCII text, inline. Equality, order and hash are those of the text
/// (the unused tail is always zero), as they were when these attributes were `String`s.
#[derive(Clone, PartialEq, Eq)]
struct Inline20 {
    len: u8,
    bytes: [u8; 20],
}

impl Inline20 {
    /// `text` is checked CSET 82, so at most 20 ASCII bytes; longer text is cut (unreachable).
    fn new(text: &str) -> Inline20 {
        let mut bytes = [0; 20];
        let len = text.len().min(20);
        bytes[..len].copy_from_slice(&text.as_bytes()[..len]);
        Inline20 {
            len: len as u8,
            bytes,
        }
    }

    fn as_str(&self) -> &str {
        // CSET 82 is ASCII, so the check cannot fail.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }
}

impl PartialOrd for Inline20 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Inline20 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bytes[..self.len as usize].cmp(&other.bytes[..other.len as usize])
    }
}

impl std::hash::Hash for Inline20 {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

macro_rules! cset82_attribute {
    ($(#[$doc:meta])* $name:ident, $err:ident, $what:literal) => {
        $(#[$doc])*
        ///
        /// Held inline (at most 20 ASCII characters): copying one, as every record, key and
        /// spreadsheet row does, allocates nothing.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Inline20);

        impl $name {
            /// Parses 1 to 20 characters of GS1 CSET 82.
            pub fn parse(text: &str) -> Result<$name> {
                check_cset82(text, $what).map_err(Error::$err)?;
                Ok($name(Inline20::new(text)))
            }

            /// The characters.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(text: &str) -> Result<$name> {
                $name::parse(text)
            }
        }

        impl Encode for $name {
            fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
                self.as_str().encode(e)
            }
        }

        impl Decode<Ctx> for $name {
            fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
                let text = crate::codec::decode_str(d, 20, $what)?;
                $name::parse(&text).map_err(|e| fail(d, e))
            }
        }
        bincode::impl_borrow_decode_with_context!($name, Ctx);
        crate::keys::serde_via_text!($name);
    };
}

cset82_attribute!(
    /// A serial number (AI 21): with a GTIN it names one item.
    Serial, InvalidSerial, "serial number"
);
cset82_attribute!(
    /// A batch or lot number (AI 10): with a GTIN it names a lot.
    Lot, InvalidLot, "lot number"
);
cset82_attribute!(
    /// A GLN extension component (AI 254): a sub-location of a GLN, such as a dock door.
    GlnExtension, InvalidGln, "GLN extension"
);

/// A serialised item: GTIN plus serial number.
///
/// ```
/// use tracemark::ids::Sgtin;
/// let item = Sgtin::new("09506000134352".parse()?, "A1B2".parse()?);
/// assert_eq!(item.to_string(), "(01)09506000134352(21)A1B2");
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(
    Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode, Serialize, Deserialize,
)]
#[bincode(decode_context = "Ctx")]
pub struct Sgtin {
    /// The trade item.
    pub gtin: Gtin,
    /// Its serial number.
    pub serial: Serial,
}

impl Sgtin {
    /// An item from its GTIN and serial.
    pub fn new(gtin: Gtin, serial: Serial) -> Sgtin {
        Sgtin { gtin, serial }
    }
}

impl fmt::Display for Sgtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(01){}(21){}", self.gtin, self.serial)
    }
}

/// A lot (batch) of a trade item: GTIN plus lot number.
#[derive(
    Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode, Serialize, Deserialize,
)]
#[bincode(decode_context = "Ctx")]
#[serde(try_from = "LgtinJson")]
pub struct Lgtin {
    /// The trade item.
    pub gtin: Gtin,
    /// Its lot number.
    pub lot: Lot,
}

impl Lgtin {
    /// A lot from its GTIN and lot number.
    pub fn new(gtin: Gtin, lot: Lot) -> Lgtin {
        Lgtin { gtin, lot }
    }
}

/// A lot as JSON: `{"gtin", "lot"}` (how records write it), or the text a person writes,
/// `(01)…(10)…`, a Digital Link or an EPC URI, accepted on input.
#[derive(Deserialize)]
#[serde(untagged)]
enum LgtinJson {
    Parts { gtin: Gtin, lot: Lot },
    Text(String),
}

impl TryFrom<LgtinJson> for Lgtin {
    type Error = Error;
    fn try_from(json: LgtinJson) -> Result<Lgtin> {
        match json {
            LgtinJson::Parts { gtin, lot } => Ok(Lgtin { gtin, lot }),
            LgtinJson::Text(text) => Identifier::parse(&text)?
                .element_strings()
                .and_then(|e| e.lgtin())
                .ok_or_else(|| Error::InvalidLot(format!("{text:?} is not a GTIN with a lot"))),
        }
    }
}

impl fmt::Display for Lgtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(01){}(10){}", self.gtin, self.lot)
    }
}

/// A place or party: a GLN, optionally with an extension naming a sub-location.
#[derive(
    Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode, Serialize, Deserialize,
)]
#[bincode(decode_context = "Ctx")]
pub struct Sgln {
    /// The GLN.
    pub gln: Gln,
    /// The sub-location, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<GlnExtension>,
}

impl Sgln {
    /// A GLN without extension.
    pub fn new(gln: Gln) -> Sgln {
        Sgln {
            gln,
            extension: None,
        }
    }
}

impl fmt::Display for Sgln {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(414){}", self.gln)?;
        if let Some(ext) = &self.extension {
            write!(f, "(254){ext}")?;
        }
        Ok(())
    }
}

/// One physical thing a record is about: a serialised item or a logistic unit.
#[derive(
    Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode, Serialize, Deserialize,
)]
#[bincode(decode_context = "Ctx")]
#[serde(rename_all = "snake_case")]
pub enum ObjectId {
    /// A serialised trade item.
    Item(Sgtin),
    /// A logistic unit (pallet, case) by its SSCC.
    Unit(Sscc),
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectId::Item(i) => i.fmt(f),
            ObjectId::Unit(u) => write!(f, "(00){u}"),
        }
    }
}

/// A class of things counted by quantity rather than one by one: a product, or one lot of it.
#[derive(
    Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Encode, Decode, Serialize, Deserialize,
)]
#[bincode(decode_context = "Ctx")]
#[serde(rename_all = "snake_case")]
pub enum ClassId {
    /// Any unit of the trade item.
    Product(Gtin),
    /// Units of one lot.
    Lot(Lgtin),
}

impl ClassId {
    /// The trade item of the class.
    pub fn gtin(&self) -> &Gtin {
        match self {
            ClassId::Product(g) => g,
            ClassId::Lot(l) => &l.gtin,
        }
    }
}

impl fmt::Display for ClassId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassId::Product(g) => write!(f, "(01){g}"),
            ClassId::Lot(l) => l.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn cset82_has_82_characters_and_matches_the_predicate() {
        assert_eq!(CSET82.len(), 82);
        for b in 0u8..=255 {
            assert_eq!(is_cset82(b), CSET82.as_bytes().contains(&b), "byte {b}");
        }
    }

    #[test]
    fn serials_and_lots_are_bounded_cset82() {
        assert!(Serial::parse("ABC-123/x").is_ok());
        assert!(Serial::parse(&"9".repeat(20)).is_ok());
        for bad in ["", "has space", "é", &"9".repeat(21), "tab\t", "#"] {
            assert_eq!(
                Serial::parse(bad).unwrap_err().code(),
                "invalid_serial",
                "{bad:?}"
            );
            assert_eq!(
                Lot::parse(bad).unwrap_err().code(),
                "invalid_lot",
                "{bad:?}"
            );
        }
    }
}
