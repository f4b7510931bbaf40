//! GS1 Digital Link URIs: the web address a QR code on a pack carries, on any domain.
//!
//! `https://brand.example/products/01/09506000134352/10/ABC/21/123?17=271231` is a stem
//! (`https://brand.example/products`, free), a primary key (`/01/…`), its key qualifiers in the
//! order the standard fixes (`/10/…/21/…`) and data attributes in the query (`17=…`). Parsing
//! follows GS1's reference implementation (the GS1 Syntax Engine): the path is read from the
//! right for `/AI/value` pairs up to the rightmost primary key, so a custom path may come
//! before it; path values are percent-decoded, query values also turn `+` into a space; other
//! query parameters (`linkType=…`) are kept but are not data. The compressed form of Digital
//! Link is not supported: it is optional, and is rejected with `no_primary_key`.
//!
//! ```
//! use tracemark::ids::DigitalLink;
//! let link = DigitalLink::parse("https://brand.example/p/01/09506000134352/21/A%2F1?17=271231")?;
//! assert_eq!(link.stem(), "https://brand.example/p");
//! assert_eq!(link.element_strings().to_bracketed(), "(01)09506000134352(21)A/1(17)271231");
//! assert_eq!(link.to_canonical_uri(), "https://id.gs1.org/01/09506000134352/21/A%2F1");
//! let err = DigitalLink::parse("https://id.gs1.org/01/09506000134352/21/X/10/L").unwrap_err();
//! assert_eq!(err.code(), "invalid_digital_link");
//! # Ok::<(), tracemark::Error>(())
//! ```

use std::fmt;

use super::ai::{self, AiDefinition};
use super::element::{Element, ElementStrings, ParseOptions, checked};
use super::gs1_error::{Gs1Error, Syntax};
use super::{Gtin, Lgtin, Sgln, Sgtin, Sscc, all_digits};
use crate::error::{Error, Result};

/// The stem of the canonical form, GS1's own resolver.
pub const CANONICAL_STEM: &str = "https://id.gs1.org";

/// Longer than any Digital Link a barcode holds (a QR code holds at most 4,296 characters):
/// a guard against hostile input, not a GS1 rule.
const MAX_URI: usize = 8192;

/// A checked GS1 Digital Link URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigitalLink {
    stem: String,
    /// The primary key, its qualifiers, then the data attributes.
    data: ElementStrings,
    /// How many of `data` are in the path.
    path: usize,
    /// Query parameters that are not AIs, as written (still percent-encoded).
    others: Vec<(String, Option<String>)>,
}

fn fail(
    rule: &'static str,
    ai: Option<&str>,
    position: usize,
    length: usize,
    msg: String,
) -> Error {
    Gs1Error::error(Syntax::DigitalLink, rule, ai, position, length, msg)
}

/// Reports an error of the element-string checks as a Digital Link error; `map` turns an
/// offset in a decoded value into one in the URI.
fn as_link_error(err: Error, map: impl Fn(usize) -> usize) -> Error {
    match err {
        Error::Gs1(mut e) => {
            e.syntax = Syntax::DigitalLink;
            e.position = map(e.position);
            Error::Gs1(e)
        }
        other => other,
    }
}

/// Which bytes RFC 3986 allows anywhere in a URI (bit 0) and in a domain (bit 1): one table
/// read per byte, as the checks run over every byte of every URI.
const URI_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let alnum = c.is_ascii_alphanumeric();
        let domain = alnum || matches!(c, b'-' | b'.' | b':' | b'[' | b']');
        let uri = domain
            || matches!(
                c,
                b'_' | b'~'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
            );
        t[b] = (uri as u8) | ((domain as u8) << 1);
        b += 1;
    }
    t
};

fn is_uri_char(b: u8) -> bool {
    URI_BYTES[usize::from(b)] & 1 != 0
}

fn is_domain_char(b: u8) -> bool {
    URI_BYTES[usize::from(b)] & 2 != 0
}

/// A value decoded, and where in the URI each decoded byte came from.
struct Decoded {
    text: String,
    /// Offset in the URI of each decoded byte (plus one past the end), when escapes moved
    /// them; `None` when the value was taken as written.
    offsets: Option<Vec<usize>>,
    start: usize,
}

impl Decoded {
    fn at(&self, i: usize) -> usize {
        match &self.offsets {
            None => self.start + i,
            Some(o) => o.get(i).or(o.last()).copied().unwrap_or(self.start),
        }
    }
}

/// Percent-decodes `raw`, which starts at `start` in the URI. A `%` not followed by two hex
/// digits stays literal, as in GS1's reference; `%00` and escapes that do not decode to UTF-8
/// are refused.
fn decode(raw: &str, start: usize, plus_is_space: bool) -> Result<Decoded> {
    let b = raw.as_bytes();
    if !b.iter().any(|&c| c == b'%' || (plus_is_space && c == b'+')) {
        return Ok(Decoded {
            text: raw.to_owned(),
            offsets: None,
            start,
        });
    }
    let mut bytes = Vec::with_capacity(b.len());
    let mut offsets = Vec::with_capacity(b.len() + 1);
    let mut i = 0;
    while i < b.len() {
        offsets.push(start + i);
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                let byte = (hi * 16 + lo) as u8;
                if byte == 0 {
                    return Err(fail(
                        "uri_contains_illegal_characters",
                        None,
                        start + i,
                        3,
                        "%00 is not allowed".into(),
                    ));
                }
                bytes.push(byte);
                i += 3;
            }
            (b'+', _, _) if plus_is_space => {
                bytes.push(b' ');
                i += 1;
            }
            (c, _, _) => {
                bytes.push(c);
                i += 1;
            }
        }
    }
    offsets.push(start + b.len());
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(
            "uri_contains_illegal_characters",
            None,
            start,
            b.len(),
            "the percent-escapes do not decode to UTF-8".into(),
        )
    })?;
    Ok(Decoded {
        text,
        offsets: Some(offsets),
        start,
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters, with capital hex digits,
/// as GS1's reference generator does.
fn encode(value: &str, out: &mut String) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// Splits `scheme://domain` from the rest; checks both.
fn split_stem_start(uri: &str) -> Result<(usize, usize)> {
    let scheme_end = ["https://", "http://", "HTTPS://", "HTTP://"]
        .iter()
        .find(|s| uri.starts_with(*s))
        .map(|s| s.len())
        .ok_or_else(|| {
            fail(
                "uri_contains_illegal_scheme",
                None,
                0,
                uri.find(':').unwrap_or(0),
                "a Digital Link starts http:// or https://".into(),
            )
        })?;
    let domain_end = uri.as_bytes()[scheme_end..]
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .map_or(uri.len(), |i| scheme_end + i);
    let domain = &uri[scheme_end..domain_end];
    if domain.is_empty() {
        return Err(fail(
            "uri_missing_domain",
            None,
            scheme_end,
            0,
            "no domain after the scheme".into(),
        ));
    }
    if let Some(i) = domain.bytes().position(|b| !is_domain_char(b)) {
        return Err(fail(
            "domain_contains_illegal_characters",
            None,
            scheme_end + i,
            1,
            format!(
                "{:?} is not allowed in a domain",
                domain[i..].chars().next().unwrap_or('?')
            ),
        ));
    }
    Ok((scheme_end, domain_end))
}

/// The qualifier sequence of `key` that holds all of `present` in order, if any.
fn sequence_holding(key: &AiDefinition, present: &[&str]) -> Option<&'static [&'static str]> {
    key.dl_qualifiers?.iter().copied().find(|seq| {
        let mut rest = seq.iter();
        present.iter().all(|q| rest.any(|s| s == q))
    })
}

impl DigitalLink {
    /// Parses and checks a Digital Link URI: every value against its AI, the key qualifiers
    /// against the key, and the AIs against each other.
    pub fn parse(uri: &str) -> Result<DigitalLink> {
        DigitalLink::parse_with(uri, ParseOptions::default())
    }

    /// [`DigitalLink::parse`] with options.
    pub fn parse_with(uri: &str, options: ParseOptions) -> Result<DigitalLink> {
        if uri.len() > MAX_URI {
            return Err(fail(
                "uri_too_long",
                None,
                MAX_URI,
                uri.len() - MAX_URI,
                format!("longer than {MAX_URI} characters"),
            ));
        }
        if let Some(i) = uri.bytes().position(|b| !is_uri_char(b)) {
            let c = uri[i..].chars().next().unwrap_or('?');
            return Err(fail(
                "uri_contains_illegal_characters",
                None,
                i,
                c.len_utf8(),
                format!("{c:?} may not appear in a URI"),
            ));
        }
        let (_, domain_end) = split_stem_start(uri)?;
        // The fragment is for the browser, not data.
        let end = uri.find('#').unwrap_or(uri.len());
        let query_at = uri[..end].find('?');
        let path_end = query_at.unwrap_or(end);
        let path = &uri[domain_end..path_end];

        let (root, pairs) = path_pairs(path, domain_end)?;
        let key = pairs[0].0;
        // Room for the path and a few attributes without growing.
        let mut elements: Vec<Element> = Vec::with_capacity(pairs.len() + 4);
        let mut positions = Vec::with_capacity(pairs.len() + 4);
        for (i, &(definition, raw, ai_at, value_at)) in pairs.iter().enumerate() {
            let mut d = decode(raw, value_at, false)?;
            let mut value = std::mem::take(&mut d.text);
            let mut pad = 0;
            if i == 0
                && definition.ai == "01"
                && options.zero_suppressed_gtin
                && matches!(value.len(), 8 | 12 | 13)
            {
                pad = 14 - value.len();
                value = format!("{}{value}", "0".repeat(pad));
            }
            let e = checked(definition, value, 0)
                .map_err(|err| as_link_error(err, |p| d.at(p.saturating_sub(pad))))?;
            elements.push(e);
            positions.push(ai_at);
        }
        // No key has more than three qualifiers: a longer path fails the sequence check.
        let mut held = [""; 4];
        let count = (elements.len() - 1).min(held.len());
        for (h, e) in held.iter_mut().zip(&elements[1..]) {
            *h = e.ai();
        }
        let qualifiers = &held[..count];
        if elements.len() - 1 > count || sequence_holding(key, qualifiers).is_none() {
            return Err(fail(
                "invalid_key_qualifier_sequence",
                Some(key.ai),
                root,
                path_end - root,
                format!(
                    "after ({}) the path may hold {}, in that order; it holds {}",
                    key.ai,
                    key.dl_qualifiers
                        .unwrap_or_default()
                        .iter()
                        .map(|s| s.iter().map(|q| format!("({q})")).collect::<String>())
                        .collect::<Vec<_>>()
                        .join(" or "),
                    elements[1..]
                        .iter()
                        .map(|q| format!("({})", q.ai()))
                        .collect::<String>()
                ),
            ));
        }
        let path_len = elements.len();
        let mut others = Vec::new();
        if let Some(q) = query_at {
            query(
                uri,
                q + 1,
                end,
                key,
                qualifiers,
                &mut elements,
                &mut positions,
                &mut others,
            )?;
        }
        let data = ElementStrings::from_elements(elements);
        data.check(&positions, options)
            .map_err(|e| as_link_error(e, |p| p))?;
        Ok(DigitalLink {
            stem: uri[..root].to_owned(),
            data,
            path: path_len,
            others,
        })
    }
}

/// One `/AI/value` pair: the AI, the raw value, and where each starts in the URI.
type Pair<'a> = (&'static AiDefinition, &'a str, usize, usize);

/// Finds the Digital Link part of `path` (which starts at `offset` in the URI): reading from
/// the right, pairs whose first segment is a known AI, up to and including the rightmost
/// primary key. Returns where that key's `/` starts, and the pairs from the key on.
fn path_pairs(path: &str, offset: usize) -> Result<(usize, Vec<Pair<'_>>)> {
    let no_key = |msg: &str| fail("no_primary_key", None, offset, path.len(), msg.to_owned());
    if path.len() < 2 {
        return Err(no_key("the URI has no path, so no primary key"));
    }
    if path.ends_with('/') {
        return Err(fail(
            "uri_ends_with_slash",
            None,
            offset + path.len() - 1,
            1,
            "the path may not end in /".into(),
        ));
    }
    // Segment starts (after each '/').
    let mut starts = Vec::with_capacity(16);
    starts.extend(
        path.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'/')
            .map(|(i, _)| i + 1),
    );
    let segment = |k: usize| {
        let s = starts[k];
        let e = starts.get(k + 1).map_or(path.len(), |n| n - 1);
        &path[s..e]
    };
    let mut k = starts.len();
    let mut root = None;
    while k >= 2 {
        let ai_text = segment(k - 2);
        // Only an exact AI matches, so anything but digits stops here too.
        let Some(d) = ai::lookup(ai_text) else {
            break;
        };
        k -= 2;
        if d.is_dl_primary_key() {
            root = Some(k);
            break;
        }
    }
    let Some(first) = root else {
        return Err(no_key("no GS1 Digital Link primary key in the path"));
    };
    let mut pairs = Vec::with_capacity((starts.len() - first) / 2);
    for k in (first..starts.len()).step_by(2) {
        // Every pair from the key on was found to have a known AI on the way here.
        let Some(d) = ai::lookup(segment(k)) else {
            return Err(no_key("no GS1 Digital Link primary key in the path"));
        };
        pairs.push((
            d,
            segment(k + 1),
            offset + starts[k],
            offset + starts[k + 1],
        ));
    }
    Ok((offset + starts[first] - 1, pairs))
}

/// Reads the query string `uri[from..end]`: AIs become data attributes, other parameters are
/// kept as written.
#[allow(clippy::too_many_arguments)]
fn query(
    uri: &str,
    from: usize,
    end: usize,
    key: &AiDefinition,
    qualifiers: &[&str],
    elements: &mut Vec<Element>,
    positions: &mut Vec<usize>,
    others: &mut Vec<(String, Option<String>)>,
) -> Result<()> {
    let mut at = from;
    for param in uri[from..end].split('&') {
        let here = at;
        at += param.len() + 1;
        if param.is_empty() {
            continue; // "a&&b": GS1's reference tolerates the empty parameter
        }
        let (name, value) = match param.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (param, None),
        };
        if name.is_empty() || !all_digits(name) {
            others.push((name.to_owned(), value.map(str::to_owned)));
            continue;
        }
        let Some(d) = ai::lookup(name) else {
            return Err(fail(
                "unknown_ai_in_query_params",
                Some(name),
                here,
                name.len(),
                format!("({name}) is not an AI, and numeric parameters are reserved for AIs"),
            ));
        };
        // The reference's order: a repeated AI, then one that is no data attribute, then a
        // qualifier the path could hold after the qualifiers it has. A repeat is refused even
        // with the same value (a URI is typed or generated, not read from several barcodes);
        // the path itself cannot repeat one, its qualifiers being a sequence of distinct AIs.
        if elements.iter().any(|e| std::ptr::eq(e.definition(), d)) {
            return Err(fail(
                "duplicate_ai",
                Some(name),
                here,
                name.len(),
                format!("({name}) appears more than once"),
            ));
        }
        if !d.dl_attribute {
            return Err(fail(
                "invalid_dl_data_attribute",
                Some(name),
                here,
                name.len(),
                format!("({name}) is not a Digital Link data attribute"),
            ));
        }
        if key.dl_qualifiers.is_some_and(|seqs| {
            seqs.iter()
                .any(|s| s.contains(&name) && qualifiers.iter().all(|q| s.contains(q)))
        }) {
            return Err(fail(
                "ai_should_be_in_path_info",
                Some(name),
                here,
                name.len(),
                format!("({name}) qualifies ({}) and belongs in the path", key.ai),
            ));
        }
        let value_at = here + name.len() + 1;
        let mut decoded = decode(value.unwrap_or(""), value_at, true)?;
        let mut text = std::mem::take(&mut decoded.text);
        let mut pad = 0;
        // GS1's reference pads a GTIN-8/12/13 given as a data attribute.
        if name == "01" && matches!(text.len(), 8 | 12 | 13) && all_digits(&text) {
            pad = 14 - text.len();
            text = format!("{}{text}", "0".repeat(pad));
        }
        let e = checked(d, text, 0)
            .map_err(|err| as_link_error(err, |p| decoded.at(p.saturating_sub(pad))))?;
        elements.push(e);
        positions.push(here);
    }
    Ok(())
}

impl DigitalLink {
    /// The Digital Link of element strings, on `stem` (`None`: [`CANONICAL_STEM`]). The first
    /// primary key goes in the path with the qualifiers present (the key's qualifier sequence
    /// that covers most of them, in its order); every other AI must be a data attribute and
    /// goes in the query, predefined-length AIs first, as GS1's reference generator does.
    ///
    /// ```
    /// use tracemark::ids::{DigitalLink, ElementStrings};
    /// let data = ElementStrings::parse("(01)09506000134352(10)ABC(17)271231(21)1")?;
    /// let link = DigitalLink::from_element_strings(&data, Some("https://brand.example/"))?;
    /// assert_eq!(link.to_uri(), "https://brand.example/01/09506000134352/10/ABC/21/1?17=271231");
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn from_element_strings(data: &ElementStrings, stem: Option<&str>) -> Result<DigitalLink> {
        let stem = stem.unwrap_or(CANONICAL_STEM).trim_end_matches('/');
        if let Some(i) = stem.bytes().position(|b| !is_uri_char(b)) {
            return Err(fail(
                "uri_contains_illegal_characters",
                None,
                i,
                1,
                "the stem has a character a URI may not hold".into(),
            ));
        }
        let (_, domain_end) = split_stem_start(stem)?;
        if let Some(i) = stem[domain_end..].find(['?', '#']) {
            return Err(fail(
                "invalid_stem",
                None,
                domain_end + i,
                1,
                "a stem has no query or fragment".into(),
            ));
        }
        let all = data.elements();
        let key_at = all
            .iter()
            .position(|e| e.definition().is_dl_primary_key())
            .ok_or_else(|| {
                fail(
                    "no_primary_key",
                    None,
                    0,
                    0,
                    "no AI that can be a Digital Link primary key".into(),
                )
            })?;
        let key = all[key_at].definition();
        let sequences = key.dl_qualifiers.unwrap_or_default();
        // The sequence holding most of the qualifiers present; on a tie the later one, as
        // GS1's generator does ((01)(235)(22) puts (235) in the path).
        let best = sequences
            .iter()
            .max_by_key(|s| {
                s.iter()
                    .filter(|q| all.iter().any(|e| e.ai() == **q))
                    .count()
            })
            .copied()
            .unwrap_or_default();
        let mut path = vec![all[key_at].clone()];
        for q in best {
            if let Some(e) = all.iter().find(|e| e.ai() == *q) {
                path.push(e.clone());
            }
        }
        let in_path = |e: &Element| path.iter().any(|p| p.same_ai(e));
        let mut fixed = Vec::new();
        let mut variable = Vec::new();
        for (i, e) in all.iter().enumerate() {
            // A repeated AI (element strings allow it with the same value) is written once.
            if in_path(e) || all[..i].iter().any(|o| o.same_ai(e)) {
                continue;
            }
            if !e.definition().dl_attribute {
                return Err(fail(
                    "invalid_dl_data_attribute",
                    Some(e.ai()),
                    0,
                    0,
                    format!("({}) is not a Digital Link data attribute", e.ai()),
                ));
            }
            if e.definition().predefined_length {
                fixed.push(e.clone());
            } else {
                variable.push(e.clone());
            }
        }
        let path_len = path.len();
        path.extend(fixed);
        path.extend(variable);
        Ok(DigitalLink {
            stem: stem.to_owned(),
            data: ElementStrings::from_elements(path),
            path: path_len,
            others: Vec::new(),
        })
    }

    /// Everything before the primary key: scheme, domain and any custom path.
    pub fn stem(&self) -> &str {
        &self.stem
    }

    /// The primary key.
    pub fn key(&self) -> &Element {
        &self.data.elements()[0]
    }

    /// The key qualifiers in the path, in order.
    pub fn qualifiers(&self) -> &[Element] {
        &self.data.elements()[1..self.path]
    }

    /// The data attributes of the query string.
    pub fn attributes(&self) -> &[Element] {
        &self.data.elements()[self.path..]
    }

    /// Query parameters that are not AIs (`linkType`, ...), as written.
    pub fn other_params(&self) -> &[(String, Option<String>)] {
        &self.others
    }

    /// All AIs: key, qualifiers, then attributes.
    pub fn element_strings(&self) -> &ElementStrings {
        &self.data
    }

    /// The same link on another stem.
    pub fn with_stem(&self, stem: &str) -> Result<DigitalLink> {
        let mut link = DigitalLink::from_element_strings(&self.data, Some(stem))?;
        link.others = self.others.clone();
        Ok(link)
    }

    fn write_path(&self, out: &mut String) {
        for e in &self.data.elements()[..self.path] {
            out.push('/');
            out.push_str(e.ai());
            out.push('/');
            encode(e.value(), out);
        }
    }

    /// The URI on its own stem, every value encoded the way GS1's generator does, data
    /// attributes in the order read and other parameters after them.
    pub fn to_uri(&self) -> String {
        let mut out = self.stem.clone();
        self.write_path(&mut out);
        let mut sep = '?';
        for e in self.attributes() {
            out.push(sep);
            out.push_str(e.ai());
            out.push('=');
            encode(e.value(), &mut out);
            sep = '&';
        }
        for (name, value) in &self.others {
            out.push(sep);
            out.push_str(name);
            if let Some(v) = value {
                out.push('=');
                out.push_str(v);
            }
            sep = '&';
        }
        out
    }

    /// The identifier alone on GS1's stem, `https://id.gs1.org/01/…/21/…`: no query string,
    /// the form EPCIS and CBV 2.0 use for identifiers, so two links to the same thing compare
    /// equal whatever their domain and attributes.
    pub fn to_canonical_uri(&self) -> String {
        let mut out = CANONICAL_STEM.to_owned();
        self.write_path(&mut out);
        out
    }

    /// The GTIN, when the key is one.
    pub fn gtin(&self) -> Option<Gtin> {
        (self.key().ai() == "01")
            .then(|| self.data.gtin())
            .flatten()
    }

    /// The serialised item, when the path names one.
    pub fn sgtin(&self) -> Option<Sgtin> {
        self.path_data().sgtin()
    }

    /// The lot, when the path names one.
    pub fn lgtin(&self) -> Option<Lgtin> {
        self.path_data().lgtin()
    }

    /// The SSCC, when the key is one.
    pub fn sscc(&self) -> Option<Sscc> {
        (self.key().ai() == "00")
            .then(|| self.data.sscc())
            .flatten()
    }

    /// The place, when the key is a location GLN (414).
    pub fn sgln(&self) -> Option<Sgln> {
        self.path_data().sgln()
    }

    pub(super) fn path_data(&self) -> ElementStrings {
        ElementStrings::from_elements(self.data.elements()[..self.path].to_vec())
    }
}

impl fmt::Display for DigitalLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_uri())
    }
}

impl std::str::FromStr for DigitalLink {
    type Err = Error;
    fn from_str(uri: &str) -> Result<DigitalLink> {
        DigitalLink::parse(uri)
    }
}

macro_rules! canonical_from {
    ($($t:ty),*) => {$(
        impl From<&$t> for DigitalLink {
            /// The canonical link of the key.
            fn from(key: &$t) -> DigitalLink {
                let data = ElementStrings::from(key);
                // Keys of the foundation are always valid Digital Link paths.
                DigitalLink {
                    stem: CANONICAL_STEM.to_owned(),
                    path: data.len(),
                    data,
                    others: Vec::new(),
                }
            }
        }
    )*};
}
canonical_from!(Sgtin, Lgtin, Sscc, Gtin, Sgln);
