//! What every command shares: failures with exit codes, key files, record lines, the store,
//! times, progress bars and output.
//!
//! Record lines: one record per line, the standard base64 (RFC 4648 section 4, padded) of its
//! canonical bytes; blank lines and lines starting with `#` are skipped. Text, so files can be
//! mailed, diffed, split with `split -l` and counted with `wc -l`.

use std::io::{BufRead, Write};
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use indicatif::{ProgressBar, ProgressStyle};
use tracemark::keys::SecretKey;
use tracemark::record::SignedRecord;
use tracemark::store::Store;
use tracemark::time::Timestamp;

/// A failure with its exit code (1 findings, 3 unreadable input or environment) and stable
/// error code.
pub struct Failure {
    /// The process exit code.
    pub exit: u8,
    /// The stable error code.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// More for machines, added to the `--json` error object: for a GS1 syntax error the
    /// rule broken, the AI and the position.
    pub detail: serde_json::Map<String, serde_json::Value>,
}

impl Failure {
    /// Input the core could not read.
    pub fn input(e: tracemark::Error) -> Failure {
        let mut failure = Failure::new(3, e.code(), e.to_string());
        if let tracemark::Error::Gs1(g) = &e {
            failure.detail.insert("rule".into(), g.rule.into());
            failure.detail.insert("ai".into(), g.ai.clone().into());
            failure.detail.insert("position".into(), g.position.into());
        }
        failure
    }

    /// A failure with this exit code and stable code.
    pub fn new(exit: u8, code: &str, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            code: code.to_owned(),
            message: message.into(),
            detail: serde_json::Map::new(),
        }
    }

    /// A file or stream that could not be read or written.
    pub fn io(what: &str, e: std::io::Error) -> Failure {
        Failure::new(3, "io", format!("{what}: {e}"))
    }
}

/// The secret key in `path` (its text form `ed25519-secret:...` on the first line), or on
/// standard input for `-`.
pub fn read_key(path: &Path) -> Result<SecretKey, Failure> {
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or_default().trim();
    SecretKey::from_secret_text(first)
        .map_err(|e| Failure::new(3, e.code(), format!("{}: {e}", path.display())))
}

/// A whole file as text, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String, Failure> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| Failure::io("standard input", e))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| Failure::io(&path.display().to_string(), e))
    }
}

/// Reads record lines from `path` (or standard input for `-`). Any line that is not base64
/// of exactly one record fails the whole read, naming the line: nothing is half-read.
pub fn read_records(path: &Path) -> Result<Vec<SignedRecord>, Failure> {
    let reader: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(path).map_err(|e| Failure::io(&path.display().to_string(), e))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Failure::io(&path.display().to_string(), e))?;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{} line {}", path.display(), n + 1);
        let bytes = STANDARD.decode(line).map_err(|e| {
            Failure::new(
                3,
                "invalid_record_line",
                format!("{}: not base64 ({e})", at()),
            )
        })?;
        let record = SignedRecord::decode(&bytes)
            .map_err(|e| Failure::new(3, e.code(), format!("{}: {e}", at())))?;
        out.push(record);
    }
    Ok(out)
}

/// One record line.
pub fn record_line(record: &SignedRecord) -> String {
    STANDARD.encode(record.bytes())
}

/// Opens the store (creating it if needed).
pub fn open_store(path: &Path) -> Result<Store, Failure> {
    Store::open(path).map_err(|e| Failure::new(3, e.code(), format!("{}: {e}", path.display())))
}

/// `--at` if given (RFC 3339), else the system clock.
pub fn time_or_now(at: Option<&str>) -> Result<Timestamp, Failure> {
    match at {
        Some(text) => text.parse().map_err(Failure::input),
        None => {
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|e| Failure::new(3, "clock", e.to_string()))?
                .as_millis();
            let ms = i64::try_from(ms).map_err(|e| Failure::new(3, "clock", e.to_string()))?;
            Timestamp::from_unix_millis(ms).map_err(Failure::input)
        }
    }
}

/// A progress bar on standard error for `len` items; indicatif draws nothing when standard
/// error is not a terminal, so scripts and CI logs stay clean.
pub fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} ({per_sec}, eta {eta})")
    {
        bar.set_style(style);
    }
    bar.set_message(what.to_owned());
    bar
}

/// Writes `text` (a line is added) to standard output.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Failure::io("standard output", e))
}
