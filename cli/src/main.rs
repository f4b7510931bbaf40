//! The tracemark command-line tool.
//!
//! Exit codes: 0 ok; 1 findings (a record did not verify, was quarantined, a chain has a
//! fork or gap); 2 usage (clap's own); 3 unreadable input or environment (a file, a key, a
//! record line, the store). Errors print `error[code]: sentence` on standard error, or
//! `{"error": {"code", "message"}}` on standard output with `--json`.

mod demo;
mod epcis;
mod id;
mod io;
mod keys;
mod records;
mod scale;
mod torture;
mod trace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use io::Failure;

/// Signed product-traceability records, counterfeit detection and recall propagation.
#[derive(Parser)]
#[command(name = "tracemark", version, about)]
struct Cli {
    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    json: bool,
    /// The store: one SQLite file, created if missing [default: tracemark.db; for `demo`, a
    /// new file in the temporary folder].
    #[arg(long, global = true, env = "TRACEMARK_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the end-to-end demo: an authority certifies a dairy and a shop, they sign a supply
    /// chain, it is verified, and a tampered record and a fork are caught; then a synthetic
    /// chain of about 100,000 records is signed, verified and stored in the embedded store.
    Demo {
        /// A synthetic chain of a few hundred records instead of 100,000 (for quick checks).
        #[arg(long)]
        small: bool,
    },
    /// GS1 identifiers: what a scan or an element string contains.
    #[command(subcommand)]
    Id(id::IdCommand),
    /// Ed25519 keys: generate, show, certify, rotate, revoke.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// The store's trust: anchors, certificates, revocations.
    #[command(subcommand)]
    Trust(keys::TrustCommand),
    /// Sign a record body (its JSON view, `{"kind": "commission", ...}`) as the next record
    /// of the key's chain, and store it.
    Sign {
        #[command(flatten)]
        issuer: keys::Issuer,
        /// The body's JSON file (`-`: standard input).
        #[arg(long)]
        body: PathBuf,
    },
    /// Verify the records of a file (record lines) against the store's trust, or with no file
    /// every stored record again, chains included.
    Verify {
        /// Record lines (`-`: standard input).
        file: Option<PathBuf>,
    },
    /// Verify and store the records of a file (record lines); what fails is quarantined.
    /// `import epcis FILE` reads an EPCIS 2.0 document instead.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        /// Record lines (`-`: standard input).
        #[arg(required = true)]
        file: Option<PathBuf>,
        #[command(subcommand)]
        format: Option<ImportFormat>,
    },
    /// Write every stored record as record lines. `export epcis` writes the stored EPCIS
    /// events as an EPCIS 2.0 document instead.
    #[command(args_conflicts_with_subcommands = true)]
    Export {
        /// The output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// JSON lines of `{id, record}` views instead of record lines.
        #[arg(long)]
        views: bool,
        #[command(subcommand)]
        format: Option<ExportFormat>,
    },
    /// Trace forward (where did it go?) or back (where did it come from?) from items, lots,
    /// units, locations or shipments, through the store's verified records.
    Trace(trace::TraceArgs),
    /// The impact of a recall notice: affected goods and shipments, the locations to notify
    /// with what they hold, a mass balance per lot, and the FSMA 204 spreadsheet.
    Recall(trace::RecallArgs),
    /// The FSMA 204 electronic sortable spreadsheet for foods and dates, or lot codes.
    Fsma(trace::FsmaArgs),
    /// Outbreak mode: FoodChain-Lab scores and common links of the cases' suppliers.
    Outbreak(trace::OutbreakArgs),
    /// (Testing) Append the sample dairy's records to a store in batches until killed,
    /// printing each committed record's id. The crash-safety test kills it at random moments.
    #[command(hide = true)]
    AppendForever {
        /// The store file.
        db: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportFormat {
    /// An EPCIS 2.0 JSON/JSON-LD document, streamed: each event becomes a record signed by the
    /// importing key, attesting it was received from the source, with its GS1 event hash.
    Epcis(epcis::ImportArgs),
}

#[derive(Subcommand)]
enum ExportFormat {
    /// The stored EPCIS events as one EPCIS 2.0 JSON-LD document, streamed.
    Epcis(epcis::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli
        .db
        .clone()
        .unwrap_or_else(|| PathBuf::from("tracemark.db"));
    let result = match cli.command {
        Command::Demo { small } => demo::run(cli.json, cli.db, small),
        Command::Id(i) => id::run(i, cli.json),
        Command::Keys(k) => keys::keys(k, &db, cli.json),
        Command::Trust(t) => keys::trust(t, &db, cli.json),
        Command::Sign { issuer, body } => records::sign(&db, &issuer, &body, cli.json),
        Command::Verify { file } => records::verify(&db, file.as_deref(), cli.json),
        Command::Import {
            format: Some(ImportFormat::Epcis(args)),
            ..
        } => epcis::import(&db, &args, cli.json),
        Command::Import { file, .. } => match file {
            Some(file) => records::import(&db, &file, cli.json),
            None => Err(Failure::new(
                2,
                "usage",
                "import needs a file of record lines",
            )),
        },
        Command::Export {
            format: Some(ExportFormat::Epcis(args)),
            ..
        } => epcis::export(&db, &args),
        Command::Export { out, views, .. } => records::export(&db, out.as_ref(), views),
        Command::Trace(args) => trace::trace(&db, &args, cli.json),
        Command::Recall(args) => trace::recall(&db, &args, cli.json),
        Command::Fsma(args) => trace::fsma(&db, &args, cli.json),
        Command::Outbreak(args) => trace::outbreak(&db, &args, cli.json),
        Command::AppendForever { db } => torture::append_forever(&db),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            if cli.json {
                let mut error = f.detail;
                error.insert("code".into(), f.code.into());
                error.insert("message".into(), f.message.into());
                println!("{}", serde_json::json!({ "error": error }));
            } else {
                eprintln!("error[{}]: {}", f.code, f.message);
            }
            ExitCode::from(f.exit)
        }
    }
}

#[cfg(test)]
mod tests {
    /// clap checks the definitions only when a subcommand is used: check them all here.
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
