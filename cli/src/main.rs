//! The tracemark command-line tool.
//!
//! Exit codes: 0 ok; 1 findings (something did not verify); 2 usage; 3 unreadable input.

mod demo;
mod scale;
mod torture;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracemark::keys::SecretKey;

/// Signed product-traceability records, counterfeit detection and recall propagation.
#[derive(Parser)]
#[command(name = "tracemark", version, about)]
struct Cli {
    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the end-to-end demo: an authority certifies a dairy and a shop, they sign a supply
    /// chain, it is verified, and a tampered record and a fork are caught; then a synthetic
    /// chain of about 100,000 records is signed, verified and stored in the embedded store.
    Demo {
        /// The store file (default: a new file in the system's temporary folder).
        #[arg(long)]
        db: Option<std::path::PathBuf>,
        /// A synthetic chain of a few hundred records instead of 100,000 (for quick checks).
        #[arg(long)]
        small: bool,
    },
    /// Work with Ed25519 keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// (Testing) Append the sample dairy's records to a store in batches until killed,
    /// printing each committed record's id. The crash-safety test kills it at random moments.
    #[command(hide = true)]
    AppendForever {
        /// The store file.
        db: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Generate a new secret key from the operating system's RNG and print its secret text
    /// form (keep it secret) and its public key.
    Generate,
    /// Print the public key of a secret key read from standard input.
    Public,
}

/// A failure with its exit code and stable error code.
pub struct Failure {
    exit: u8,
    code: String,
    message: String,
}

impl Failure {
    fn input(e: tracemark::Error) -> Failure {
        Failure {
            exit: 3,
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { db, small } => demo::run(cli.json, db, small),
        Command::Keys(k) => keys(k, cli.json),
        Command::AppendForever { db } => torture::append_forever(&db),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            if cli.json {
                let err = serde_json::json!({ "error": { "code": f.code, "message": f.message } });
                println!("{err}");
            } else {
                eprintln!("error[{}]: {}", f.code, f.message);
            }
            ExitCode::from(f.exit)
        }
    }
}

fn keys(command: KeysCommand, json: bool) -> Result<u8, Failure> {
    let key = match command {
        KeysCommand::Generate => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| Failure {
                exit: 3,
                code: "rng_unavailable".into(),
                message: format!("the operating system RNG failed: {e}"),
            })?;
            SecretKey::from_seed(seed)
        }
        KeysCommand::Public => {
            let mut text = String::new();
            std::io::stdin().read_line(&mut text).map_err(|e| Failure {
                exit: 3,
                code: "io".into(),
                message: format!("reading standard input: {e}"),
            })?;
            SecretKey::from_secret_text(text.trim()).map_err(Failure::input)?
        }
    };
    let public = key.public_key().to_string();
    let mut out = std::io::stdout().lock();
    let written = if json {
        let secret =
            matches!(command, KeysCommand::Generate).then(|| key.to_secret_text().to_string());
        writeln!(
            out,
            "{}",
            serde_json::json!({ "public": public, "secret": secret })
        )
    } else if matches!(command, KeysCommand::Generate) {
        writeln!(
            out,
            "secret  {}\npublic  {public}",
            key.to_secret_text().as_str()
        )
    } else {
        writeln!(out, "{public}")
    };
    written.map(|_| 0).map_err(|e| Failure {
        exit: 3,
        code: "io".into(),
        message: e.to_string(),
    })
}
