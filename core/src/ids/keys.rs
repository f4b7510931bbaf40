//! Numeric GS1 keys with a check digit: GTIN, GLN, SSCC; and the GS1 company prefix.

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};

use crate::codec::{Ctx, fail};
use crate::error::{Error, Result};

/// The GS1 check digit of `digits` (the key without its check digit): weights 3 and 1
/// alternating from the right.
pub fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// Checks that `text` is all ASCII digits of one of `lengths` with a valid check digit.
fn checked_digits(text: &str, lengths: &[usize], what: &str) -> std::result::Result<(), String> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{text:?}: a {what} is digits only"));
    }
    if !lengths.contains(&text.len()) {
        return Err(format!(
            "{text:?}: {} digits, a {what} has {lengths:?}",
            text.len()
        ));
    }
    let (body, check) = text.as_bytes().split_at(text.len() - 1);
    let expected = check_digit(body);
    if check[0] - b'0' != expected {
        return Err(format!(
            "{text:?}: check digit {} should be {expected}",
            check[0] as char
        ));
    }
    Ok(())
}

macro_rules! numeric_key {
    ($(#[$doc:meta])* $name:ident, $width:literal, $lengths:expr, $err:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u64);

        impl $name {
            /// Number of digits in the normalised form.
            pub const DIGITS: usize = $width;

            /// Parses the plain digit string, check digit verified.
            pub fn parse(text: &str) -> Result<$name> {
                checked_digits(text, &$lengths, $what).map_err(Error::$err)?;
                if text.bytes().all(|b| b == b'0') {
                    return Err(Error::$err(format!("{text:?}: no {} is all zeros", $what)));
                }
                // At most 18 digits, so it fits a u64.
                text.parse::<u64>().map($name).map_err(|e| Error::$err(e.to_string()))
            }

            /// The key from its digits without the check digit, which is computed and appended.
            pub fn with_check_digit(body: &str) -> Result<$name> {
                if !body.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(Error::$err(format!("{body:?}: a {} is digits only", $what)));
                }
                $name::parse(&format!("{body}{}", check_digit(body.as_bytes())))
            }

            /// The key from its numeric value (leading zeros implied), check digit verified.
            pub fn from_u64(value: u64) -> Result<$name> {
                if value >= 10u64.pow($width) {
                    return Err(Error::$err(format!("{value} has more than {} digits", $width)));
                }
                $name::parse(&format!("{value:0w$}", w = $width))
            }

            /// The numeric value.
            pub fn as_u64(&self) -> u64 {
                self.0
            }

            /// The normalised digits, zero-padded on the left.
            pub fn digits(&self) -> String {
                format!("{:0w$}", self.0, w = $width)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:0w$}", self.0, w = $width)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
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
                self.0.encode(e)
            }
        }

        impl Decode<Ctx> for $name {
            fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
                let value = u64::decode(d)?;
                $name::from_u64(value).map_err(|e| fail(d, e))
            }
        }
        bincode::impl_borrow_decode_with_context!($name, Ctx);
        crate::keys::serde_via_text!($name);
    };
}

numeric_key!(
    /// A Global Trade Item Number: 8, 12, 13 or 14 digits with a check digit, normalised to 14.
    ///
    /// ```
    /// use tracemark::ids::Gtin;
    /// let gtin: Gtin = "9506000134352".parse()?; // a GTIN-13
    /// assert_eq!(gtin.to_string(), "09506000134352");
    /// assert_eq!("9506000134353".parse::<Gtin>().unwrap_err().code(), "invalid_gtin");
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    Gtin, 14, [8, 12, 13, 14], InvalidGtin, "GTIN"
);

numeric_key!(
    /// A Global Location Number: 13 digits with a check digit. Names a party or a place.
    Gln, 13, [13], InvalidGln, "GLN"
);

numeric_key!(
    /// A Serial Shipping Container Code: 18 digits with a check digit. Names a logistic unit
    /// such as a pallet.
    Sscc, 18, [18], InvalidSscc, "SSCC"
);

/// A GS1 company prefix: 4 to 12 digits (leading zeros matter). A key of the company begins
/// with it, after the indicator or extension digit for GTIN-14 and SSCC.
///
/// ```
/// use tracemark::ids::{CompanyPrefix, Gtin};
/// let prefix: CompanyPrefix = "9506000".parse()?;
/// assert!(prefix.covers_gtin(&"09506000134352".parse::<Gtin>()?));
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CompanyPrefix(String);

impl CompanyPrefix {
    /// Parses 4 to 12 digits.
    pub fn parse(text: &str) -> Result<CompanyPrefix> {
        if !(4..=12).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::InvalidCompanyPrefix(format!(
                "{text:?}: a GS1 company prefix is 4 to 12 digits"
            )));
        }
        Ok(CompanyPrefix(text.to_owned()))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the GTIN was allocated under this prefix (digits 2.. of the GTIN-14).
    pub fn covers_gtin(&self, gtin: &Gtin) -> bool {
        gtin.digits()[1..].starts_with(&self.0)
    }

    /// Whether the GLN was allocated under this prefix.
    pub fn covers_gln(&self, gln: &Gln) -> bool {
        gln.digits().starts_with(&self.0)
    }

    /// Whether the SSCC was allocated under this prefix (after the extension digit).
    pub fn covers_sscc(&self, sscc: &Sscc) -> bool {
        sscc.digits()[1..].starts_with(&self.0)
    }
}

impl fmt::Display for CompanyPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for CompanyPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CompanyPrefix({})", self.0)
    }
}

impl std::str::FromStr for CompanyPrefix {
    type Err = Error;
    fn from_str(text: &str) -> Result<CompanyPrefix> {
        CompanyPrefix::parse(text)
    }
}

impl Encode for CompanyPrefix {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.as_str().encode(e)
    }
}

impl Decode<Ctx> for CompanyPrefix {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let text = crate::codec::decode_str(d, 12, "company prefix")?;
        CompanyPrefix::parse(&text).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(CompanyPrefix, Ctx);
crate::keys::serde_via_text!(CompanyPrefix);

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn check_digits_of_known_keys() {
        // Examples from the GS1 General Specifications.
        assert!(Gtin::parse("09506000134352").is_ok());
        assert!(Gtin::parse("96385074").is_ok()); // GTIN-8
        assert!(Gtin::parse("614141000036").is_ok()); // GTIN-12
        assert!(Gln::parse("9521234543213").is_ok());
        assert!(Sscc::parse("106141412345678908").is_ok());
        assert_eq!(
            Gtin::parse("12345670").map(|g| g.digits()).unwrap(),
            "00000012345670"
        );
    }

    #[test]
    fn every_wrong_check_digit_is_refused() {
        for wrong in 0..10u8 {
            let text = format!("0950600013435{wrong}");
            assert_eq!(Gtin::parse(&text).is_ok(), wrong == 2, "{text}");
        }
        for bad in [
            "",
            "abc",
            "0950600013435",
            "095060001343522",
            "09506000134352 ",
        ] {
            assert_eq!(
                Gtin::parse(bad).unwrap_err().code(),
                "invalid_gtin",
                "{bad:?}"
            );
        }
        assert_eq!(
            Gtin::from_u64(10u64.pow(14)).unwrap_err().code(),
            "invalid_gtin"
        );
        assert_eq!(
            CompanyPrefix::parse("123").unwrap_err().code(),
            "invalid_company_prefix"
        );
    }
}
