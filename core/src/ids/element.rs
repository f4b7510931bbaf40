//! GS1 element strings: a list of AIs with their values, as printed under a barcode
//! (`(01)09506000134352(10)ABC`) or as a scanner sends it (`]d201095060001343521 0ABC`, with
//! ASCII 29 group separators after variable-length values). Parsing checks every value against
//! the AI table ([`super::ai`]) and, unless asked not to, the AIs against each other (required
//! and excluded pairs, repeated AIs with different values).
//!
//! ```
//! use tracemark::ids::ElementStrings;
//! let scan = "]d2010950600013435217271231\u{1d}10ABC\u{1d}21XYZ";
//! let data = ElementStrings::parse(scan)?;
//! assert_eq!(data.to_bracketed(), "(01)09506000134352(17)271231(10)ABC(21)XYZ");
//! assert_eq!(data.sgtin().map(|i| i.serial.to_string()), Some("XYZ".into()));
//! let err = ElementStrings::parse("(01)09506000134353").unwrap_err();
//! assert_eq!(err.code(), "invalid_element_string");
//! assert!(err.to_string().contains("AI (01) at position 17"), "{err}");
//! # Ok::<(), tracemark::Error>(())
//! ```

use std::fmt;

use super::ai::{self, AiDefinition};
use super::gs1_error::{Gs1Error, Syntax};
use super::{Gln, GlnExtension, Gtin, Lgtin, Lot, Serial, Sgln, Sgtin, Sscc};
use crate::error::{Error, Result};

/// The group separator (ASCII 29) that scanners send for FNC1 after a variable-length value.
pub const GS: char = '\u{1d}';

/// Symbology identifiers whose data is GS1 element strings: GS1-128, GS1 DataBar and
/// composites, GS1 DataMatrix, GS1 QR Code, GS1 DotCode.
const AI_SYMBOLOGIES: [&str; 5] = ["]C1", "]e0", "]d2", "]Q3", "]J1"];

/// More AIs than any carrier holds: a guard against hostile input, not a GS1 rule.
const MAX_ELEMENTS: usize = 64;

/// One AI and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    definition: &'static AiDefinition,
    value: String,
}

impl Element {
    /// Whether `other` has the same AI (definitions are entries of one static table).
    pub(super) fn same_ai(&self, other: &Element) -> bool {
        std::ptr::eq(self.definition, other.definition)
    }

    /// The AI, e.g. `"01"`.
    pub fn ai(&self) -> &'static str {
        self.definition.ai
    }

    /// What the dictionary says about the AI.
    pub fn definition(&self) -> &'static AiDefinition {
        self.definition
    }

    /// The value, unescaped.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// How strictly to read element strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseOptions {
    /// Check that the AIs other AIs require are present (the dictionary's `req` rules). GS1
    /// says these hold over everything printed on an item, so a reader that sees only one of
    /// several barcodes may turn this off. Excluded pairs (`ex`) are checked either way, as in
    /// GS1's reference: two AIs that may not appear together are wrong in any one barcode.
    pub associations: bool,
    /// Digital Link only: accept a GTIN-8, -12 or -13 in the URI path, as Digital Link 1.1
    /// did, and pad it to 14 digits. Digital Link 1.2 and later require 14 digits there.
    pub zero_suppressed_gtin: bool,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            associations: true,
            zero_suppressed_gtin: false,
        }
    }
}

/// A validated list of AIs with their values, in the order read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ElementStrings {
    elements: Vec<Element>,
}

fn fail(
    rule: &'static str,
    ai: Option<&str>,
    position: usize,
    length: usize,
    message: impl Into<String>,
) -> Error {
    Gs1Error::error(Syntax::ElementString, rule, ai, position, length, message)
}

impl ElementStrings {
    /// Reads element strings in any form: bracketed (`(01)…(10)…`, `\(` for a `(` inside a
    /// value), or unbracketed as a scanner sends them, with group separators and optionally a
    /// GS1 symbology identifier (`]C1`, `]e0`, `]d2`, `]Q3`, `]J1`) in front.
    pub fn parse(text: &str) -> Result<ElementStrings> {
        ElementStrings::parse_with(text, ParseOptions::default())
    }

    /// [`ElementStrings::parse`] with options.
    pub fn parse_with(text: &str, options: ParseOptions) -> Result<ElementStrings> {
        let (elements, positions) = if text.starts_with('(') {
            bracketed(text)?
        } else {
            unbracketed(text)?
        };
        let data = ElementStrings { elements };
        data.check(&positions, options)?;
        Ok(data)
    }

    /// Element strings from AI/value pairs, each value checked against its AI, and the AIs
    /// against each other.
    ///
    /// ```
    /// use tracemark::ids::ElementStrings;
    /// let data = ElementStrings::from_pairs([("01", "09506000134352"), ("10", "L1")])?;
    /// assert_eq!(data.to_unbracketed(), "010950600013435210L1");
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ElementStrings> {
        let mut elements = Vec::new();
        for (ai, value) in pairs {
            elements.push(element(ai, value, 0, 0)?);
        }
        let data = ElementStrings { elements };
        data.check(&[], ParseOptions::default())?; // no input text: positions are 0
        Ok(data)
    }

    /// Elements already checked one by one; the caller runs [`ElementStrings::check`].
    pub(super) fn from_elements(elements: Vec<Element>) -> ElementStrings {
        ElementStrings { elements }
    }

    /// Element strings from values already checked (by the parser of another syntax).
    pub(super) fn unchecked(pairs: &[(&'static str, String)]) -> ElementStrings {
        known(pairs)
    }

    /// The elements, in the order read.
    pub fn elements(&self) -> &[Element] {
        &self.elements
    }

    /// The value of the first element with `ai`.
    pub fn get(&self, ai: &str) -> Option<&str> {
        self.elements
            .iter()
            .find(|e| e.ai() == ai)
            .map(|e| e.value.as_str())
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.elements.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// The bracketed form, as printed under a barcode: `(01)09506000134352(10)ABC`, with a
    /// `(` inside a value written `\(`.
    pub fn to_bracketed(&self) -> String {
        let mut out = String::new();
        for e in &self.elements {
            out.push('(');
            out.push_str(e.ai());
            out.push(')');
            out.push_str(&e.value.replace('(', "\\("));
        }
        out
    }

    /// The unbracketed form a barcode encodes: AIs and values run together, with a group
    /// separator (ASCII 29) after each variable-length value that is not the last.
    pub fn to_unbracketed(&self) -> String {
        let mut out = String::new();
        for (i, e) in self.elements.iter().enumerate() {
            out.push_str(e.ai());
            out.push_str(&e.value);
            if !e.definition.predefined_length && i + 1 < self.elements.len() {
                out.push(GS);
            }
        }
        out
    }

    /// The GTIN (AI 01).
    pub fn gtin(&self) -> Option<Gtin> {
        self.get("01").and_then(|v| v.parse().ok())
    }

    /// The serialised item: GTIN (01) and serial (21).
    pub fn sgtin(&self) -> Option<Sgtin> {
        Some(Sgtin::new(
            self.gtin()?,
            Serial::parse(self.get("21")?).ok()?,
        ))
    }

    /// The lot: GTIN (01) and batch/lot (10).
    pub fn lgtin(&self) -> Option<Lgtin> {
        Some(Lgtin::new(self.gtin()?, Lot::parse(self.get("10")?).ok()?))
    }

    /// The SSCC (AI 00).
    pub fn sscc(&self) -> Option<Sscc> {
        self.get("00").and_then(|v| v.parse().ok())
    }

    /// The place: GLN (414), with its extension (254) if present.
    pub fn sgln(&self) -> Option<Sgln> {
        let gln: Gln = self.get("414")?.parse().ok()?;
        let extension = match self.get("254") {
            Some(e) => Some(GlnExtension::parse(e).ok()?),
            None => None,
        };
        Some(Sgln { gln, extension })
    }

    /// The association rules over the whole list: excluded pairs, required AIs, repeated AIs
    /// with different values, and (8030)'s need for serialised keys.
    pub(super) fn check(&self, positions: &[usize], options: ParseOptions) -> Result<()> {
        let at = |i: usize| positions.get(i).copied().unwrap_or(0);
        let others = |i: usize| {
            let ai = &self.elements[i];
            self.elements.iter().filter(move |e| !e.same_ai(ai))
        };
        for (i, e) in self.elements.iter().enumerate() {
            for pattern in e.definition.excludes {
                if let Some(other) = others(i).find(|o| ai::matches_pattern(o.ai(), pattern)) {
                    return Err(fail(
                        "invalid_ai_pairs",
                        Some(e.ai()),
                        at(i),
                        e.ai().len() + 2,
                        format!("may not appear with AI ({})", other.ai()),
                    ));
                }
            }
        }
        if options.associations {
            for (i, e) in self.elements.iter().enumerate() {
                for requirement in e.definition.requires {
                    let met = requirement.iter().any(|group| {
                        group
                            .iter()
                            .all(|p| others(i).any(|o| ai::matches_pattern(o.ai(), p)))
                    });
                    if !met {
                        let wanted: Vec<String> = requirement.iter().map(|g| g.join("+")).collect();
                        return Err(fail(
                            "required_ais_not_satisfied",
                            Some(e.ai()),
                            at(i),
                            e.ai().len() + 2,
                            format!("needs one of: {}", wanted.join(", ")),
                        ));
                    }
                }
            }
        }
        for (i, e) in self.elements.iter().enumerate() {
            if let Some(j) = self.elements[..i]
                .iter()
                .position(|o| o.same_ai(e) && o.value != e.value)
            {
                return Err(fail(
                    "instances_of_ai_have_different_values",
                    Some(e.ai()),
                    at(i),
                    e.ai().len() + 2,
                    format!(
                        "appears twice with different values ({:?} at {})",
                        self.elements[j].value,
                        at(j)
                    ),
                ));
            }
        }
        if self.get("8030").is_some() {
            for (i, e) in self.elements.iter().enumerate() {
                if matches!(e.ai(), "253" | "255" | "8003")
                    && e.value.len()
                        <= e.definition.components[..e.definition.components.len() - 1]
                            .iter()
                            .map(|c| usize::from(c.min))
                            .sum::<usize>()
                {
                    return Err(fail(
                        "serial_not_present",
                        Some(e.ai()),
                        at(i),
                        e.ai().len() + 2,
                        "needs its serial component with AI (8030)",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An element, its value checked; the AI starts at `ai_at` in the input, the value at `at`.
pub(super) fn element(ai: &str, value: &str, ai_at: usize, at: usize) -> Result<Element> {
    let definition = ai::lookup(ai).ok_or_else(|| {
        fail(
            "ai_unrecognised",
            Some(ai),
            ai_at,
            ai.len(),
            format!("({ai}) is not an AI of the GS1 Barcode Syntax Dictionary"),
        )
    })?;
    checked(definition, value.to_owned(), at)
}

/// An element of a known AI, its value checked; the value starts at `at` in the input.
pub(super) fn checked(
    definition: &'static AiDefinition,
    value: String,
    at: usize,
) -> Result<Element> {
    definition.check(&value).map_err(|e| {
        fail(
            e.rule,
            Some(definition.ai),
            at + e.position,
            e.length,
            e.message,
        )
    })?;
    Ok(Element { definition, value })
}

type Parsed = (Vec<Element>, Vec<usize>);

fn too_many(at: usize) -> Error {
    fail(
        "too_many_ais",
        None,
        at,
        0,
        format!("more than {MAX_ELEMENTS} AIs"),
    )
}

fn bracketed(text: &str) -> Result<Parsed> {
    let b = text.as_bytes();
    let mut elements = Vec::with_capacity(8);
    let mut positions = Vec::with_capacity(8);
    let mut at = 0;
    while at < b.len() {
        if b[at] != b'(' {
            return Err(fail(
                "ai_parse_failed",
                None,
                at,
                1,
                "expected ( to open an AI",
            ));
        }
        let close = text[at..].find(')').map(|i| at + i).ok_or_else(|| {
            fail(
                "ai_parse_failed",
                None,
                at,
                b.len() - at,
                "an AI is not closed with )",
            )
        })?;
        let ai = &text[at + 1..close];
        if !(2..=4).contains(&ai.len()) || !ai.bytes().all(|c| c.is_ascii_digit()) {
            return Err(fail(
                "ai_unrecognised",
                None,
                at + 1,
                ai.len(),
                format!("({ai}) is not an AI: 2 to 4 digits"),
            ));
        }
        // The value runs to the next "(" that is not escaped as "\(".
        let start = close + 1;
        let mut value = String::new();
        let mut end = start;
        let mut escapes = Vec::new();
        while end < b.len() && b[end] != b'(' {
            if b[end] == b'\\' && b.get(end + 1) == Some(&b'(') {
                escapes.push(value.len());
                value.push('(');
                end += 2;
            } else {
                let c = text[end..].chars().next().unwrap_or('\u{fffd}');
                value.push(c);
                end += c.len_utf8();
            }
        }
        let e = element(ai, &value, at + 1, start)
            .map_err(|err| unescape_position(err, start, &escapes))?;
        if elements.len() == MAX_ELEMENTS {
            return Err(too_many(at));
        }
        elements.push(e);
        positions.push(at);
        at = end;
    }
    if elements.is_empty() {
        return Err(fail("ai_data_empty", None, 0, 0, "no AI in the input"));
    }
    Ok((elements, positions))
}

/// Moves an error's position past the escape backslashes before it.
fn unescape_position(err: Error, start: usize, escapes: &[usize]) -> Error {
    match err {
        Error::Gs1(mut e) if e.position >= start => {
            let offset = e.position - start;
            e.position += escapes.iter().filter(|&&i| i < offset).count();
            Error::Gs1(e)
        }
        other => other,
    }
}

fn unbracketed(text: &str) -> Result<Parsed> {
    let mut at = 0;
    if text.starts_with(']') {
        let id = text.get(..3).unwrap_or(text);
        if !AI_SYMBOLOGIES.contains(&id) {
            return Err(fail(
                "unsupported_symbology_identifier",
                None,
                0,
                id.len(),
                format!(
                    "{id:?} is not the symbology identifier of a GS1 AI barcode ({})",
                    AI_SYMBOLOGIES.join(", ")
                ),
            ));
        }
        at = 3;
    }
    let b = text.as_bytes();
    // Some scanners send FNC1 in first position as a group separator too.
    if b.get(at) == Some(&(GS as u8)) {
        at += 1;
    }
    if at == b.len() {
        return Err(fail("ai_data_empty", None, at, 0, "no AI in the input"));
    }
    let mut elements = Vec::with_capacity(8);
    let mut positions = Vec::with_capacity(8);
    while at < b.len() {
        let definition = ai::lookup_prefix(&text[at..]).ok_or_else(|| {
            let shown: String = text[at..].chars().take(4).collect();
            fail(
                "no_ai_for_prefix",
                None,
                at,
                shown.len(),
                format!("no AI starts {shown:?}"),
            )
        })?;
        let start = at + definition.ai.len();
        let end = if definition.predefined_length {
            let end = start + definition.max_length();
            if end > b.len() {
                return Err(fail(
                    "ai_value_is_too_short",
                    Some(definition.ai),
                    start,
                    b.len() - start,
                    format!(
                        "the value has {} characters, not {}",
                        b.len() - start,
                        definition.max_length()
                    ),
                ));
            }
            end
        } else {
            let end = b[start..]
                .iter()
                .position(|&c| c == GS as u8)
                .map_or(b.len(), |i| start + i);
            if end - start > definition.max_length() {
                return Err(fail(
                    "ai_data_is_too_long",
                    Some(definition.ai),
                    start + definition.max_length(),
                    end - start - definition.max_length(),
                    format!(
                        "more than {} characters before the next group separator",
                        definition.max_length()
                    ),
                ));
            }
            end
        };
        let value = text.get(start..end).ok_or_else(|| {
            fail(
                "ai_parse_failed",
                Some(definition.ai),
                start,
                end - start,
                "the value is not whole characters",
            )
        })?;
        if elements.len() == MAX_ELEMENTS {
            return Err(too_many(at));
        }
        elements.push(checked(definition, value.to_owned(), start)?);
        positions.push(at);
        at = end;
        // A separator after a variable-length value ends it; after a predefined-length value
        // (or at the very end) it is superfluous but tolerated, as GS1 allows.
        if b.get(at) == Some(&(GS as u8)) {
            at += 1;
        }
    }
    Ok((elements, positions))
}

impl fmt::Display for ElementStrings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_bracketed())
    }
}

impl std::str::FromStr for ElementStrings {
    type Err = Error;
    fn from_str(text: &str) -> Result<ElementStrings> {
        ElementStrings::parse(text)
    }
}

fn known(pairs: &[(&'static str, String)]) -> ElementStrings {
    ElementStrings {
        elements: pairs
            .iter()
            .filter_map(|(ai, value)| {
                Some(Element {
                    definition: ai::lookup(ai)?,
                    value: value.clone(),
                })
            })
            .collect(),
    }
}

impl From<&Sgtin> for ElementStrings {
    fn from(i: &Sgtin) -> ElementStrings {
        known(&[("01", i.gtin.to_string()), ("21", i.serial.to_string())])
    }
}

impl From<&Lgtin> for ElementStrings {
    fn from(l: &Lgtin) -> ElementStrings {
        known(&[("01", l.gtin.to_string()), ("10", l.lot.to_string())])
    }
}

impl From<&Sscc> for ElementStrings {
    fn from(s: &Sscc) -> ElementStrings {
        known(&[("00", s.to_string())])
    }
}

impl From<&Gtin> for ElementStrings {
    fn from(g: &Gtin) -> ElementStrings {
        known(&[("01", g.to_string())])
    }
}

impl From<&Sgln> for ElementStrings {
    fn from(s: &Sgln) -> ElementStrings {
        let mut pairs = vec![("414", s.gln.to_string())];
        if let Some(e) = &s.extension {
            pairs.push(("254", e.to_string()));
        }
        known(&pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn rule(text: &str) -> (&'static str, Option<String>, usize) {
        match ElementStrings::parse(text).unwrap_err() {
            Error::Gs1(e) => (e.rule, e.ai, e.position),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn both_forms_round_trip() {
        for text in [
            "(01)09506000134352(17)271231(10)ABC(21)XYZ",
            "(00)095060001343520000",
            "(414)9506000134352(254)DOCK\\(1)",
            "(01)09506000134352(3103)000500(10)L\\(1",
        ] {
            let data = ElementStrings::parse(text).unwrap();
            assert_eq!(data.to_bracketed(), text);
            let again = ElementStrings::parse(&data.to_unbracketed()).unwrap();
            assert_eq!(again, data, "{text}");
            for id in AI_SYMBOLOGIES {
                let scanned = format!("{id}{GS}{}", data.to_unbracketed());
                assert_eq!(ElementStrings::parse(&scanned).unwrap(), data);
            }
        }
    }

    #[test]
    fn every_error_names_the_rule_the_ai_and_the_position() {
        assert_eq!(
            rule("(01)09506000134353"),
            ("incorrect_check_digit", Some("01".into()), 17)
        );
        assert_eq!(
            rule("(01)09506000134352(17)271331"),
            ("illegal_month", Some("17".into()), 24)
        );
        assert_eq!(
            rule("(01)09506000134352(99)"),
            ("ai_data_is_empty", Some("99".into()), 22)
        );
        assert_eq!(
            rule("(01)09506000134352(05)1"),
            ("ai_unrecognised", Some("05".into()), 19)
        );
        assert_eq!(
            rule("(10)ABC"),
            ("required_ais_not_satisfied", Some("10".into()), 0)
        );
        assert_eq!(
            rule("(01)09506000134352(02)09506000134352(37)1"),
            ("invalid_ai_pairs", Some("01".into()), 0)
        );
        assert_eq!(
            rule("(01)09506000134352(10)A(10)B"),
            (
                "instances_of_ai_have_different_values",
                Some("10".into()),
                23
            )
        );
        assert_eq!(
            rule("010950600013435"),
            ("ai_value_is_too_short", Some("01".into()), 2)
        );
        assert_eq!(
            rule(&format!("0109506000134352{}", "10ABCDEFGHIJKLMNOPQRSTU")),
            ("ai_data_is_too_long", Some("10".into()), 38)
        );
        assert_eq!(
            rule("]d1010950600013435"),
            ("unsupported_symbology_identifier", None, 0)
        );
        assert_eq!(rule("0509506000134352"), ("no_ai_for_prefix", None, 0));
        assert_eq!(
            rule("(01)09506000134352(10)A\\(Ä"),
            ("invalid_cset82_character", Some("10".into()), 25)
        );
        assert_eq!(rule(""), ("ai_data_empty", None, 0));
    }

    #[test]
    fn identical_repeats_are_allowed_and_associations_can_be_left_out() {
        assert!(ElementStrings::parse("(01)09506000134352(10)A(10)A").is_ok());
        let lenient = ParseOptions {
            associations: false,
            ..ParseOptions::default()
        };
        assert!(ElementStrings::parse_with("(10)ABC", lenient).is_ok());
    }

    #[test]
    fn foundation_keys_come_out_and_go_in() {
        let data = ElementStrings::parse("(01)09506000134352(10)L1(21)S1").unwrap();
        let item = data.sgtin().unwrap();
        assert_eq!(
            ElementStrings::from(&item).to_bracketed(),
            "(01)09506000134352(21)S1"
        );
        assert_eq!(data.lgtin().unwrap().lot.as_str(), "L1");
        let place = ElementStrings::parse("(414)9506000134352(254)D1").unwrap();
        assert_eq!(ElementStrings::from(&place.sgln().unwrap()), place);
    }
}
