//! Any GS1 identifier text, read by its form: what a scanner, a web shop or an EPCIS document
//! hands over.
//!
//! ```
//! use tracemark::ids::{Identifier, Syntax};
//! for text in [
//!     "]d20109506000134352\u{1d}21A1",
//!     "]Q1https://example.com/01/09506000134352/21/A1",
//!     "urn:epc:id:sgtin:9506000.013435.A1",
//! ] {
//!     let id = Identifier::parse(text)?;
//!     assert_eq!(id.element_strings().unwrap().to_bracketed(), "(01)09506000134352(21)A1");
//! }
//! assert_eq!(Identifier::parse("urn:epc:id:sscc:9506000.0000000001")?.syntax(), Syntax::EpcUri);
//! # Ok::<(), tracemark::Error>(())
//! ```

use super::{DigitalLink, ElementStrings, EpcUri, ParseOptions, Syntax};
use crate::error::Result;

/// A GS1 identifier in one of its three forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identifier {
    /// Element strings, as a barcode of AIs holds them.
    ElementStrings(ElementStrings),
    /// A GS1 Digital Link URI.
    DigitalLink(DigitalLink),
    /// An EPC URI.
    Epc(EpcUri),
}

/// Symbology identifiers of barcodes that hold a plain URL (QR Code and Data Matrix in their
/// non-GS1 modes, which is how Digital Link is printed), besides the GS1 ones.
const URL_SYMBOLOGIES: [&str; 6] = ["]Q1", "]d1", "]Q3", "]d2", "]Q0", "]d0"];

impl Identifier {
    /// Reads `text` as an EPC URI (`urn:epc:`), a Digital Link (`http://` or `https://`,
    /// with or without a symbology identifier in front) or element strings.
    pub fn parse(text: &str) -> Result<Identifier> {
        Identifier::parse_with(text, ParseOptions::default())
    }

    /// [`Identifier::parse`] with options.
    pub fn parse_with(text: &str, options: ParseOptions) -> Result<Identifier> {
        if text.starts_with("urn:epc:") {
            return EpcUri::parse(text).map(Identifier::Epc);
        }
        let url = URL_SYMBOLOGIES
            .iter()
            .find_map(|id| text.strip_prefix(id))
            .unwrap_or(text);
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return DigitalLink::parse_with(url, options).map(Identifier::DigitalLink);
        }
        ElementStrings::parse_with(text, options).map(Identifier::ElementStrings)
    }

    /// The form it was read in.
    pub fn syntax(&self) -> Syntax {
        match self {
            Identifier::ElementStrings(_) => Syntax::ElementString,
            Identifier::DigitalLink(_) => Syntax::DigitalLink,
            Identifier::Epc(_) => Syntax::EpcUri,
        }
    }

    /// The AIs it holds; `None` only for an EPC pattern wider than one GS1 key.
    pub fn element_strings(&self) -> Option<ElementStrings> {
        match self {
            Identifier::ElementStrings(e) => Some(e.clone()),
            Identifier::DigitalLink(l) => Some(l.element_strings().clone()),
            Identifier::Epc(e) => e.element_strings(),
        }
    }

    /// The Digital Link: as read, or built on GS1's stem from the AIs.
    pub fn digital_link(&self) -> Result<Option<DigitalLink>> {
        match self {
            Identifier::DigitalLink(l) => Ok(Some(l.clone())),
            other => match other.element_strings() {
                Some(data) => DigitalLink::from_element_strings(&data, None).map(Some),
                None => Ok(None),
            },
        }
    }
}
