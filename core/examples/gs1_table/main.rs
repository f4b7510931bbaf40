//! Generates `core/src/ids/ai/table.rs` from the GS1 Barcode Syntax Dictionary.
//!
//! ```text
//! cargo run -p tracemark --example gs1_table -- \
//!     ../shared/conformance/gs1/gs1-syntax-dictionary.txt core/src/ids/ai/table.rs
//! ```
//!
//! CI runs it into a temporary file and compares it with the committed table (drift check);
//! `core/tests/gs1_dictionary.rs` checks the table against the dictionary entry by entry.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

mod dictionary;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: gs1_table DICTIONARY OUT".into());
    };
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let release = dictionary::release(&text).ok_or("the dictionary names no release")?;
    let entries = dictionary::parse(&text)?;
    let source = dictionary::render(&entries, &release)?;
    std::fs::write(output, source).map_err(|e| format!("{output}: {e}"))?;
    eprintln!(
        "{} AIs of release {release} written to {output}",
        entries.len()
    );
    Ok(())
}
