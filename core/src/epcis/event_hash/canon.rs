//! The canonical form of a value in the pre-hash string: CBV URNs as web URIs, numbers without
//! insignificant zeros, timestamps in UTC to the millisecond, and GS1 identifiers (EPC URIs and
//! Digital Links on any domain) as constrained Digital Links on `https://id.gs1.org`.

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::ids::{EpcKind, EpcUri};

/// CBV vocabulary URNs and the web URIs that replace them.
const CBV_URNS: [(&str, &str); 5] = [
    (
        "urn:epcglobal:cbv:bizstep:",
        "https://ref.gs1.org/cbv/BizStep-",
    ),
    ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
    ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
    ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
    ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
];

/// The reference's `canon`: CBV URN to web URI, then number, then GS1 identifier.
pub(super) fn canon(text: &str) -> String {
    let mut out = text.to_owned();
    if text.contains("urn:epcglobal:cbv:") {
        for (urn, web) in CBV_URNS {
            if out.contains(urn) {
                out = out.replace(urn, web);
            }
        }
    }
    if let Some(n) = number(&out) {
        out = n;
    }
    identifier(&out).unwrap_or(out)
}

/// A timestamp in UTC, rounded half-up to the millisecond (after truncation to microseconds,
/// as the reference's parser does), `YYYY-MM-DDTHH:MM:SS.mmmZ`; the text itself when it is
/// not an RFC 3339 date-time.
pub(super) fn timestamp(text: &str) -> String {
    let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) else {
        return text.to_owned();
    };
    let micros = t.unix_timestamp_nanos().div_euclid(1_000);
    let millis = (micros + 500).div_euclid(1_000);
    match OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000) {
        Ok(t) => {
            let mut out = String::with_capacity(24);
            match crate::time::write_millis(t.to_offset(UtcOffset::UTC), "Z", &mut out) {
                Ok(()) => out,
                Err(_) => text.to_owned(),
            }
        }
        Err(_) => text.to_owned(),
    }
}

/// A number as Python's `Decimal` prints it after the reference's normalisation: integral
/// values as integers (`452.0` → `452`, `0012` → `12`), others without trailing zeros and
/// without exponent (`1e-05` → `0.00001`); integral values written with a positive exponent
/// keep scientific form (`1e3` → `1E+3`). `None` when `text` is not a decimal number.
pub(super) fn number(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = &text[int_start..i];
    let mut frac_digits = "";
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = &text[start..i];
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return None;
    }
    let mut exponent: i64 = 0;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign: i64 = match b.get(i) {
            Some(b'-') => {
                i += 1;
                -1
            }
            Some(b'+') => {
                i += 1;
                1
            }
            _ => 1,
        };
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // Python would print 1e-999999 with a million zeros; such a value stays as written.
        if start == i || i - start > 3 {
            return None;
        }
        exponent = sign * text[start..i].parse::<i64>().ok()?;
    }
    if i != b.len() {
        return None;
    }
    // The coefficient's digits and the Decimal exponent of its last digit.
    let digits: String = format!("{int_digits}{frac_digits}");
    let exp = exponent - frac_digits.len() as i64;
    let sign = if negative { "-" } else { "" };
    let significant = digits.trim_start_matches('0');
    if exp > 0 {
        // Python keeps an integral Decimal with a positive exponent in scientific form.
        let c = if significant.is_empty() {
            "0"
        } else {
            significant
        };
        let adjusted = c.len() as i64 - 1 + exp;
        let rest = if c.len() > 1 {
            format!(".{}", &c[1..])
        } else {
            String::new()
        };
        return Some(format!("{sign}{}{rest}E+{adjusted}", &c[..1]));
    }
    // Digits after the point: -exp of them; drop the zeros at the end.
    let point = usize::try_from(-exp).ok()?;
    let padded = if digits.len() <= point {
        format!("{}{digits}", "0".repeat(point - digits.len() + 1))
    } else {
        digits
    };
    let (whole, frac) = padded.split_at(padded.len() - point);
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let frac = frac.trim_end_matches('0');
    Some(if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    })
}

/// The constrained canonical Digital Link of a GS1 identifier, or `None` to keep the value.
fn identifier(text: &str) -> Option<String> {
    if !text.contains('.') {
        return None;
    }
    if text.starts_with("urn:epc:") {
        return epc_link(text);
    }
    // Other URNs (business transaction ids, CBV terms) are no GS1 keys.
    if text.starts_with("urn:") {
        return None;
    }
    digital_link(text)
}

const STEM: &str = "https://id.gs1.org";

/// An EPC URI as a Digital Link, its alphanumeric components copied as written (escapes
/// included), as the 2026 reference does.
fn epc_link(text: &str) -> Option<String> {
    let mut link = String::new();
    if plain_epc_link(text, &mut link) {
        return Some(link);
    }
    full_epc_link(text)
}

/// The EPCs most events carry (SGTIN, LGTIN, SSCC and SGLN whose serial, lot or extension is
/// plain letters and digits) straight to their link: what [`full_epc_link`] gives, without
/// parsing the EPC into element strings twice over, written at the end of `out`. `false`
/// (and `out` as it was) for anything else, which takes the full way; a test holds the two
/// equal.
pub(super) fn plain_epc_link(text: &str, out: &mut String) -> bool {
    plain_epc_link_parts(text).is_some_and(|parts| {
        parts.write(out);
        true
    })
}

/// A plain EPC's pieces (see [`plain_epc_link`]).
struct PlainEpc<'t> {
    scheme: &'static str,
    prefix: &'t str,
    reference: &'t str,
    tail: &'t str,
}

fn plain_epc_link_parts(text: &str) -> Option<PlainEpc<'_>> {
    // (scheme, digits of company prefix and reference, whether a last component follows)
    let (scheme, body, total, last) = if let Some(b) = text.strip_prefix("urn:epc:id:sgtin:") {
        ("sgtin", b, 13, true)
    } else if let Some(b) = text.strip_prefix("urn:epc:class:lgtin:") {
        ("lgtin", b, 13, true)
    } else if let Some(b) = text.strip_prefix("urn:epc:id:sscc:") {
        ("sscc", b, 17, false)
    } else if let Some(b) = text.strip_prefix("urn:epc:id:sgln:") {
        ("sgln", b, 12, true)
    } else {
        return None;
    };
    let mut parts = body.split('.');
    let (prefix, reference) = (parts.next()?, parts.next()?);
    let tail = if last { parts.next()? } else { "" };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let plain =
        |s: &str| (1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if parts.next().is_some()
        || !(6..=12).contains(&prefix.len())
        || reference.is_empty()
        || prefix.len() + reference.len() != total
        || !digits(prefix)
        || !digits(reference)
        || (last && !plain(tail))
    {
        return None;
    }
    Some(PlainEpc {
        scheme,
        prefix,
        reference,
        tail,
    })
}

impl PlainEpc<'_> {
    fn write(&self, out: &mut String) {
        out.push_str(STEM);
        out.push_str(match self.scheme {
            "sscc" => "/00/",
            "sgln" => "/414/",
            _ => "/01/",
        });
        let key = out.len();
        if self.scheme == "sgln" {
            out.push_str(self.prefix);
            out.push_str(self.reference);
        } else {
            // The indicator (or extension) digit leads the key.
            out.push_str(&self.reference[..1]);
            out.push_str(self.prefix);
            out.push_str(&self.reference[1..]);
        }
        let check = crate::ids::check_digit(&out.as_bytes()[key..]);
        out.push(char::from(b'0' + check));
        match self.scheme {
            "sgtin" => out.push_str("/21/"),
            "lgtin" => out.push_str("/10/"),
            "sgln" if self.tail != "0" => out.push_str("/254/"),
            _ => return,
        }
        out.push_str(self.tail);
    }
}

/// [`epc_link`] of any EPC, through its element strings.
fn full_epc_link(text: &str) -> Option<String> {
    let epc = EpcUri::parse(text).ok()?;
    let data = epc.element_strings()?;
    let key = data.elements().first()?.value();
    // urn:epc:<kind>:<scheme>:<body>
    let body = text.splitn(5, ':').nth(4)?;
    let raw: Vec<&str> = body.splitn(epc.components(), '.').collect();
    let last = raw.last().copied().unwrap_or("");
    let pattern = epc.kind() == EpcKind::Pattern;
    // The reference converts a pattern only when its serial is the wildcard.
    if pattern && !text.ends_with(".*") {
        return None;
    }
    let prefix = raw.first().copied().unwrap_or("");
    Some(match (epc.scheme(), epc.kind()) {
        ("sgtin", EpcKind::Id) => format!("{STEM}/01/{key}/21/{last}"),
        ("lgtin", _) => format!("{STEM}/01/{key}/10/{last}"),
        ("upui", EpcKind::Id) => format!("{STEM}/01/{key}/235/{last}"),
        ("sgtin" | "upui", _) => format!("{STEM}/01/{key}"),
        ("sscc", _) => format!("{STEM}/00/{key}"),
        ("sgln", _) if last == "0" => format!("{STEM}/414/{key}"),
        ("sgln", _) => format!("{STEM}/414/{key}/254/{last}"),
        ("pgln", _) => format!("{STEM}/417/{key}"),
        ("grai", _) if pattern => format!("{STEM}/8003/{}", key.get(..14)?),
        ("grai", _) => format!("{STEM}/8003/{}{last}", key.get(..14)?),
        ("gdti", _) if pattern => format!("{STEM}/253/{}", key.get(..13)?),
        ("gdti", _) => format!("{STEM}/253/{}{last}", key.get(..13)?),
        ("sgcn", _) if pattern => format!("{STEM}/255/{}", key.get(..13)?),
        ("sgcn", _) => format!("{STEM}/255/{}{last}", key.get(..13)?),
        ("giai", _) => format!("{STEM}/8004/{prefix}{last}"),
        ("ginc", _) => format!("{STEM}/401/{prefix}{last}"),
        ("gsrn", _) => format!("{STEM}/8018/{key}"),
        ("gsrnp", _) => format!("{STEM}/8017/{key}"),
        ("gsin", _) => format!("{STEM}/402/{key}"),
        ("itip", _) if pattern => format!("{STEM}/8006/{key}"),
        ("itip", _) => format!("{STEM}/8006/{key}/21/{last}"),
        ("cpi", _) => {
            let part = raw.get(1)?;
            if pattern {
                format!("{STEM}/8010/{prefix}{part}")
            } else {
                format!("{STEM}/8010/{prefix}{part}/8011/{last}")
            }
        }
        _ => return None,
    })
}

/// Primary keys in the order the reference looks for them to cut the stem.
const KEYS: [&str; 14] = [
    "00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017",
    "8018",
];

/// Convenience alphas of Digital Link 1.1, as the reference rewrites them.
const ALPHAS: [(&str, &str); 17] = [
    ("/gtin/", "/01/"),
    ("/itip/", "/8006/"),
    ("/cpid/", "/8010/"),
    ("/gln/", "/414/"),
    ("/party/", "/417/"),
    ("/gsrnp/", "/8017/"),
    ("/gsrn/", "/8018/"),
    ("/gcn/", "/255/"),
    ("/sscc/", "/00/"),
    ("/gdti/", "/253/"),
    ("/ginc/", "/401/"),
    ("/gsin/", "/402/"),
    ("/grai/", "/8003/"),
    ("/giai/", "/8004/"),
    ("/cpv/", "/22/"),
    ("/lot/", "/10/"),
    ("/ser/", "/21/"),
];

/// The characters the reference lets through in an alphanumeric Digital Link value.
fn x(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"\"'-.;<=>?_".contains(&b)
}

fn all(s: &str, f: impl Fn(u8) -> bool, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(f)
}

fn digits(s: &str, n: usize) -> bool {
    all(s, |b| b.is_ascii_digit(), n, n)
}

/// A Digital Link on any domain as the constrained canonical one: GS1's stem, no query, key
/// and finest qualifier only. `None` when it is not one.
fn digital_link(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("https:")
        .or_else(|| text.strip_prefix("http:"))?;
    let before_query = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    // Somewhere a key (or a convenience alpha for one) followed by a value that starts with
    // four digits: segments are compared, nothing is built per call.
    let is_key = |seg: &str| {
        KEYS.contains(&seg)
            || ALPHAS.iter().any(|(alpha, ai)| {
                alpha.trim_matches('/') == seg && KEYS.contains(&ai.trim_matches('/'))
            })
    };
    let segments: Vec<&str> = before_query.split('/').collect();
    let has_key = segments.windows(2).any(|w| {
        is_key(w[0]) && w[1].len() > 4 && w[1].bytes().take(4).all(|b| b.is_ascii_digit())
    });
    if !has_key {
        return None;
    }
    let mut uri = text[..text.find('?').unwrap_or(text.len())].to_owned();
    for (alpha, ai) in ALPHAS {
        if uri.contains(alpha) {
            uri = uri.replace(alpha, ai);
        }
    }
    // Another domain, a custom path or http: GS1's stem replaces all before the first key
    // found (in the reference's order of keys).
    let canonical = uri.strip_prefix("https://id.gs1.org/").is_some_and(|rest| {
        let mut seg = rest.split('/');
        let (key, value) = (seg.next().unwrap_or(""), seg.next().unwrap_or(""));
        KEYS.contains(&key) && value.len() > 4 && value.bytes().take(4).all(|b| b.is_ascii_digit())
    });
    if !canonical {
        let cut = KEYS.iter().find_map(|k| uri.find(&format!("/{k}/")))?;
        uri = format!("{STEM}{}", &uri[cut..]);
    }
    let mut path = uri.strip_prefix("https://id.gs1.org/")?.to_owned();
    // A zero-suppressed GTIN is padded to 14 digits.
    if let Some(g) = path.strip_prefix("01/") {
        let pad = match g.bytes().take_while(u8::is_ascii_digit).count() {
            13 => "0",
            12 => "00",
            8..=11 => "000000",
            _ => "",
        };
        path.insert_str(3, pad);
    }
    // The consumer product variant is not identity; nor is the lot when there is a serial.
    let head = if path.starts_with("01/") && path.get(3..17).is_some_and(|g| digits(g, 14)) {
        17
    } else if path.starts_with("8006/") && path.get(5..23).is_some_and(|g| digits(g, 18)) {
        23
    } else {
        0
    };
    if head > 0 {
        if let Some(cpv) = path[head..].strip_prefix("/22/") {
            if all(cpv, x, 0, 20) {
                path.truncate(head);
            } else if all(cpv, |b| x(b) || b == b'/', 0, 20)
                && let Some(j) = cpv.find('/')
            {
                path = format!("{}/{}", &path[..head], &cpv[j + 1..]);
            }
        }
        if let Some(rest) = path[head..].strip_prefix("/10/")
            && let Some((lot, serial)) = rest.split_once("/21/")
            && all(lot, x, 0, 20)
            && all(serial, x, 0, 20)
        {
            path = format!("{}/21/{serial}", &path[..head]);
        }
    }
    let segments: Vec<&str> = path.split('/').collect();
    let valid = match segments.as_slice() {
        ["00", v] => digits(v, 18),
        ["01", g] => digits(g, 14),
        ["01", g, "21" | "10", v] => digits(g, 14) && all(v, x, 0, 20),
        ["01", g, "235", v] => digits(g, 14) && all(v, x, 0, 28),
        ["253", v] => v.get(..13).is_some_and(|d| digits(d, 13)) && all(&v[13..], x, 0, 17),
        ["255", v] => all(v, |b| b.is_ascii_digit(), 13, 25),
        ["401" | "8004", v] => all(v, x, 0, 30),
        ["402", v] => digits(v, 17),
        ["414" | "417", v] => digits(v, 13),
        ["414", v, "254", e] => digits(v, 13) && all(e, x, 0, 20),
        ["8003", v] => v.get(..14).is_some_and(|d| digits(d, 14)) && all(&v[14..], x, 0, 16),
        ["8006", v] => digits(v, 18),
        ["8006", v, "21" | "10", w] => digits(v, 18) && all(w, x, 0, 20),
        ["8017" | "8018", v] => digits(v, 18),
        ["8010", rest @ ..] => {
            // The CPID may hold '/': the 8011 serial is whatever follows "/8011/".
            let joined = rest.join("/");
            let (cpid, serial) = match joined.split_once("/8011/") {
                Some((c, s)) => (c, Some(s)),
                None => (joined.as_str(), None),
            };
            all(
                cpid,
                |b| b"#-/".contains(&b) || b.is_ascii_digit() || b.is_ascii_uppercase(),
                0,
                30,
            ) && serial.is_none_or(|s| all(s, |b| b.is_ascii_digit(), 0, 12))
        }
        _ => false,
    };
    valid.then(|| format!("{STEM}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn plain_epcs_link_as_the_full_parse_links_them() {
        // Every shape near the fast path's edges: prefix lengths, reference lengths off by
        // one, serials of odd characters or lengths, escapes, extra components.
        let mut taken = 0;
        let mut compared = 0;
        for scheme in [
            "id:sgtin",
            "class:lgtin",
            "id:sscc",
            "id:sgln",
            "idpat:sgtin",
        ] {
            for cp in 5..=13 {
                let prefix = &"0614141234567"[..cp];
                for extra in [-1i32, 0, 1] {
                    let total = match scheme {
                        "id:sscc" => 17,
                        "id:sgln" => 12,
                        _ => 13,
                    };
                    let n = usize::try_from(total - cp as i32 + extra).unwrap_or(0);
                    let reference = &"81234567890123456"[..n.min(17)];
                    for tail in [
                        "",
                        "0",
                        "6789",
                        "AB-1",
                        "A%2F1",
                        "x.y",
                        "*",
                        "123456789012345678901",
                        "12345678901234567890",
                        "Zz9",
                    ] {
                        let text = if scheme == "id:sscc" && tail.is_empty() {
                            format!("urn:epc:{scheme}:{prefix}.{reference}")
                        } else {
                            format!("urn:epc:{scheme}:{prefix}.{reference}.{tail}")
                        };
                        compared += 1;
                        let mut fast = String::from("before:");
                        if plain_epc_link(&text, &mut fast) {
                            taken += 1;
                            assert_eq!(
                                fast.strip_prefix("before:"),
                                full_epc_link(&text).as_deref(),
                                "{text}"
                            );
                        } else {
                            assert_eq!(fast, "before:");
                        }
                    }
                }
            }
        }
        assert_eq!(compared, 1350);
        // Prefixes of 6 to 12 digits with the right reference and a plain tail: 7 × 4 tails for
        // SGTIN, LGTIN and SGLN (less the SGLN without a location reference), 7 SSCCs.
        assert_eq!(taken, 87, "the fast path takes the common EPCs");
        assert_eq!(
            epc_link("urn:epc:id:sgtin:0614141.812345.6789").as_deref(),
            Some("https://id.gs1.org/01/80614141123458/21/6789")
        );
        assert_eq!(
            epc_link("urn:epc:id:sgln:0614141.12345.0").as_deref(),
            Some("https://id.gs1.org/414/0614141123452")
        );
    }

    #[test]
    fn numbers_print_as_python_decimals_do() {
        for (text, want) in [
            ("452.0", Some("452")),
            ("0012", Some("12")),
            ("+5", Some("5")),
            ("-0.0", Some("-0")),
            ("-0.50", Some("-0.5")),
            ("26.2", Some("26.2")),
            ("1e-05", Some("0.00001")),
            ("1e3", Some("1E+3")),
            ("1.0e3", Some("1.0E+3")),
            (".5", Some("0.5")),
            ("OBSERVE", None),
            ("+01:00", None),
            ("f0f0f0", None),
            ("1.2.3", None),
            ("1e-999999", None),
        ] {
            assert_eq!(number(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn timestamps_round_half_up_to_the_millisecond_in_utc() {
        for (text, want) in [
            ("2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.142Z"),
            ("2023-02-02T11:04:03.1414Z", "2023-02-02T11:04:03.141Z"),
            (
                "2022-02-16T20:33:31.116000-06:00",
                "2022-02-17T02:33:31.116Z",
            ),
            ("2023-01-11T12:00:00+01:00", "2023-01-11T11:00:00.000Z"),
            ("2023-12-31T23:59:59.9995Z", "2024-01-01T00:00:00.000Z"),
            ("not a time", "not a time"),
        ] {
            assert_eq!(timestamp(text), want, "{text}");
        }
    }

    #[test]
    fn identifiers_become_constrained_digital_links() {
        for (text, want) in [
            (
                "urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()",
                Some("https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22!%3F()"),
            ),
            (
                "urn:epc:id:sgln:4012345.00005.0",
                Some("https://id.gs1.org/414/4012345000054"),
            ),
            (
                "https://example.com/gtin/09780345418913/21/765tz?abc=211121",
                Some("https://id.gs1.org/01/09780345418913/21/765tz"),
            ),
            (
                "https://id.gs1.de/414/4012345000115",
                Some("https://id.gs1.org/414/4012345000115"),
            ),
            (
                "https://id.gs1.org/01/09506000134352/22/V/10/L/21/S",
                Some("https://id.gs1.org/01/09506000134352/21/S"),
            ),
            ("http://transaction.acme.com/po/12345678", None),
            // Found in review: no panic on a multi-byte character where digits belong, no
            // conversion of a pattern that names one serial, the reference's 20-character CPV
            // limit, and a custom path on GS1's own domain rewritten.
            ("https://id.gs1.org/253/123456789012\u{e9}", None),
            ("urn:epc:idpat:sgtin:0614141.812345.6789", None),
            (
                "https://id.gs1.org/01/09506000134352/22/CPV1/10/LOT12345/21/SERIAL123456",
                None,
            ),
            (
                "https://id.gs1.org/foo/01/09506000134352",
                Some("https://id.gs1.org/01/09506000134352"),
            ),
            ("urn:epcglobal:cbv:bt:4012345000009:ASN1099", None),
        ] {
            assert_eq!(identifier(text).as_deref(), want, "{text}");
        }
    }
}
