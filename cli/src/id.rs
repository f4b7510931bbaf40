//! `tracemark id parse`: what a scan or an element string contains, AI by AI, with the keys
//! of the foundation it holds.

use clap::Subcommand;
use serde_json::json;
use tracemark::ids::{ElementStrings, ParseOptions};

use crate::Failure;
use crate::io::print;

#[derive(Subcommand)]
pub enum IdCommand {
    /// Parse element strings: bracketed `(01)…(10)…`, or as a scanner sends them, with group
    /// separators (ASCII 29) and optionally a symbology identifier (`]d2`, `]Q3`, `]C1`…).
    Parse {
        /// The text.
        text: String,
        /// A character that stands for the group separator in TEXT, for scanners set up to
        /// send one (for example `^`) and for typing at a terminal.
        #[arg(long, value_name = "CHAR")]
        gs: Option<char>,
        /// Do not check required and excluded AI pairs (when TEXT is one of several barcodes
        /// on an item).
        #[arg(long)]
        no_associations: bool,
    },
}

/// Runs an `id` subcommand.
pub fn run(command: IdCommand, json: bool) -> Result<u8, Failure> {
    let IdCommand::Parse {
        text,
        gs,
        no_associations,
    } = command;
    let text = match gs {
        Some(c) => text.replace(c, "\u{1d}"),
        None => text,
    };
    let options = ParseOptions {
        associations: !no_associations,
    };
    let data = ElementStrings::parse_with(&text, options).map_err(Failure::input)?;
    let keys = [
        ("sgtin", data.sgtin().map(|k| k.to_string())),
        ("lgtin", data.lgtin().map(|k| k.to_string())),
        ("sscc", data.sscc().map(|k| k.to_string())),
        ("sgln", data.sgln().map(|k| k.to_string())),
        ("gtin", data.gtin().map(|k| k.to_string())),
    ];
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
        print(
            &json!({
                "elements": elements,
                "bracketed": data.to_bracketed(),
                "unbracketed": data.to_unbracketed(),
                "keys": keys,
            })
            .to_string(),
        )?;
    } else {
        print(&format!("{:<6}  {:<24}  value", "AI", "title"))?;
        for e in data.elements() {
            print(&format!(
                "{:<6}  {:<24}  {}",
                format!("({})", e.ai()),
                e.definition().title,
                e.value()
            ))?;
        }
        print(&format!("\nbracketed    {}", data.to_bracketed()))?;
        print(&format!(
            "unbracketed  {}  (<GS> is ASCII 29)",
            data.to_unbracketed().replace('\u{1d}', "<GS>")
        ))?;
        for (name, value) in keys.iter().filter_map(|(k, v)| Some((k, v.as_ref()?))) {
            print(&format!("{name:<11}  {value}"))?;
        }
    }
    Ok(0)
}
