//! The AI table against the GS1 Barcode Syntax Dictionary it was generated from, and every AI
//! of the dictionary exercised with valid and invalid values derived from its own entry.
//!
//! Data (read in place, never copied): `$TRACEMARK_CONFORMANCE/gs1/gs1-syntax-dictionary.txt`,
//! gs1/gs1-syntax-engine @ 50657dbd04ce78d8734e8793e054bf70dcba294b, Apache-2.0. Unset: the
//! tests print a message and pass. Set but the file is missing: they fail.
//!
//! The values are built from the dictionary's text, not from the embedded table: for each
//! component a value that satisfies its character set and linters, then for each AI
//! - the valid value passes the AI's check, and as element strings in both forms;
//! - a value one character too long, a character outside the character set, a value one
//!   character short (for fixed lengths), and, for each linter, a value that breaks it, each
//!   fail with the rule and position expected;
//! - with the AIs its `req=` attributes name (chosen by a search over the alternatives) it
//!   parses with association checks on, and without them it fails `required_ais_not_satisfied`.

#![cfg(not(target_arch = "wasm32"))] // reads the dictionary from disk
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;
#[path = "../examples/gs1_table/dictionary.rs"]
mod dictionary;

use dictionary::{Component, Entry};
use tracemark::Error;
use tracemark::ids::{ElementStrings, ParseOptions, ai};

fn dictionary_text() -> Option<String> {
    let path = common::conformance_dir("gs1", "the GS1 dictionary checks")?
        .join("gs1-syntax-dictionary.txt");
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "TRACEMARK_CONFORMANCE is set but {} cannot be read: {e}",
            path.display()
        )
    }))
}

#[test]
fn the_embedded_table_is_generated_from_the_dictionary() {
    let Some(text) = dictionary_text() else {
        return;
    };
    let entries = dictionary::parse(&text).unwrap();
    let release = dictionary::release(&text).unwrap();
    let generated = dictionary::render(&entries, &release).unwrap();
    assert!(
        generated == include_str!("../src/ids/ai/table.rs"),
        "core/src/ids/ai/table.rs differs from the dictionary: regenerate it with \
         `cargo run -p tracemark --example gs1_table -- DICTIONARY core/src/ids/ai/table.rs`"
    );
    assert_eq!(ai::RELEASE, release);
    // And entry by entry through the public API.
    assert_eq!(ai::all().len(), entries.len());
    for e in &entries {
        let d = ai::lookup(&e.ai).unwrap_or_else(|| panic!("AI {} missing", e.ai));
        assert_eq!(d.title, e.title);
        assert_eq!(d.predefined_length, e.predefined_length, "AI {}", e.ai);
        assert_eq!(d.dl_attribute, e.dl_attribute, "AI {}", e.ai);
        assert_eq!(d.components.len(), e.components.len(), "AI {}", e.ai);
        for (c, ec) in d.components.iter().zip(&e.components) {
            assert_eq!(
                (usize::from(c.min), usize::from(c.max), c.optional),
                (ec.min, ec.max, ec.optional)
            );
            let names: Vec<&str> = c.linters.iter().map(|l| l.name()).collect();
            assert_eq!(names, ec.linters, "AI {}", e.ai);
        }
        assert_eq!(d.excludes, e.ex.as_slice(), "AI {}", e.ai);
        assert_eq!(d.dl_qualifiers.is_some(), e.dl_key.is_some(), "AI {}", e.ai);
    }
}

/// A value of `c` that passes its character set and linters.
fn valid(c: &Component) -> String {
    let has = |l: &str| c.linters.iter().any(|x| x == l);
    let fit = |s: &str| -> String {
        assert!(s.len() >= c.min && s.len() <= c.max, "{s:?} for {c:?}");
        s.to_owned()
    };
    if has("csum") {
        let body: String = "9506000134352000000000".chars().take(c.max - 1).collect();
        return format!("{body}{}", tracemark::ids::check_digit(body.as_bytes()));
    }
    if has("csumalpha") {
        return fit("1987654Ad4X4bL5ttr2310c2K");
    }
    if has("couponcode") {
        return fit("012345612345611110123");
    }
    if has("couponposoffer") {
        return fit("001234561234560123456");
    }
    if has("iban") {
        return fit("GB82WEST12345698765432");
    }
    for (linter, value) in [
        ("yymmd0", "251231"),
        ("yymmdd", "240229"),
        ("yyyymmdd", "20240229"),
        ("hhmi", "2359"),
        ("hh", "23"),
        ("mi", "59"),
        ("ss", "59"),
        ("iso3166", "276"),
        ("iso3166999", "999"),
        ("iso3166alpha2", "DE"),
        ("iso4217", "978"),
        ("iso5218", "9"),
        ("pcenc", "A%20B"),
        ("hyphen", "-"),
        ("yesno", "1"),
        ("zero", "0"),
        ("winding", "9"),
        ("pieceoftotal", "0102"),
        ("posinseqslash", "1/3"),
        ("packagetype", "1A"),
        ("nozeroprefix", "123"),
        ("mediatype", "80"),
        ("latitude", "1800000000"),
        ("longitude", "3600000000"),
        ("importeridx", "_"),
    ] {
        if has(linter) {
            return fit(value);
        }
    }
    let len = if c.min == c.max {
        c.max
    } else {
        c.max.min(5).max(c.min)
    };
    let alphabet = match c.cset {
        'N' => "9506000134",
        'X' => "A1b!-",
        'Y' => "95060#A/-",
        _ => "QUJDZ-_",
    };
    let mut s: String = alphabet.chars().cycle().take(len).collect();
    if has("nonzero") {
        s.replace_range(len - 1.., "7");
    }
    if has("gcppos1") && c.cset != 'N' {
        s = format!("9506{}", &s[4.min(s.len())..]);
        s.truncate(len.max(4));
    }
    s
}

/// For a linter, a value of the component's length that breaks it, with the rule and its
/// position inside the component; `None` when no value of the component's format can.
fn breaking(c: &Component, linter: &str) -> Option<(String, &'static str, usize)> {
    let fixed = |s: &str| (s.len() >= c.min && s.len() <= c.max).then(|| s.to_owned());
    let v = valid(c);
    let out = |s: Option<String>, rule, at| s.map(|s| (s, rule, at));
    match linter {
        "csum" => {
            let mut b = v.into_bytes();
            let last = b.len() - 1;
            b[last] = if b[last] == b'9' { b'0' } else { b[last] + 1 };
            Some((String::from_utf8(b).unwrap(), "incorrect_check_digit", last))
        }
        "csumalpha" => out(
            fixed("1987654Ad4X4bL5ttr2310c2A"),
            "incorrect_check_pair",
            23,
        ),
        "gcppos1" if c.linters.iter().any(|l| l == "csumalpha") => {
            // The check pair comes first: find the pair that makes "12A4BC" pass it.
            const CSET32: &str = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
            let pairs = CSET32
                .chars()
                .flat_map(|a| CSET32.chars().map(move |b| format!("12A4BC{a}{b}")));
            pairs
                .into_iter()
                .find(|v| check_rule("8013", v) == Some(("invalid_gcp_prefix", 2)))
                .map(|v| (v, "invalid_gcp_prefix", 2))
        }
        "gcppos1" if c.cset != 'N' => out(fixed("12A4BC"), "invalid_gcp_prefix", 2),
        "gcppos1" | "gcppos2" => None, // digits of length >= 4 always hold a GCP position
        "yymmd0" => out(fixed("251301"), "illegal_month", 2),
        "yymmdd" => out(fixed("250100"), "illegal_day", 4),
        "yyyymmdd" => out(fixed("21000229"), "illegal_day", 6),
        "hhmi" => out(fixed("2360"), "illegal_minute", 2),
        "hh" => out(fixed("24"), "illegal_hour", 0),
        "mi" => out(fixed("60"), "illegal_minute", 0),
        "ss" => out(fixed("60"), "illegal_second", 0),
        "iso3166" => out(fixed("999"), "not_iso3166", 0),
        "iso3166999" => out(fixed("000"), "not_iso3166_or_999", 0),
        "iso3166alpha2" => out(fixed("XX"), "not_iso3166_alpha2", 0),
        "iso4217" => out(fixed("000"), "not_iso4217", 0),
        "iso5218" => out(fixed("3"), "invalid_biological_sex_code", 0),
        "pcenc" => out(fixed("A%2G"), "invalid_percent_sequence", 1),
        "hyphen" => out(fixed("+"), "not_hyphen", 0),
        "yesno" => out(fixed("2"), "not_zero_or_one", 0),
        "zero" => out(fixed("1"), "not_zero", 0),
        "nonzero" => out(fixed(&"0".repeat(c.max)), "illegal_zero_value", 0),
        "winding" => out(fixed("2"), "invalid_winding_direction", 0),
        "pieceoftotal" => out(fixed("0201"), "piece_number_exceeds_total", 0),
        "posinseqslash" => out(fixed("4/3"), "position_exceeds_end", 0),
        "packagetype" => out(fixed("ZZZ9"), "invalid_package_type", 0),
        "nozeroprefix" => out(fixed("0123"), "illegal_zero_prefix", 0),
        "mediatype" => out(fixed("50"), "invalid_media_type", 0),
        "latitude" => out(fixed("1800000001"), "invalid_latitude", 0),
        "longitude" => out(fixed("3600000001"), "invalid_longitude", 0),
        "importeridx" => out(fixed("."), "invalid_import_idx_character", 0),
        "iban" => out(
            fixed("GB83WEST12345698765432"),
            "incorrect_iban_checksum",
            2,
        ),
        "hasnondigit" => None, // its components also carry csumalpha, which a digit-only value fails first
        "couponcode" => out(fixed("7123456"), "coupon_invalid_gcp_length", 0),
        "couponposoffer" => out(
            fixed("201234561234560123456"),
            "coupon_invalid_format_code",
            0,
        ),
        other => panic!("no breaking value for linter {other}"),
    }
}

fn check_rule(ai: &str, value: &str) -> Option<(&'static str, usize)> {
    ai::lookup(ai)
        .unwrap()
        .check(value)
        .err()
        .map(|e| (e.rule, e.position))
}

fn full_value(e: &Entry) -> String {
    e.components.iter().map(valid).collect()
}

#[test]
fn every_ai_passes_its_valid_value_and_fails_each_broken_rule() {
    let Some(text) = dictionary_text() else {
        return;
    };
    let entries = dictionary::parse(&text).unwrap();
    let lenient = ParseOptions {
        associations: false,
        ..ParseOptions::default()
    };
    let (mut valid_cases, mut invalid_cases, mut linter_cases) = (0, 0, 0);
    let mut unbreakable = Vec::new();
    for e in &entries {
        let value = full_value(e);
        assert_eq!(check_rule(&e.ai, &value), None, "AI ({}) {value:?}", e.ai);
        for text in [
            format!("({}){}", e.ai, value.replace('(', "\\(")),
            format!("]d2{}{value}", e.ai),
        ] {
            let data = ElementStrings::parse_with(&text, lenient)
                .unwrap_or_else(|err| panic!("{text:?}: {err}"));
            assert_eq!(data.get(&e.ai), Some(value.as_str()));
            valid_cases += 1;
        }
        // Too long: filled past the AI's longest value.
        let max: usize = e.components.iter().map(|c| c.max).sum();
        let long = format!("{value}{}", "1".repeat(max + 1 - value.len()));
        assert_eq!(
            check_rule(&e.ai, &long),
            Some(("ai_value_is_too_long", 0)),
            "AI ({}) {long:?}",
            e.ai
        );
        invalid_cases += 1;
        // A character outside the first component's set.
        let first = &e.components[0];
        let bad = if first.cset == 'N' { 'A' } else { ' ' };
        let mut chars: Vec<char> = value.chars().collect();
        chars[0] = bad;
        let wrong: String = chars.into_iter().collect();
        let expected = match first.cset {
            'N' => "non_digit_character",
            'X' => "invalid_cset82_character",
            'Y' => "invalid_cset39_character",
            _ => "invalid_cset64_character",
        };
        assert_eq!(
            check_rule(&e.ai, &wrong),
            Some((expected, 0)),
            "AI ({}) {wrong:?}",
            e.ai
        );
        invalid_cases += 1;
        // One short, where every component has a fixed length.
        if e.components.iter().all(|c| c.min == c.max && !c.optional) {
            let short = &value[..value.len() - 1];
            assert!(
                check_rule(&e.ai, short).is_some(),
                "AI ({}) {short:?}",
                e.ai
            );
            invalid_cases += 1;
        }
        // Each linter broken in its component.
        let mut offset = 0;
        for c in &e.components {
            for linter in &c.linters {
                match breaking(c, linter) {
                    Some((part, rule, at)) => {
                        let mut v = value.clone();
                        let len = valid(c).len();
                        v.replace_range(offset..offset + len, &part);
                        let got = check_rule(&e.ai, &v);
                        assert_eq!(
                            got,
                            Some((rule, offset + at)),
                            "AI ({}) {linter} {v:?}",
                            e.ai
                        );
                        linter_cases += 1;
                    }
                    None => unbreakable.push(format!("({}) {linter}", e.ai)),
                }
            }
            offset += valid(c).len();
        }
    }
    eprintln!(
        "{} AIs: {valid_cases} valid element strings, {invalid_cases} invalid values, \
         {linter_cases} linter violations; not breakable within their format: {}",
        entries.len(),
        unbreakable.len()
    );
    assert_eq!(entries.len(), 541);
    assert_eq!(valid_cases, 2 * 541);
    assert_eq!(invalid_cases, 1461);
    // Every linter use of the dictionary but 21: gcppos1/gcppos2 on digit components, which
    // any value of the format satisfies, and hasnondigit, which csumalpha reaches first.
    assert_eq!(
        (linter_cases, unbreakable.len()),
        (144, 21),
        "{unbreakable:?}"
    );
}

/// Whether `ai` matches a pattern like `31nn` (written here apart from the library's, so
/// that the test does not check the library against itself).
fn matches(ai: &str, pattern: &str) -> bool {
    ai.len() == pattern.len()
        && ai
            .bytes()
            .zip(pattern.bytes())
            .all(|(a, p)| p == b'n' || a == p)
}

/// A pattern like `31nn` as a concrete AI of the dictionary.
fn concrete(pattern: &str, entries: &[Entry]) -> String {
    entries
        .iter()
        .find(|e| matches(&e.ai, pattern))
        .map(|e| e.ai.clone())
        .unwrap_or_else(|| panic!("no AI matches {pattern}"))
}

/// A set of AIs containing `start` that meets every requirement of its members, found by a
/// depth-first search over the alternatives; `None` if every choice breaks an exclusion.
fn associated(start: &str, entries: &[Entry]) -> Option<Vec<String>> {
    fn search(set: Vec<String>, entries: &[Entry], depth: usize) -> Option<Vec<String>> {
        if depth > 6 {
            return None;
        }
        let entry = |ai: &str| entries.iter().find(|e| e.ai == ai).unwrap();
        // An exclusion broken: dead end.
        for a in &set {
            for p in &entry(a).ex {
                if set.iter().any(|b| b != a && matches(b, p)) {
                    return None;
                }
            }
        }
        for a in &set {
            for req in &entry(a).req {
                let met = req.iter().any(|g| {
                    g.iter()
                        .all(|p| set.iter().any(|b| b != a && matches(b, p)))
                });
                if !met {
                    for group in req {
                        let mut next = set.clone();
                        for p in group {
                            let c = concrete(p, entries);
                            if !next.contains(&c) {
                                next.push(c);
                            }
                        }
                        if let Some(found) = search(next, entries, depth + 1) {
                            return Some(found);
                        }
                    }
                    return None;
                }
            }
        }
        Some(set)
    }
    search(vec![start.to_owned()], entries, 0)
}

#[test]
fn every_required_association_is_met_and_missed() {
    let Some(text) = dictionary_text() else {
        return;
    };
    let entries = dictionary::parse(&text).unwrap();
    let mut met = 0;
    let mut missed = 0;
    for e in entries.iter().filter(|e| !e.req.is_empty()) {
        let set = associated(&e.ai, &entries).unwrap_or_else(|| panic!("AI ({}): no set", e.ai));
        let text: String = set
            .iter()
            .map(|a| {
                let entry = entries.iter().find(|x| &x.ai == a).unwrap();
                format!("({a}){}", full_value(entry).replace('(', "\\("))
            })
            .collect();
        ElementStrings::parse(&text).unwrap_or_else(|err| panic!("AI ({}) {text:?}: {err}", e.ai));
        met += 1;
        let alone = format!("({}){}", e.ai, full_value(e).replace('(', "\\("));
        match ElementStrings::parse(&alone) {
            Err(Error::Gs1(err)) => {
                assert_eq!(err.rule, "required_ais_not_satisfied", "{alone}");
                missed += 1;
            }
            other => panic!("{alone}: {other:?}"),
        }
    }
    eprintln!("{met} AIs with requirements: each met by a set of AIs, and missed alone");
    assert!(met > 400, "{met}");
    assert_eq!(met, missed);
}
