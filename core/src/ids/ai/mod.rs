//! GS1 Application Identifiers, as the GS1 Barcode Syntax Dictionary defines them.
//!
//! The table ([`all`], [`lookup`]) is generated from the dictionary (release [`RELEASE`]): each
//! AI's components with their character set, length and linters, whether it needs an FNC1
//! separator, whether it may be a GS1 Digital Link data attribute or primary key, and which
//! AIs it requires or excludes. [`AiDefinition::check`] validates a value against all of it,
//! with the linter semantics of GS1's reference implementation (the GS1 Syntax Engine).
//!
//! ```
//! use tracemark::ids::ai;
//! let expiry = ai::lookup("17").expect("a known AI");
//! assert_eq!(expiry.title, "USE BY or EXPIRY");
//! assert!(expiry.check("271231").is_ok());
//! let err = expiry.check("271331").unwrap_err();
//! assert_eq!((err.rule, err.position), ("illegal_month", 2));
//! # Ok::<(), tracemark::Error>(())
//! ```

mod codes;
mod coupon;
mod lint;
#[rustfmt::skip]
mod table;

pub use table::RELEASE;

/// The characters a component may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CharSet {
    /// `N`: digits.
    Numeric,
    /// `X`: GS1 AI encodable character set 82.
    Cset82,
    /// `Y`: GS1 AI encodable character set 39 (`#`, `-`, `/`, digits, capitals).
    Cset39,
    /// `Z`: the URL-safe base64 alphabet, with optional `=` padding.
    Cset64,
}

/// A content check the dictionary names for a component, with the semantics of the GS1
/// Syntax Engine's linter of the same name ([`Linter::name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is the dictionary's linter of the same name
pub enum Linter {
    CouponCode,
    CouponPosOffer,
    Csum,
    CsumAlpha,
    GcpPos1,
    GcpPos2,
    HasNonDigit,
    Hh,
    Hhmi,
    Hyphen,
    Iban,
    ImporterIdx,
    Iso3166,
    Iso3166999,
    Iso3166Alpha2,
    Iso4217,
    Iso5218,
    Latitude,
    Longitude,
    MediaType,
    Mi,
    NonZero,
    NoZeroPrefix,
    PackageType,
    Pcenc,
    PieceOfTotal,
    PosInSeqSlash,
    Ss,
    Winding,
    YesNo,
    Yymmd0,
    Yymmdd,
    Yyyymmdd,
    Zero,
}

/// One component of an AI's value: a character set, a length range, and linters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Component {
    /// Its characters.
    pub charset: CharSet,
    /// Fewest characters.
    pub min: u8,
    /// Most characters.
    pub max: u8,
    /// Whether the value may end before this component.
    pub optional: bool,
    /// Checks beyond the character set, in order.
    pub linters: &'static [Linter],
}

impl Component {
    const fn new(
        charset: CharSet,
        min: u8,
        max: u8,
        optional: bool,
        linters: &'static [Linter],
    ) -> Component {
        Component {
            charset,
            min,
            max,
            optional,
            linters,
        }
    }
}

/// An Application Identifier and everything the dictionary says about it.
#[derive(Debug, PartialEq, Eq)]
pub struct AiDefinition {
    /// The AI's digits, e.g. `"01"`, `"3103"`.
    pub ai: &'static str,
    /// The dictionary's short title, e.g. `"GTIN"`.
    pub title: &'static str,
    /// The value has a predefined length: no FNC1 separator is needed after it.
    pub predefined_length: bool,
    /// May appear as a data attribute in a GS1 Digital Link query string.
    pub dl_attribute: bool,
    /// The value's components, in order.
    pub components: &'static [Component],
    /// Mandatory associations: every entry must be met, by any one of its alternatives, each
    /// a group of AIs (or patterns like `31nn`) that must all be present.
    pub requires: &'static [&'static [&'static [&'static str]]],
    /// AIs (or patterns) this one may not appear with.
    pub excludes: &'static [&'static str],
    /// For a Digital Link primary key: its alternative sequences of key qualifiers, in their
    /// required order (one empty sequence for a key without qualifiers).
    pub dl_qualifiers: Option<&'static [&'static [&'static str]]>,
}

/// A value that breaks a rule of its AI: which rule (a stable snake_case code named after the
/// GS1 Syntax Engine's error, e.g. `incorrect_check_digit`), where in the value, and a
/// sentence for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// The rule broken.
    pub rule: &'static str,
    /// Byte offset in the value where the offending part starts.
    pub position: usize,
    /// Length of the offending part.
    pub length: usize,
    /// What is wrong, for people.
    pub message: String,
}

impl ValueError {
    pub(crate) fn new(rule: &'static str, position: usize, length: usize) -> ValueError {
        ValueError {
            rule,
            position,
            length,
            message: lint::describe(rule).to_owned(),
        }
    }

    fn shifted(mut self, by: usize) -> ValueError {
        self.position += by;
        self
    }
}

/// A row of the generated table.
#[allow(clippy::too_many_arguments)]
const fn def(
    ai: &'static str,
    title: &'static str,
    predefined_length: bool,
    dl_attribute: bool,
    components: &'static [Component],
    requires: &'static [&'static [&'static [&'static str]]],
    excludes: &'static [&'static str],
    dl_qualifiers: Option<&'static [&'static [&'static str]]>,
) -> AiDefinition {
    AiDefinition {
        ai,
        title,
        predefined_length,
        dl_attribute,
        components,
        requires,
        excludes,
        dl_qualifiers,
    }
}

impl AiDefinition {
    /// Shortest valid value.
    pub fn min_length(&self) -> usize {
        self.components
            .iter()
            .filter(|c| !c.optional)
            .map(|c| usize::from(c.min))
            .sum()
    }

    /// Longest valid value.
    pub fn max_length(&self) -> usize {
        self.components.iter().map(|c| usize::from(c.max)).sum()
    }

    /// Whether this AI is a GS1 Digital Link primary key.
    pub fn is_dl_primary_key(&self) -> bool {
        self.dl_qualifiers.is_some()
    }

    /// Checks `value` against the AI's components: length, characters and every linter, in
    /// the dictionary's order; the first broken rule is returned.
    pub fn check(&self, value: &str) -> Result<(), ValueError> {
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            return Err(ValueError::new("ai_data_is_empty", 0, 0));
        }
        if bytes.len() < self.min_length() {
            return Err(ValueError::new("ai_value_is_too_short", 0, bytes.len()));
        }
        if bytes.len() > self.max_length() {
            return Err(ValueError::new("ai_value_is_too_long", 0, bytes.len()));
        }
        let mut at = 0;
        for c in self.components {
            let rest = bytes.len() - at;
            if rest == 0 && c.optional {
                break;
            }
            let take = rest.min(usize::from(c.max));
            if take < usize::from(c.min) {
                return Err(ValueError::new("ai_data_has_incorrect_length", at, rest));
            }
            let part = &bytes[at..at + take];
            lint::charset(c.charset, part).map_err(|e| e.shifted(at))?;
            for l in c.linters {
                lint::run(*l, part).map_err(|e| e.shifted(at))?;
            }
            at += take;
        }
        if at < bytes.len() {
            return Err(ValueError::new(
                "ai_value_is_too_long",
                at,
                bytes.len() - at,
            ));
        }
        Ok(())
    }
}

impl Linter {
    /// The dictionary's name of the linter, e.g. `"csum"`.
    pub fn name(&self) -> &'static str {
        lint::name(*self)
    }
}

/// Every AI of the dictionary, ranges expanded, in lexical order.
pub fn all() -> &'static [AiDefinition] {
    table::AIS
}

/// The definition of `ai` (2 to 4 digits), if the dictionary has it.
pub fn lookup(ai: &str) -> Option<&'static AiDefinition> {
    lookup_prefix(ai).filter(|d| d.ai.len() == ai.len())
}

/// The AI at the start of `digits`, as a scanner's unbracketed data holds it: AIs are
/// prefix-free, so at most one of the 2-, 3- and 4-digit prefixes is an AI.
pub fn lookup_prefix(digits: &str) -> Option<&'static AiDefinition> {
    let b = digits.as_bytes();
    if b.len() < 2 || !b[..2].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Pad a 2- or 3-digit input with a character no AI has, so only shorter AIs match.
    let mut key = 0usize;
    for i in 0..4 {
        match b.get(i) {
            Some(c) if c.is_ascii_digit() => key = key * 11 + usize::from(c - b'0'),
            _ => key = key * 11 + 10,
        }
    }
    let index = prefix_index()[key];
    (index != 0).then(|| &table::AIS[usize::from(index) - 1])
}

/// For every 4-character key over digits and "end" (base 11), 1 + the index of the AI it
/// starts with, or 0: one array read instead of three binary searches over strings, which
/// were half the time of parsing a scan.
fn prefix_index() -> &'static [u16] {
    static INDEX: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![0u16; 11 * 11 * 11 * 11];
        for (i, d) in table::AIS.iter().enumerate() {
            let head =
                d.ai.bytes()
                    .fold(0usize, |k, c| k * 11 + usize::from(c - b'0'));
            let free = 4 - d.ai.len();
            let span = 11usize.pow(free as u32);
            index[head * span..(head + 1) * span].fill((i + 1) as u16);
        }
        index
    })
}

/// Whether `ai` matches `pattern`: equal length, and equal digits wherever the pattern has a
/// digit rather than `n` (`31nn` matches `3103`).
pub(crate) fn matches_pattern(ai: &str, pattern: &str) -> bool {
    ai.len() == pattern.len()
        && pattern
            .bytes()
            .zip(ai.bytes())
            .all(|(p, a)| p == b'n' || p == a)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_table_is_sorted_and_prefix_free() {
        let ais = all();
        assert!(ais.windows(2).all(|w| w[0].ai < w[1].ai));
        for a in ais {
            for b in ais {
                assert!(a.ai == b.ai || !b.ai.starts_with(a.ai), "{} {}", a.ai, b.ai);
            }
        }
    }

    #[test]
    fn predefined_lengths_are_fixed() {
        for d in all().iter().filter(|d| d.predefined_length) {
            assert_eq!(d.min_length(), d.max_length(), "AI {}", d.ai);
        }
    }

    #[test]
    fn prefix_lookup_finds_the_one_ai() {
        assert_eq!(lookup_prefix("0109506000134352").map(|d| d.ai), Some("01"));
        assert_eq!(lookup_prefix("3103000500").map(|d| d.ai), Some("3103"));
        assert_eq!(lookup_prefix("2541").map(|d| d.ai), Some("254"));
        assert!(lookup_prefix("05").is_none());
        assert!(lookup_prefix("2").is_none());
    }

    #[test]
    fn patterns_match_by_length_and_digits() {
        assert!(matches_pattern("3103", "31nn"));
        assert!(matches_pattern("3941", "394n"));
        assert!(!matches_pattern("310", "31nn"));
        assert!(!matches_pattern("3203", "31nn"));
    }
}
