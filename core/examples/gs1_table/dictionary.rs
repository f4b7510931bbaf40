//! A reader of the GS1 Barcode Syntax Dictionary's text format, shared by the generator of
//! `core/src/ids/ai/table.rs` and the test that checks that table against the dictionary.
//!
//! An entry line is `AIs [Flags] Specification [Attributes...] [# Title]`; the file's own
//! header documents it. Ranges (`3100-3105`) are expanded into one entry per AI.

#![allow(dead_code)]

/// One AI of the dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub ai: String,
    /// `*`: a predefined length, no FNC1 separator needed after it.
    pub predefined_length: bool,
    /// `?`: permitted as a GS1 Digital Link data attribute.
    pub dl_attribute: bool,
    pub components: Vec<Component>,
    /// Each `req=` attribute: alternatives, each a `+`-joined group of AIs or patterns.
    pub req: Vec<Vec<Vec<String>>>,
    /// Every `ex=` pattern.
    pub ex: Vec<String>,
    /// `dlpkey`: alternative qualifier sequences (one empty sequence for a bare `dlpkey`).
    pub dl_key: Option<Vec<Vec<String>>>,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Component {
    /// `N`, `X`, `Y` or `Z`.
    pub cset: char,
    pub min: usize,
    pub max: usize,
    pub optional: bool,
    pub linters: Vec<String>,
}

/// The release date the header names (`# Release: 2026-01-27`).
pub fn release(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("# Release:"))
        .map(|r| r.trim().to_owned())
}

/// Every entry of the dictionary, ranges expanded, in file order.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (body, title) = match line.split_once('#') {
            Some((b, t)) => (b, t.trim().to_owned()),
            None => (line, String::new()),
        };
        let mut tokens = body.split_whitespace().peekable();
        let ais = tokens.next().ok_or(format!("line {}: empty", n + 1))?;
        let mut predefined_length = false;
        let mut dl_attribute = false;
        if let Some(flags) = tokens
            .peek()
            .copied()
            .filter(|f| f.chars().all(|c| !c.is_ascii_alphanumeric() && c != '['))
        {
            predefined_length = flags.contains('*');
            dl_attribute = flags.contains('?');
            tokens.next();
        }
        let mut components = Vec::new();
        let mut req = Vec::new();
        let mut ex = Vec::new();
        let mut dl_key = None;
        for token in tokens {
            if let Some(v) = token.strip_prefix("req=") {
                req.push(
                    v.split(',')
                        .map(|alt| alt.split('+').map(str::to_owned).collect())
                        .collect(),
                );
            } else if let Some(v) = token.strip_prefix("ex=") {
                ex.extend(v.split(',').map(str::to_owned));
            } else if token == "dlpkey" {
                dl_key = Some(vec![Vec::new()]);
            } else if let Some(v) = token.strip_prefix("dlpkey=") {
                dl_key = Some(
                    v.split('|')
                        .map(|seq| seq.split(',').map(str::to_owned).collect())
                        .collect(),
                );
            } else {
                components.push(component(token).map_err(|e| format!("line {}: {e}", n + 1))?);
            }
        }
        let (first, last) = match ais.split_once('-') {
            Some((a, b)) => (a, b),
            None => (ais, ais),
        };
        if first.len() != last.len() {
            return Err(format!("line {}: bad range {ais}", n + 1));
        }
        let width = first.len();
        let a: u32 = first
            .parse()
            .map_err(|_| format!("line {}: AI {first}", n + 1))?;
        let b: u32 = last
            .parse()
            .map_err(|_| format!("line {}: AI {last}", n + 1))?;
        for ai in a..=b {
            out.push(Entry {
                ai: format!("{ai:0width$}"),
                predefined_length,
                dl_attribute,
                components: components.clone(),
                req: req.clone(),
                ex: ex.clone(),
                dl_key: dl_key.clone(),
                title: title.clone(),
            });
        }
    }
    Ok(out)
}

/// `N18,csum,gcppos2`, `[N3],iso3166`, `X..20`.
fn component(token: &str) -> Result<Component, String> {
    let mut parts = token.split(',');
    let mut kind = parts.next().unwrap_or_default();
    let optional = kind.starts_with('[');
    if optional {
        kind = kind
            .strip_prefix('[')
            .and_then(|k| k.strip_suffix(']'))
            .ok_or(format!("component {token}"))?;
    }
    let mut chars = kind.chars();
    let cset = chars.next().ok_or(format!("component {token}"))?;
    if !"NXYZ".contains(cset) {
        return Err(format!("unknown character set in {token}"));
    }
    let len = chars.as_str();
    let (min, max) = match len.strip_prefix("..") {
        Some(max) => (1, max.parse().map_err(|_| format!("length in {token}"))?),
        None => {
            let n = len.parse().map_err(|_| format!("length in {token}"))?;
            (n, n)
        }
    };
    Ok(Component {
        cset,
        min,
        max,
        optional,
        linters: parts.map(str::to_owned).collect(),
    })
}

/// The dictionary's linter names and the `Linter` variants they become.
pub const LINTERS: &[(&str, &str)] = &[
    ("couponcode", "CouponCode"),
    ("couponposoffer", "CouponPosOffer"),
    ("csum", "Csum"),
    ("csumalpha", "CsumAlpha"),
    ("gcppos1", "GcpPos1"),
    ("gcppos2", "GcpPos2"),
    ("hasnondigit", "HasNonDigit"),
    ("hh", "Hh"),
    ("hhmi", "Hhmi"),
    ("hyphen", "Hyphen"),
    ("iban", "Iban"),
    ("importeridx", "ImporterIdx"),
    ("iso3166", "Iso3166"),
    ("iso3166999", "Iso3166999"),
    ("iso3166alpha2", "Iso3166Alpha2"),
    ("iso4217", "Iso4217"),
    ("iso5218", "Iso5218"),
    ("latitude", "Latitude"),
    ("longitude", "Longitude"),
    ("mediatype", "MediaType"),
    ("mi", "Mi"),
    ("nonzero", "NonZero"),
    ("nozeroprefix", "NoZeroPrefix"),
    ("packagetype", "PackageType"),
    ("pcenc", "Pcenc"),
    ("pieceoftotal", "PieceOfTotal"),
    ("posinseqslash", "PosInSeqSlash"),
    ("ss", "Ss"),
    ("winding", "Winding"),
    ("yesno", "YesNo"),
    ("yymmd0", "Yymmd0"),
    ("yymmdd", "Yymmdd"),
    ("yyyymmdd", "Yyyymmdd"),
    ("zero", "Zero"),
];

fn strs(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("&[{}]", quoted.join(", "))
}

/// The Rust source of `core/src/ids/ai/table.rs` for `entries`.
pub fn render(entries: &[Entry], release: &str) -> Result<String, String> {
    let mut out = String::new();
    out.push_str(&format!(
        "// @generated by `cargo run -p tracemark --example gs1_table -- DICTIONARY OUT` from the\n\
         // GS1 Barcode Syntax Dictionary, release {release}. Do not edit; regenerate.\n\
         //\n\
         // The dictionary: Copyright (c) 2020-2021 BWIPP project, Copyright (c) 2020-2021 Zint\n\
         // Project, Copyright (c) 2021-2026 GS1 AISBL. Licensed under the Apache License, Version\n\
         // 2.0 (http://www.apache.org/licenses/LICENSE-2.0); distributed on an \"AS IS\" BASIS,\n\
         // WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND. Source: gs1/gs1-syntax-engine,\n\
         // src/c-lib/gs1-syntax-dictionary.txt.\n\n\
         use super::CharSet::{{Cset39, Cset64, Cset82, Numeric}};\n\
         use super::Linter::*;\n\
         use super::{{AiDefinition, Component, def}};\n\n\
         /// The dictionary release this table was generated from.\n\
         pub const RELEASE: &str = {release:?};\n\n\
         /// Every AI of the dictionary, ranges expanded, in lexical order: AI, title, predefined\n\
         /// length, Digital Link attribute, components, requires, excludes, Digital Link qualifiers.\n\
         pub static AIS: &[AiDefinition] = &[\n"
    ));
    for e in entries {
        let mut components = Vec::new();
        for c in &e.components {
            let cset = match c.cset {
                'N' => "Numeric",
                'X' => "Cset82",
                'Y' => "Cset39",
                _ => "Cset64",
            };
            let mut linters = Vec::new();
            for l in &c.linters {
                let (_, variant) = LINTERS
                    .iter()
                    .find(|(name, _)| name == l)
                    .ok_or(format!("AI {}: unknown linter {l}", e.ai))?;
                linters.push(*variant);
            }
            components.push(format!(
                "Component::new({cset}, {}, {}, {}, &[{}])",
                c.min,
                c.max,
                c.optional,
                linters.join(", ")
            ));
        }
        let req: Vec<String> = e
            .req
            .iter()
            .map(|alts| {
                let groups: Vec<String> = alts.iter().map(|g| strs(g)).collect();
                format!("&[{}]", groups.join(", "))
            })
            .collect();
        let dl_key = match &e.dl_key {
            None => "None".to_owned(),
            Some(seqs) => {
                let seqs: Vec<String> = seqs.iter().map(|s| strs(s)).collect();
                format!("Some(&[{}])", seqs.join(", "))
            }
        };
        out.push_str(&format!(
            "    def({:?}, {:?}, {}, {}, &[{}], &[{}], {}, {dl_key}),\n",
            e.ai,
            e.title,
            e.predefined_length,
            e.dl_attribute,
            components.join(", "),
            req.join(", "),
            strs(&e.ex),
        ));
    }
    out.push_str("];\n");
    Ok(out)
}
