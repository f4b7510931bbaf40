//! GS1 Core Business Vocabulary (CBV 2.0) terms, and the URIs that stand in for terms outside it.
//!
//! A CBV term is stored as its bare word (`shipping`), exactly as EPCIS 2.0 JSON writes it;
//! anything else must be an absolute URI owned by whoever defined it. The CBV's own URI forms
//! (`https://ref.gs1.org/cbv/BizStep-shipping`, `urn:epcglobal:cbv:bizstep:shipping`) are
//! accepted when parsing text but never stored, so a term has one encoding.

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};

use crate::codec::{Ctx, MAX_TEXT_BYTES, decode_str, fail};
use crate::error::{Error, Result};

/// An absolute URI (RFC 3986 scheme, then at least one character, no spaces or controls).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uri(String);

impl Uri {
    /// Parses an absolute URI.
    pub fn parse(text: &str) -> Result<Uri> {
        let bad = |why: &str| Error::InvalidTerm(format!("{text:?} is not an absolute URI: {why}"));
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::LimitExceeded(format!("URI of {} bytes", text.len())));
        }
        match uri_problem(text) {
            Some(why) => Err(bad(why)),
            None => Ok(Uri(text.to_owned())),
        }
    }

    /// The URI text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uri({})", self.0)
    }
}

impl std::str::FromStr for Uri {
    type Err = Error;
    fn from_str(text: &str) -> Result<Uri> {
        Uri::parse(text)
    }
}

impl Encode for Uri {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.as_str().encode(e)
    }
}

impl Decode<Ctx> for Uri {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let text = decode_str(d, MAX_TEXT_BYTES, "URI")?;
        Uri::parse(&text).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Uri, Ctx);
crate::keys::serde_via_text!(Uri);

/// What keeps `text` from being an absolute URI (an RFC 3986 scheme, a colon, at least one
/// more character, no white space or control characters), or `None`.
pub(crate) fn uri_problem(text: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = text.split_once(':') else {
        return Some("no scheme");
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        Some("the scheme is not letters, digits, '+', '-', '.'")
    } else if rest.is_empty() {
        Some("nothing after the scheme")
    } else if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("it contains white space or control characters")
    } else {
        None
    }
}

/// Defines a CBV vocabulary: an enum of its terms plus `Other(Uri)`.
macro_rules! cbv_vocabulary {
    ($(#[$doc:meta])* $name:ident, $web:literal, $urn:literal, { $($variant:ident = $term:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("CBV `", $term, "`.")]
                $variant,
            )+
            /// A term outside the CBV, named by its absolute URI.
            Other(Uri),
        }

        impl $name {
            /// Every CBV term of this vocabulary, in CBV order.
            pub const TERMS: &'static [&'static str] = &[$($term),+];

            /// The bare CBV word, or the URI of a term outside the CBV.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $term,)+
                    $name::Other(uri) => uri.as_str(),
                }
            }

            fn from_term(term: &str) -> Option<$name> {
                match term {
                    $($term => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Parses a bare CBV word, a CBV URI (web or URN form), or any other absolute URI.
            pub fn parse(text: &str) -> Result<$name> {
                if let Some(t) = $name::from_term(text) {
                    return Ok(t);
                }
                let cbv_word = text
                    .strip_prefix(concat!("https://ref.gs1.org/cbv/", $web, "-"))
                    .or_else(|| text.strip_prefix(concat!("urn:epcglobal:cbv:", $urn, ":")));
                if let Some(word) = cbv_word {
                    return $name::from_term(word).ok_or_else(|| {
                        Error::InvalidTerm(format!("{text:?} is not a CBV {} term", $web))
                    });
                }
                if !text.contains(':') {
                    return Err(Error::InvalidTerm(format!(
                        "{text:?} is not a CBV {} term, and a term outside the CBV must be a URI",
                        $web
                    )));
                }
                Uri::parse(text).map($name::Other)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
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
                let text = decode_str(d, MAX_TEXT_BYTES, $web)?;
                match $name::parse(&text) {
                    Ok(term) if term.as_str() == text => Ok(term),
                    Ok(_) => Err(fail(d, Error::NonCanonical(format!(
                        "{text:?}: a CBV term is stored as its bare word"
                    )))),
                    Err(e) => Err(fail(d, e)),
                }
            }
        }
        bincode::impl_borrow_decode_with_context!($name, Ctx);
        crate::keys::serde_via_text!($name);
    };
}

cbv_vocabulary!(
    /// The business step of an event (CBV BizStep): what was being done.
    BizStep, "BizStep", "bizstep", {
        Accepting = "accepting", Arriving = "arriving", Assembling = "assembling",
        Collecting = "collecting", Commissioning = "commissioning", Consigning = "consigning",
        CreatingClassInstance = "creating_class_instance", CycleCounting = "cycle_counting",
        Decommissioning = "decommissioning", Departing = "departing", Destroying = "destroying",
        Disassembling = "disassembling", Dispensing = "dispensing", Encoding = "encoding",
        EnteringExiting = "entering_exiting", Holding = "holding", Inspecting = "inspecting",
        Installing = "installing", Killing = "killing", Loading = "loading", OtherStep = "other",
        Packing = "packing", Picking = "picking", Receiving = "receiving", Removing = "removing",
        Repackaging = "repackaging", Repairing = "repairing", Replacing = "replacing",
        Reserving = "reserving", RetailSelling = "retail_selling", Sampling = "sampling",
        SensorReporting = "sensor_reporting", Shipping = "shipping",
        StagingOutbound = "staging_outbound", StockTaking = "stock_taking", Stocking = "stocking",
        Storing = "storing", Transporting = "transporting", Unloading = "unloading",
        Unpacking = "unpacking", VoidShipping = "void_shipping",
    }
);

cbv_vocabulary!(
    /// The disposition after an event (CBV Disp): the business state of the objects.
    Disposition, "Disp", "disp", {
        Active = "active", Available = "available",
        CompletenessInferred = "completeness_inferred",
        CompletenessVerified = "completeness_verified", Conformant = "conformant",
        ContainerClosed = "container_closed", ContainerOpen = "container_open",
        Damaged = "damaged", Destroyed = "destroyed", Dispensed = "dispensed",
        Disposed = "disposed", Encoded = "encoded", Expired = "expired",
        InProgress = "in_progress", InTransit = "in_transit", Inactive = "inactive",
        MismatchClass = "mismatch_class", MismatchInstance = "mismatch_instance",
        MismatchQuantity = "mismatch_quantity", NeedsReplacement = "needs_replacement",
        NoPedigreeMatch = "no_pedigree_match", NonConformant = "non_conformant",
        NonSellableOther = "non_sellable_other", PartiallyDispensed = "partially_dispensed",
        Recalled = "recalled", Reserved = "reserved", RetailSold = "retail_sold",
        Returned = "returned", SellableAccessible = "sellable_accessible",
        SellableNotAccessible = "sellable_not_accessible", Stolen = "stolen",
        Unavailable = "unavailable", Unknown = "unknown",
    }
);

cbv_vocabulary!(
    /// The type of a reference document (CBV BTT): despatch advice, invoice, bill of lading...
    DocumentType, "BTT", "btt", {
        BillOfLading = "bol", Certificate = "cert", DespatchAdvice = "desadv",
        Invoice = "inv", Pedigree = "pedigree", PurchaseOrder = "po",
        PurchaseOrderConfirmation = "poc", ProductionOrder = "prodorder",
        ReceivingAdvice = "recadv", ReturnMerchandiseAuthorisation = "rma",
        TestProcedure = "testprd", TestResult = "testres", UpstreamEpcisEvent = "upevt",
    }
);

cbv_vocabulary!(
    /// The role of a source or destination (CBV SDT).
    SourceDestType, "SDT", "sdt", {
        OwningParty = "owning_party", PossessingParty = "possessing_party", Location = "location",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn cbv_terms_parse_in_every_form_and_store_bare() {
        assert_eq!(BizStep::TERMS.len(), 41);
        assert_eq!(Disposition::TERMS.len(), 33);
        assert_eq!(DocumentType::TERMS.len(), 13);
        for term in BizStep::TERMS {
            let web = format!("https://ref.gs1.org/cbv/BizStep-{term}");
            let urn = format!("urn:epcglobal:cbv:bizstep:{term}");
            assert_eq!(BizStep::parse(&web).unwrap().as_str(), *term);
            assert_eq!(BizStep::parse(&urn).unwrap().as_str(), *term);
        }
        assert_eq!(
            BizStep::parse("https://example.com/steps/bottling").unwrap(),
            BizStep::Other(Uri::parse("https://example.com/steps/bottling").unwrap())
        );
        for bad in [
            "bottling",
            "https://ref.gs1.org/cbv/BizStep-bottling",
            "",
            "a b:c",
        ] {
            assert!(BizStep::parse(bad).is_err(), "{bad:?}");
        }
    }
}
