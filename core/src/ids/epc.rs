//! EPC URIs of the GS1 Tag Data Standard: the identifiers EPCIS documents carry.
//!
//! `urn:epc:id:sgtin:0614141.812345.6789` is the GTIN `80614141123458` with serial `6789`: the
//! GS1 Company Prefix comes first, the indicator digit leads the item reference, and the check
//! digit is left out. Pure identities (`urn:epc:id:…`), the lot class (`urn:epc:class:lgtin:…`)
//! and patterns (`urn:epc:idpat:…`, trailing components `*`) are read for the GS1 keys:
//! SGTIN, SSCC, SGLN, GRAI, GIAI, GSRN, GSRNP, GDTI, SGCN, PGLN, GINC, GSIN, ITIP, UPUI, CPI.
//!
//! Going from a key to an EPC needs the length of the company prefix, which the key does not
//! hold: the caller gives it ([`CompanyPrefixLength`] for a number, a [`CompanyPrefix`] or a
//! [`PrefixLengths`] table such as GS1's published one), and a missing length is an error
//! (`company_prefix_length_unknown`), never a guess.
//!
//! ```
//! use tracemark::ids::{ElementStrings, EpcUri};
//! let epc = EpcUri::parse("urn:epc:id:sgtin:0614141.812345.AB%2F1")?;
//! let data = epc.element_strings().expect("an SGTIN names AIs");
//! assert_eq!(data.to_bracketed(), "(01)80614141123458(21)AB/1");
//! assert_eq!(EpcUri::from_element_strings(&data, &7)?, epc);
//! let err = EpcUri::from_element_strings(&data, &tracemark::ids::PrefixLengths::new()).unwrap_err();
//! assert!(err.to_string().contains("company_prefix_length_unknown"), "{err}");
//! # Ok::<(), tracemark::Error>(())
//! ```

use std::fmt;

use super::gs1_error::{Gs1Error, Syntax};
use super::{
    ClassId, CompanyPrefixLength, DigitalLink, ElementStrings, ObjectId, Sgln, all_digits,
    check_digit, is_cset82,
};
use crate::error::{Error, Result};

/// What an EPC URI names: one object, a class of objects, or a pattern over identities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EpcKind {
    /// `urn:epc:id:`: one physical or digital object.
    Id,
    /// `urn:epc:class:`: a lot of a trade item.
    Class,
    /// `urn:epc:idpat:`: every identity that matches; trailing components may be `*`.
    Pattern,
}

/// One component of a scheme, after the company prefix.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// Digits that with the prefix make `total` digits.
    Reference(usize),
    /// Two digits (ITIP piece and total).
    Two,
    /// GS1 CSET 82 characters, escaped as the Tag Data Standard says.
    Alphanumeric,
    /// GS1 CSET 39 characters (CPI part reference).
    Cset39,
    /// Digits (SGCN and CPI serials).
    Digits,
}

/// How the company prefix and the key reference make the GS1 key.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// The first reference digit leads (indicator of a GTIN, extension of an SSCC).
    LeadingDigit,
    /// A `0` leads (GRAI in AI 8003).
    LeadingZero,
    /// The prefix leads.
    Prefix,
    /// The prefix and an alphanumeric reference, no check digit.
    NoCheckDigit,
}

struct Scheme {
    name: &'static str,
    class: bool,
    layout: Layout,
    parts: &'static [Part],
    /// The key AI, then the AIs of the parts after the key.
    ais: &'static [&'static str],
}

use Part::*;

const SCHEMES: &[Scheme] = &[
    scheme(
        "sgtin",
        Layout::LeadingDigit,
        &[Reference(13), Alphanumeric],
        &["01", "21"],
    ),
    Scheme {
        class: true,
        ..scheme(
            "lgtin",
            Layout::LeadingDigit,
            &[Reference(13), Alphanumeric],
            &["01", "10"],
        )
    },
    scheme("sscc", Layout::LeadingDigit, &[Reference(17)], &["00"]),
    scheme(
        "sgln",
        Layout::Prefix,
        &[Reference(12), Alphanumeric],
        &["414", "254"],
    ),
    scheme("pgln", Layout::Prefix, &[Reference(12)], &["417"]),
    scheme(
        "grai",
        Layout::LeadingZero,
        &[Reference(12), Alphanumeric],
        &["8003"],
    ),
    scheme("giai", Layout::NoCheckDigit, &[Alphanumeric], &["8004"]),
    scheme("gsrn", Layout::Prefix, &[Reference(17)], &["8018"]),
    scheme("gsrnp", Layout::Prefix, &[Reference(17)], &["8017"]),
    scheme(
        "gdti",
        Layout::Prefix,
        &[Reference(12), Alphanumeric],
        &["253"],
    ),
    scheme("sgcn", Layout::Prefix, &[Reference(12), Digits], &["255"]),
    scheme("ginc", Layout::NoCheckDigit, &[Alphanumeric], &["401"]),
    scheme("gsin", Layout::Prefix, &[Reference(16)], &["402"]),
    scheme(
        "itip",
        Layout::LeadingDigit,
        &[Reference(13), Two, Two, Alphanumeric],
        &["8006", "21"],
    ),
    scheme(
        "upui",
        Layout::LeadingDigit,
        &[Reference(13), Alphanumeric],
        &["01", "235"],
    ),
    scheme(
        "cpi",
        Layout::NoCheckDigit,
        &[Cset39, Digits],
        &["8010", "8011"],
    ),
];

const fn scheme(
    name: &'static str,
    layout: Layout,
    parts: &'static [Part],
    ais: &'static [&'static str],
) -> Scheme {
    Scheme {
        name,
        class: false,
        layout,
        parts,
        ais,
    }
}

impl Scheme {
    /// Whether the serial (or other last part) is folded into the key AI's value rather than
    /// an AI of its own (GRAI, GDTI, SGCN).
    fn serial_in_key(&self) -> bool {
        self.parts.len() == 2 && self.ais.len() == 1 && matches!(self.parts[0], Reference(_))
    }
}

/// A checked EPC URI.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EpcUri {
    kind: EpcKind,
    scheme: &'static str,
    /// The company prefix, `None` for `*`.
    prefix: Option<String>,
    /// The components after the prefix, decoded; `None` for `*`.
    parts: Vec<Option<String>>,
}

fn fail(rule: &'static str, position: usize, length: usize, message: String) -> Error {
    Gs1Error::error(Syntax::EpcUri, rule, None, position, length, message)
}

/// Characters an EPC URI writes as `%XX` (Tag Data Standard, table A-1).
fn must_escape(b: u8) -> bool {
    b"\"%&/<>?".contains(&b)
}

/// Decodes a CSET 82 component (`%XX` for any CSET 82 character, either hex case).
fn unescape(raw: &str, at: usize) -> Result<String> {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = if b[i] == b'%' {
            let byte = raw
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .filter(|&c| is_cset82(c))
                .ok_or_else(|| {
                    fail(
                        "invalid_escape",
                        at + i,
                        3.min(b.len() - i),
                        "a % escape must be two hex digits naming a GS1 CSET 82 character".into(),
                    )
                })?;
            i += 3;
            byte
        } else if is_cset82(b[i]) && !must_escape(b[i]) {
            i += 1;
            b[i - 1]
        } else {
            let c = raw[i..].chars().next().unwrap_or('?');
            return Err(fail(
                "invalid_character",
                at + i,
                c.len_utf8(),
                format!("{c:?} may not appear unescaped in an EPC URI component"),
            ));
        };
        out.push(c as char);
    }
    Ok(out)
}

/// Decodes a CSET 39 component (`#` as `%23`, `/` as `%2F`).
fn unescape_cset39(raw: &str, at: usize) -> Result<String> {
    let text = raw
        .replace("%23", "#")
        .replace("%2F", "/")
        .replace("%2f", "/");
    if let Some(i) =
        raw.find(|c: char| !(c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-' || c == '%'))
    {
        return Err(fail(
            "invalid_character",
            at + i,
            1,
            "a CPI part reference holds digits, capitals, -, %23 (#) and %2F (/)".into(),
        ));
    }
    if text.contains('%') {
        return Err(fail(
            "invalid_escape",
            at,
            raw.len(),
            "only %23 and %2F are escapes in a CPI part reference".into(),
        ));
    }
    Ok(text)
}

fn escape(value: &str, out: &mut String) {
    for b in value.bytes() {
        if must_escape(b) || b == b'#' {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
}

impl EpcUri {
    /// Parses and checks an EPC pure identity, class or pattern URI: the component lengths
    /// of its scheme, the characters and escapes, and (through the GS1 key it names) every
    /// rule of the AIs.
    pub fn parse(uri: &str) -> Result<EpcUri> {
        let (kind, rest, at) = [
            ("urn:epc:id:", EpcKind::Id),
            ("urn:epc:class:", EpcKind::Class),
            ("urn:epc:idpat:", EpcKind::Pattern),
        ]
        .iter()
        .find_map(|(p, k)| uri.strip_prefix(p).map(|r| (*k, r, p.len())))
        .ok_or_else(|| {
            fail(
                "unsupported_uri",
                0,
                uri.len().min(16),
                "an EPC URI starts urn:epc:id:, urn:epc:class: or urn:epc:idpat: (tag URIs and other URNs are not identities)".into(),
            )
        })?;
        let (name, body) = rest.split_once(':').ok_or_else(|| {
            fail(
                "unsupported_scheme",
                at,
                rest.len(),
                "no scheme name and : after it".into(),
            )
        })?;
        let scheme = SCHEMES
            .iter()
            .find(|s| s.name == name && s.class == (kind == EpcKind::Class))
            .ok_or_else(|| {
                fail(
                    "unsupported_scheme",
                    at,
                    name.len(),
                    format!("{name:?} is not a GS1 key scheme tracemark reads in a {kind:?} URI"),
                )
            })?;
        let mut at = at + name.len() + 1;
        // Alphanumeric components come last, so a `.` in them is a character, not a separator.
        let raw: Vec<&str> = body.splitn(scheme.parts.len() + 1, '.').collect();
        if raw.len() != scheme.parts.len() + 1 {
            return Err(fail(
                "wrong_component_count",
                at,
                body.len(),
                format!(
                    "{name} has {} components separated by '.', not {}",
                    scheme.parts.len() + 1,
                    raw.len()
                ),
            ));
        }
        let mut epc = EpcUri {
            kind,
            scheme: scheme.name,
            prefix: None,
            parts: Vec::new(),
        };
        let mut starred = false;
        for (i, text) in raw.iter().enumerate() {
            let here = at;
            at += text.len() + 1;
            if *text == "*" && kind == EpcKind::Pattern {
                starred = true;
                if i == 0 {
                    continue;
                }
                epc.parts.push(None);
                continue;
            }
            if starred {
                return Err(fail(
                    "invalid_pattern",
                    here,
                    text.len(),
                    "after a * every component of a pattern is *".into(),
                ));
            }
            if i == 0 {
                if !(6..=12).contains(&text.len()) || !all_digits(text) {
                    return Err(fail(
                        "invalid_company_prefix",
                        here,
                        text.len(),
                        "the company prefix of an EPC is 6 to 12 digits".into(),
                    ));
                }
                epc.prefix = Some((*text).to_owned());
                continue;
            }
            let value = match scheme.parts[i - 1] {
                Reference(total) => {
                    let want = total - raw[0].len().min(total);
                    if text.len() != want || !all_digits(text) {
                        return Err(fail(
                            "invalid_reference",
                            here,
                            text.len(),
                            format!(
                                "with a {}-digit company prefix this is {want} digits",
                                raw[0].len()
                            ),
                        ));
                    }
                    (*text).to_owned()
                }
                Two => {
                    if text.len() != 2 || !all_digits(text) {
                        return Err(fail(
                            "invalid_reference",
                            here,
                            text.len(),
                            "two digits".into(),
                        ));
                    }
                    (*text).to_owned()
                }
                Digits => {
                    if text.is_empty() || !all_digits(text) {
                        return Err(fail(
                            "invalid_serial",
                            here,
                            text.len(),
                            "digits only".into(),
                        ));
                    }
                    (*text).to_owned()
                }
                Alphanumeric => {
                    if text.is_empty() {
                        return Err(fail("invalid_serial", here, 0, "an empty component".into()));
                    }
                    unescape(text, here)?
                }
                // The CPID is the company prefix followed by a component/part reference, so
                // the reference has at least one character (as reading the AI back requires).
                Cset39 if text.is_empty() => {
                    return Err(fail(
                        "invalid_reference",
                        here,
                        0,
                        "an empty component/part reference".into(),
                    ));
                }
                Cset39 => unescape_cset39(text, here)?,
            };
            epc.parts.push(Some(value));
        }
        // Check the values through the AIs they make, where they make some.
        if let Some(pairs) = epc.pairs() {
            ElementStrings::from_pairs(pairs.iter().map(|(ai, v)| (*ai, v.as_str()))).map_err(
                |e| match e {
                    Error::Gs1(mut g) => {
                        g.syntax = Syntax::EpcUri;
                        g.position = 0;
                        g.length = uri.len();
                        Error::Gs1(g)
                    }
                    other => other,
                },
            )?;
        }
        Ok(epc)
    }

    fn definition(&self) -> &'static Scheme {
        SCHEMES
            .iter()
            .find(|s| s.name == self.scheme && s.class == (self.kind == EpcKind::Class))
            .unwrap_or(&SCHEMES[0])
    }

    /// Whether it names one object, a lot, or a pattern.
    pub fn kind(&self) -> EpcKind {
        self.kind
    }

    /// The scheme, e.g. `"sgtin"`.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// How many `.`-separated components follow the scheme name.
    pub(crate) fn components(&self) -> usize {
        self.parts.len() + 1
    }

    /// Whether a component is `*`: a pattern over more than one identity.
    pub fn has_wildcards(&self) -> bool {
        self.prefix.is_none() || self.parts.iter().any(Option::is_none)
    }

    /// Whether `id` (an EPC URI or a Digital Link) is one this pattern covers: same scheme,
    /// and every component that is not `*` equal. A Digital Link is read with the pattern's
    /// company prefix length. An `sgtin` pattern also covers the lots (`lgtin`) of its GTINs,
    /// as EPCIS quantity queries use it.
    pub(crate) fn matches(&self, id: &str) -> bool {
        let candidate = if id.starts_with("urn:epc:") {
            EpcUri::parse(id).ok()
        } else {
            let length = self.prefix.as_ref().map_or(7, String::len);
            match super::Identifier::parse(id) {
                Ok(super::Identifier::DigitalLink(link)) => {
                    EpcUri::from_digital_link(&link, &length).ok()
                }
                _ => None,
            }
        };
        let Some(c) = candidate else {
            return false;
        };
        let scheme = c.scheme == self.scheme || (self.scheme == "sgtin" && c.scheme == "lgtin");
        let fixed = |p: &Option<String>, v: Option<&Option<String>>| {
            p.is_none() || v.is_some_and(|v| v == p)
        };
        scheme
            && fixed(&self.prefix, Some(&c.prefix))
            && (c.parts.len() == self.parts.len() || c.scheme != self.scheme)
            && self
                .parts
                .iter()
                .enumerate()
                // An lgtin's lot is not an sgtin's serial: only the item reference counts.
                .take(if c.scheme == self.scheme {
                    usize::MAX
                } else {
                    1
                })
                .all(|(i, p)| fixed(p, c.parts.get(i)))
    }

    /// The GS1 Company Prefix, unless it is `*`.
    pub fn company_prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }

    /// The GS1 AIs the URI names: all of them for an identity or class; for a pattern whose
    /// only `*` is the serial, the key without it (`urn:epc:idpat:sgtin:C.I.*` is a GTIN).
    /// `None` for a pattern wider than one key.
    pub fn element_strings(&self) -> Option<ElementStrings> {
        Some(ElementStrings::unchecked(&self.pairs()?))
    }

    fn pairs(&self) -> Option<Vec<(&'static str, String)>> {
        let s = self.definition();
        let prefix = self.prefix.as_deref()?;
        let parts: Vec<Option<&str>> = self.parts.iter().map(|p| p.as_deref()).collect();
        let wild = parts.iter().filter(|p| p.is_none()).count();
        if wild > 1 || (wild == 1 && parts.last() != Some(&None)) {
            return None;
        }
        // A pattern with only the serial left open is the key without it, where GS1 has
        // such a key. Not for SGLN: its GLN alone is the pure identity with extension 0.
        if wild == 1 && !matches!(s.name, "sgtin" | "grai" | "gdti" | "sgcn" | "itip" | "cpi") {
            return None;
        }
        let mut key = String::new();
        let mut rest = parts.iter().copied();
        match s.layout {
            Layout::LeadingDigit | Layout::LeadingZero | Layout::Prefix => {
                let reference = rest.next().flatten()?;
                let body = match s.layout {
                    Layout::LeadingDigit => {
                        let (lead, tail) = reference.split_at(1);
                        format!("{lead}{prefix}{tail}")
                    }
                    Layout::LeadingZero => format!("0{prefix}{reference}"),
                    _ => format!("{prefix}{reference}"),
                };
                key.push_str(&body);
                key.push(
                    (b'0'
                        + check_digit(
                            &body.as_bytes()[usize::from(s.layout == Layout::LeadingZero)..],
                        )) as char,
                );
            }
            Layout::NoCheckDigit => {
                key.push_str(prefix);
                key.push_str(rest.next().flatten()?);
            }
        }
        if s.name == "itip" {
            key.push_str(rest.next().flatten()?);
            key.push_str(rest.next().flatten()?);
        }
        let mut pairs = vec![(s.ais[0], key)];
        if s.serial_in_key() {
            if let Some(serial) = rest.next().flatten() {
                pairs[0].1.push_str(serial);
            }
        } else {
            for ai in &s.ais[1..] {
                match rest.next().flatten() {
                    // An SGLN extension of 0 means the GLN itself.
                    Some("0") if *ai == "254" => {}
                    Some(v) => pairs.push((ai, v.to_owned())),
                    None => {}
                }
            }
        }
        Some(pairs)
    }

    /// The Digital Link of the AIs, on GS1's stem.
    pub fn digital_link(&self) -> Option<DigitalLink> {
        DigitalLink::from_element_strings(&self.element_strings()?, None).ok()
    }

    /// The object, for an SGTIN or SSCC.
    pub fn object_id(&self) -> Option<ObjectId> {
        let data = self.element_strings()?;
        match (self.kind, self.scheme) {
            (EpcKind::Id, "sgtin") => data.sgtin().map(ObjectId::Item),
            (EpcKind::Id, "sscc") => data.sscc().map(ObjectId::Unit),
            _ => None,
        }
    }

    /// The class, for an LGTIN or an SGTIN pattern over one GTIN.
    pub fn class_id(&self) -> Option<ClassId> {
        let data = self.element_strings()?;
        match (self.kind, self.scheme) {
            (EpcKind::Class, "lgtin") => data.lgtin().map(ClassId::Lot),
            (EpcKind::Pattern, "sgtin") if data.len() == 1 => data.gtin().map(ClassId::Product),
            _ => None,
        }
    }

    /// The place, for an SGLN.
    pub fn sgln(&self) -> Option<Sgln> {
        (self.scheme == "sgln" && self.kind == EpcKind::Id)
            .then(|| self.element_strings()?.sgln())
            .flatten()
    }

    /// The EPC URI of element strings (or a Digital Link's), given the company prefix length.
    /// The first GS1 key decides the scheme: (01) with (21) is an SGTIN, with (10) an LGTIN
    /// class, with (235) a UPUI, alone the pattern of all its SGTINs; a GRAI, GDTI, SGCN, ITIP
    /// or CPI without its serial is a pattern too.
    pub fn from_element_strings(
        data: &ElementStrings,
        lengths: &dyn CompanyPrefixLength,
    ) -> Result<EpcUri> {
        let has = |ai: &str| data.get(ai);
        let key = data
            .elements()
            .iter()
            .find(|e| e.definition().is_dl_primary_key() && e.ai() != "8013" && e.ai() != "415")
            .ok_or_else(|| {
                fail(
                    "no_epc_for_ais",
                    0,
                    0,
                    "no GS1 key with an EPC scheme".into(),
                )
            })?;
        let (name, kind) = match key.ai() {
            "01" if has("21").is_some() => ("sgtin", EpcKind::Id),
            "01" if has("10").is_some() => ("lgtin", EpcKind::Class),
            "01" if has("235").is_some() => ("upui", EpcKind::Id),
            "01" => ("sgtin", EpcKind::Pattern),
            "8006" if has("21").is_some() => ("itip", EpcKind::Id),
            "8006" => ("itip", EpcKind::Pattern),
            "8010" if has("8011").is_some() => ("cpi", EpcKind::Id),
            "8010" => ("cpi", EpcKind::Pattern),
            ai => {
                let s = SCHEMES.iter().find(|s| s.ais[0] == ai).ok_or_else(|| {
                    fail("no_epc_for_ais", 0, 0, format!("({ai}) has no EPC scheme"))
                })?;
                (s.name, EpcKind::Id)
            }
        };
        let s = SCHEMES
            .iter()
            .find(|s| s.name == name && s.class == (kind == EpcKind::Class))
            .unwrap_or(&SCHEMES[0]);
        let value = key.value();
        // Where the company prefix starts in the key, and how many digits the reference has.
        let from = usize::from(matches!(
            s.layout,
            Layout::LeadingDigit | Layout::LeadingZero
        ));
        let unknown = || {
            fail(
                "company_prefix_length_unknown",
                0,
                0,
                format!(
                    "the GS1 Company Prefix length of ({}) {value} is not known: give it, or a prefix-length table that covers it",
                    key.ai()
                ),
            )
        };
        let length = lengths
            .company_prefix_length(value.get(from..).unwrap_or(""))
            .ok_or_else(unknown)?;
        let digits = match s.parts[0] {
            Reference(total) => total,
            _ => 30,
        };
        let fits = (6..=12).contains(&length)
            && length <= digits
            && value.get(from..from + length).is_some_and(all_digits)
            // A GIAI, GINC or CPI needs a reference after its prefix.
            && (matches!(s.parts[0], Reference(_)) || value.len() > from + length);
        if !fits {
            return Err(fail(
                "company_prefix_length_invalid",
                0,
                0,
                format!(
                    "a company prefix length of {length} does not fit ({}) {value}: 6 to 12 digits within the key",
                    key.ai()
                ),
            ));
        }
        let prefix = value[from..from + length].to_owned();
        let mut parts: Vec<Option<String>> = Vec::new();
        match s.parts[0] {
            Reference(total) => {
                // The key's digits before its check digit: the prefix and reference, after
                // GRAI's leading zero.
                let body_end = total + usize::from(s.layout == Layout::LeadingZero);
                let reference = &value[from + length..body_end.min(value.len())];
                let lead = if s.layout == Layout::LeadingDigit {
                    &value[..1]
                } else {
                    ""
                };
                parts.push(Some(format!("{lead}{reference}")));
                let after = value.get(body_end + 1..).unwrap_or("");
                if s.name == "itip" {
                    parts.push(Some(after[..2].to_owned()));
                    parts.push(Some(after[2..4].to_owned()));
                } else if s.serial_in_key() {
                    parts.push((!after.is_empty()).then(|| after.to_owned()));
                }
            }
            _ => parts.push(Some(value[from + length..].to_owned())),
        }
        if !s.serial_in_key() {
            for ai in s.ais.iter().skip(1) {
                parts.push(match (has(ai), *ai) {
                    (Some(v), _) => Some(v.to_owned()),
                    (None, "254") => Some("0".to_owned()),
                    (None, _) => None,
                });
            }
        }
        let kind = if kind == EpcKind::Id && parts.iter().any(Option::is_none) {
            EpcKind::Pattern
        } else {
            kind
        };
        Ok(EpcUri {
            kind,
            scheme: s.name,
            prefix: Some(prefix),
            parts,
        })
    }

    /// The EPC URI of a Digital Link's key and qualifiers.
    pub fn from_digital_link(
        link: &DigitalLink,
        lengths: &dyn CompanyPrefixLength,
    ) -> Result<EpcUri> {
        EpcUri::from_element_strings(&link.path_data(), lengths)
    }
}

impl fmt::Display for EpcUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            EpcKind::Id => "id",
            EpcKind::Class => "class",
            EpcKind::Pattern => "idpat",
        };
        let mut out = format!(
            "urn:epc:{kind}:{}:{}",
            self.scheme,
            self.prefix.as_deref().unwrap_or("*")
        );
        for p in &self.parts {
            out.push('.');
            match p {
                None => out.push('*'),
                // In a pattern a lone `*` is the wildcard: a value of `*` is escaped.
                Some(v) if v == "*" && self.kind == EpcKind::Pattern => out.push_str("%2A"),
                Some(v) => escape(v, &mut out),
            }
        }
        f.write_str(&out)
    }
}

impl std::str::FromStr for EpcUri {
    type Err = Error;
    fn from_str(uri: &str) -> Result<EpcUri> {
        EpcUri::parse(uri)
    }
}
