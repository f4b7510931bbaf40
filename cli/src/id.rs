//! `tracemark id parse`: what a scan, a Digital Link or an EPC URI contains, AI by AI, in all
//! three forms, with the keys of the foundation it holds.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;
use tracemark::ids::{
    CompanyPrefixLength, DigitalLink, EpcUri, Identifier, ParseOptions, PrefixLengths,
};

use crate::Failure;
use crate::io::{print, read_text};

#[derive(Subcommand)]
pub enum IdCommand {
    /// Parse a GS1 identifier in any form: element strings, bracketed `(01)…(10)…` or as a
    /// scanner sends them (group separators, symbology identifier `]d2`, `]Q3`, `]C1`…); a
    /// GS1 Digital Link URI on any domain; or an EPC URI (`urn:epc:id:sgtin:…`).
    Parse {
        /// The text.
        text: String,
        /// A character that stands for the group separator in TEXT, for scanners set up to
        /// send one (for example `^`) and for typing at a terminal.
        #[arg(long, value_name = "CHAR")]
        gs: Option<char>,
        /// Do not check that AIs required by others are present (when TEXT is one of several
        /// barcodes on an item). Excluded pairs are always checked.
        #[arg(long)]
        no_associations: bool,
        /// Accept a GTIN-8, -12 or -13 in a Digital Link path, as Digital Link 1.1 did.
        #[arg(long)]
        zero_suppressed_gtin: bool,
        /// The length of the GS1 Company Prefix, to write the EPC URI of the key.
        #[arg(long, value_name = "DIGITS", conflicts_with = "prefix_table")]
        prefix_length: Option<usize>,
        /// GS1's company prefix length table (gcpprefixformatlist.json), to write the EPC URI.
        #[arg(long, value_name = "FILE")]
        prefix_table: Option<PathBuf>,
        /// The stem of the Digital Link to write (default `https://id.gs1.org`).
        #[arg(long, value_name = "URL")]
        stem: Option<String>,
    },
}

/// Runs an `id` subcommand.
pub fn run(command: IdCommand, json: bool) -> Result<u8, Failure> {
    let IdCommand::Parse {
        text,
        gs,
        no_associations,
        zero_suppressed_gtin,
        prefix_length,
        prefix_table,
        stem,
    } = command;
    let text = match gs {
        Some(c) => text.replace(c, "\u{1d}"),
        None => text,
    };
    let options = ParseOptions {
        associations: !no_associations,
        zero_suppressed_gtin,
    };
    let id = Identifier::parse_with(&text, options).map_err(Failure::input)?;
    let lengths: Option<Box<dyn CompanyPrefixLength>> = match (prefix_length, prefix_table) {
        (Some(n), _) => Some(Box::new(n)),
        (None, Some(path)) => {
            let text = read_text(&path)?;
            Some(Box::new(
                PrefixLengths::from_gs1_json(&text).map_err(Failure::input)?,
            ))
        }
        (None, None) => None,
    };
    let data = id.element_strings().unwrap_or_default();
    let link = match (&id, &stem) {
        (Identifier::DigitalLink(l), None) => Some(Ok(l.clone())),
        _ if data.is_empty() => None,
        _ => Some(DigitalLink::from_element_strings(&data, stem.as_deref())),
    };
    let epc: Result<String, String> = match (&id, &lengths) {
        (Identifier::Epc(e), _) => Ok(e.to_string()),
        // A link's key and qualifiers name the thing; its attributes do not.
        (Identifier::DigitalLink(l), Some(lengths)) => {
            EpcUri::from_digital_link(l, lengths.as_ref())
                .map(|e| e.to_string())
                .map_err(|e| e.to_string())
        }
        (_, Some(lengths)) => EpcUri::from_element_strings(&data, lengths.as_ref())
            .map(|e| e.to_string())
            .map_err(|e| e.to_string()),
        (_, None) => Err("give --prefix-length or --prefix-table to write it".to_owned()),
    };
    let keys = [
        ("sgtin", data.sgtin().map(|k| k.to_string())),
        ("lgtin", data.lgtin().map(|k| k.to_string())),
        ("sscc", data.sscc().map(|k| k.to_string())),
        ("sgln", data.sgln().map(|k| k.to_string())),
        ("gtin", data.gtin().map(|k| k.to_string())),
    ];
    let syntax = id.syntax().code().trim_start_matches("invalid_");
    if json {
        let elements: Vec<_> = data
            .elements()
            .iter()
            .map(|e| json!({"ai": e.ai(), "title": e.definition().title, "value": e.value()}))
            .collect();
        let keys: serde_json::Map<_, _> = keys
            .iter()
            .filter_map(|(k, v)| Some(((*k).to_owned(), json!(v.as_ref()?))))
            .collect();
        let link = match &link {
            Some(Ok(l)) => json!({
                "uri": l.to_uri(),
                "canonical": l.to_canonical_uri(),
                "stem": l.stem(),
                "other_params": l.other_params().iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            }),
            Some(Err(e)) => json!({"error": e.to_string()}),
            None => json!(null),
        };
        let epc = match &epc {
            Ok(uri) => json!({"uri": uri}),
            Err(e) => json!({"error": e}),
        };
        print(
            &json!({
                "syntax": syntax,
                "elements": elements,
                "bracketed": data.to_bracketed(),
                "unbracketed": data.to_unbracketed(),
                "digital_link": link,
                "epc": epc,
                "keys": keys,
            })
            .to_string(),
        )?;
    } else {
        print(&format!("read as       {}", syntax.replace('_', " ")))?;
        if !data.is_empty() {
            print(&format!("\n{:<6}  {:<24}  value", "AI", "title"))?;
        }
        for e in data.elements() {
            print(&format!(
                "{:<6}  {:<24}  {}",
                format!("({})", e.ai()),
                e.definition().title,
                e.value()
            ))?;
        }
        print("")?;
        if !data.is_empty() {
            print(&format!("bracketed     {}", data.to_bracketed()))?;
            print(&format!(
                "unbracketed   {}  (<GS> is ASCII 29)",
                data.to_unbracketed().replace('\u{1d}', "<GS>")
            ))?;
        }
        match &link {
            Some(Ok(l)) => {
                print(&format!("digital link  {}", l.to_uri()))?;
                print(&format!("canonical     {}", l.to_canonical_uri()))?;
            }
            Some(Err(e)) => print(&format!("digital link  none: {e}"))?,
            None => {}
        }
        match &epc {
            Ok(uri) => print(&format!("epc           {uri}"))?,
            Err(e) => print(&format!("epc           none: {e}"))?,
        }
        for (name, value) in keys.iter().filter_map(|(k, v)| Some((k, v.as_ref()?))) {
            print(&format!("{name:<13} {value}"))?;
        }
    }
    Ok(0)
}
