//! What an event is about: identified objects, and quantities of products or lots.

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, Set, fail};
use crate::error::{Error, Result};
use crate::ids::{ClassId, ObjectId};

/// Largest decimal exponent, either way. Quantities and extension numbers beyond ±10^18 are
/// data errors in supply chains.
const MAX_EXPONENT: i8 = 18;

/// An exact decimal number, `mantissa × 10^exponent`, in its one canonical form: the mantissa
/// has no trailing zero (and zero is `0 × 10^0`). Floats are never stored: `0.1 + 0.2` must
/// not become part of a signed record.
///
/// ```
/// use tracemark::record::Decimal;
/// let d: Decimal = "12.500".parse()?;
/// assert_eq!((d.mantissa(), d.exponent()), (125, -1));
/// assert_eq!(d.to_string(), "12.5");
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i64,
    exponent: i8,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        exponent: 0,
    };

    /// The canonical decimal equal to `mantissa × 10^exponent`.
    pub fn new(mut mantissa: i64, mut exponent: i8) -> Result<Decimal> {
        if mantissa == 0 {
            return Ok(Decimal {
                mantissa: 0,
                exponent: 0,
            });
        }
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent = exponent
                .checked_add(1)
                .ok_or_else(|| range_error(mantissa))?;
        }
        if !(-MAX_EXPONENT..=MAX_EXPONENT).contains(&exponent) {
            return Err(range_error(mantissa));
        }
        Ok(Decimal { mantissa, exponent })
    }

    /// An integer.
    pub fn from_i64(value: i64) -> Result<Decimal> {
        Decimal::new(value, 0)
    }

    /// The mantissa (no trailing zero).
    pub fn mantissa(&self) -> i64 {
        self.mantissa
    }

    /// The power of ten.
    pub fn exponent(&self) -> i8 {
        self.exponent
    }

    /// Whether the number is below zero.
    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The exact sum, or `None` when it does not fit (mantissa beyond `i64`, exponents more
    /// than 18 apart).
    ///
    /// ```
    /// use tracemark::record::Decimal;
    /// let a: Decimal = "12.5".parse()?;
    /// assert_eq!(a.checked_add("0.75".parse()?).map(|d| d.to_string()), Some("13.25".into()));
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let exponent = self.exponent.min(other.exponent);
        let scale = |d: Decimal| -> Option<i128> {
            let shift = u32::try_from(i32::from(d.exponent) - i32::from(exponent)).ok()?;
            i128::from(d.mantissa).checked_mul(10i128.checked_pow(shift)?)
        };
        let sum = scale(self)?.checked_add(scale(other)?)?;
        let (mut mantissa, mut exponent) = (sum, exponent);
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exponent = exponent.checked_add(1)?;
        }
        Decimal::new(i64::try_from(mantissa).ok()?, exponent).ok()
    }

    /// The nearest `f64`, for arithmetic that tolerates rounding (statistics, plots).
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

fn range_error(mantissa: i64) -> Error {
    Error::InvalidQuantity(format!(
        "{mantissa}: beyond the exponent range ±{MAX_EXPONENT} of a decimal"
    ))
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let exp = i32::from(self.exponent);
        if exp >= 0 {
            return write!(f, "{sign}{digits}{}", "0".repeat(exp as usize));
        }
        let point = digits.len() as i32 + exp;
        if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            write!(f, "{sign}{int}.{frac}")
        } else {
            write!(f, "{sign}0.{}{digits}", "0".repeat((-point) as usize))
        }
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({self})")
    }
}

impl std::str::FromStr for Decimal {
    type Err = Error;
    /// Plain or scientific notation: `-12.50`, `1e3`, `2.5E-4`.
    fn from_str(text: &str) -> Result<Decimal> {
        let bad = || Error::InvalidQuantity(format!("{text:?} is not a decimal number"));
        let (number, exp_part) = match text.find(['e', 'E']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let mut exponent: i64 = match exp_part {
            Some(e) => e.parse::<i64>().map_err(|_| bad())?,
            None => 0,
        };
        let (negative, unsigned) = match number.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, number),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !all_digits(int) || !all_digits(frac) || (unsigned.ends_with('.')) {
            return Err(bad());
        }
        // Trailing zeros go to the exponent before the digits are accumulated, so that
        // "918000000000000000000" (918e18, which Display prints) does not overflow.
        let digits: String = int.chars().chain(frac.chars()).collect();
        let significant = digits.trim_end_matches('0');
        exponent -= frac.len() as i64;
        exponent += (digits.len() - significant.len()) as i64;
        let mut mantissa: i64 = 0;
        for b in significant.bytes() {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or_else(|| {
                    Error::InvalidQuantity(format!(
                        "{text:?} has too many significant digits for a 64-bit mantissa"
                    ))
                })?;
        }
        if negative {
            mantissa = -mantissa;
        }
        if mantissa == 0 {
            return Ok(Decimal {
                mantissa: 0,
                exponent: 0,
            });
        }
        let exponent = i8::try_from(exponent).map_err(|_| range_error(mantissa))?;
        Decimal::new(mantissa, exponent)
    }
}

impl Encode for Decimal {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.mantissa.encode(e)?;
        self.exponent.encode(e)
    }
}

impl Decode<Ctx> for Decimal {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let mantissa = i64::decode(d)?;
        let exponent = i8::decode(d)?;
        match Decimal::new(mantissa, exponent) {
            Ok(v) if v.mantissa == mantissa && v.exponent == exponent => Ok(v),
            Ok(_) => Err(fail(
                d,
                Error::NonCanonical(format!("decimal {mantissa}e{exponent} has a trailing zero")),
            )),
            Err(e) => Err(fail(d, e)),
        }
    }
}
bincode::impl_borrow_decode_with_context!(Decimal, Ctx);

impl Serialize for Decimal {
    /// A JSON number when a double holds it exactly, else a string, so no digit is lost.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        if self.exponent >= 0 && self.exponent < 4 && self.mantissa.unsigned_abs() < (1 << 40) {
            let value = self.mantissa * 10i64.pow(self.exponent as u32);
            return s.serialize_i64(value);
        }
        let text = self.to_string();
        match text.parse::<f64>() {
            Ok(f) if f.to_string().parse::<Decimal>().ok() == Some(*self) => s.serialize_f64(f),
            _ => s.serialize_str(&text),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            serde_json::Value::Number(n) => n.to_string().parse().map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(format!("{other} is not a number"))),
        }
    }
}

/// A unit of measure: a UN/ECE Recommendation 20 code, 2 or 3 upper-case letters or digits
/// (`KGM` kilogram, `LTR` litre, `EA` each), as EPCIS uses.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uom(String);

impl Uom {
    /// Parses a UN/ECE Rec 20 code.
    pub fn parse(text: &str) -> Result<Uom> {
        let ok = (2..=3).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !ok {
            return Err(Error::InvalidQuantity(format!(
                "{text:?} is not a UN/ECE Rec 20 unit code (2 or 3 upper-case letters or digits)"
            )));
        }
        Ok(Uom(text.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Uom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl fmt::Debug for Uom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uom({})", self.0)
    }
}
impl std::str::FromStr for Uom {
    type Err = Error;
    fn from_str(text: &str) -> Result<Uom> {
        Uom::parse(text)
    }
}
impl Encode for Uom {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.as_str().encode(e)
    }
}
impl Decode<Ctx> for Uom {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let text = crate::codec::decode_str(d, 3, "unit of measure")?;
        Uom::parse(&text).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Uom, Ctx);
crate::keys::serde_via_text!(Uom);

/// An amount, never negative, with its unit (no unit means a count of trade items).
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Serialize, Deserialize)]
pub struct Quantity {
    /// How much.
    pub value: Decimal,
    /// Of what unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uom: Option<Uom>,
}

impl Quantity {
    /// A quantity; refuses a negative value.
    pub fn new(value: Decimal, uom: Option<Uom>) -> Result<Quantity> {
        if value.is_negative() {
            return Err(Error::InvalidQuantity(format!("{value} is negative")));
        }
        Ok(Quantity { value, uom })
    }

    /// A count of trade items.
    pub fn count(n: u32) -> Quantity {
        let (mut mantissa, mut exponent) = (i64::from(n), 0i8);
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        Quantity {
            value: Decimal { mantissa, exponent },
            uom: None,
        }
    }
}

impl Decode<Ctx> for Quantity {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let value = Decimal::decode(d)?;
        let uom = Option::<Uom>::decode(d)?;
        Quantity::new(value, uom).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Quantity, Ctx);

/// A quantity of a product or lot (EPCIS `quantityElement`). Without a quantity it says only
/// that some of the class was involved.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct QuantityElement {
    /// The product or lot.
    pub class: ClassId,
    /// How much of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
}

/// What an event is about: objects identified one by one, and quantities of classes.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Goods {
    /// Serialised items and logistic units.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub objects: Set<ObjectId>,
    /// Quantities of products or lots.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub quantities: Set<QuantityElement>,
}

impl Goods {
    /// Goods made of identified objects only.
    pub fn objects(objects: Vec<ObjectId>) -> Result<Goods> {
        Ok(Goods {
            objects: Set::new(objects)?,
            quantities: Set::empty(),
        })
    }

    /// Goods made of quantities only.
    pub fn quantities(quantities: Vec<QuantityElement>) -> Result<Goods> {
        Ok(Goods {
            objects: Set::empty(),
            quantities: Set::new(quantities)?,
        })
    }

    /// Whether nothing is named.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.quantities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn decimals_are_canonical_and_exact() {
        for (text, m, e, shown) in [
            ("0", 0, 0, "0"),
            ("-0.000", 0, 0, "0"),
            ("12.500", 125, -1, "12.5"),
            ("1200", 12, 2, "1200"),
            ("0.0025", 25, -4, "0.0025"),
            ("2.5E-4", 25, -5, "0.00025"),
            ("-7e2", -7, 2, "-700"),
            ("918e18", 918, 18, "918000000000000000000"),
            ("918000000000000000000", 918, 18, "918000000000000000000"),
            ("0.000000000000000001", 1, -18, "0.000000000000000001"),
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(
                (d.mantissa(), d.exponent(), d.to_string().as_str()),
                (m, e, shown),
                "{text}"
            );
        }
        for bad in [
            "",
            "-",
            "1.",
            ".5",
            "1e",
            "abc",
            "1.2.3",
            "1e999",
            "12345678901234567891",
        ] {
            assert_eq!(
                bad.parse::<Decimal>().unwrap_err().code(),
                "invalid_quantity",
                "{bad}"
            );
        }
        assert!(Quantity::new("-1".parse().unwrap(), None).is_err());
        assert_eq!(Quantity::count(12).value.to_string(), "12");
    }
}
