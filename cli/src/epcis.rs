//! `tracemark import epcis` and `tracemark export epcis`: EPCIS 2.0 documents in and out of
//! the store, streamed event by event.

use std::collections::BTreeSet;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};
use tracemark::Error;
use tracemark::chain::ChainSigner;
use tracemark::epcis::{
    DocumentHeader, EpcisEvent, EventQuery, ExportWriter, RejectedEvent, import_reader,
};
use tracemark::ids::Gln;
use tracemark::record::{Body, ReceivedEvent, RecordKind, SignedRecord};

use crate::io::{Failure, open_store, print, progress, read_key, time_or_now};
use crate::keys::Issuer;

/// Records per store transaction.
const BATCH: usize = 5_000;

#[derive(Args)]
pub struct ImportArgs {
    /// The EPCIS 2.0 JSON or JSON-LD document (capture or query document, or one event).
    pub file: PathBuf,
    #[command(flatten)]
    pub issuer: Issuer,
    /// Whom the events were received from, as the records will name it (default: the file's
    /// name).
    #[arg(long)]
    pub source: Option<String>,
    /// Store the valid events and report the rejected ones; by default one rejected event
    /// stores nothing.
    #[arg(long)]
    pub keep_valid: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Only the events received from this source.
    #[arg(long)]
    pub source: Option<String>,
    /// Only the events an EPCIS 2.0 query document selects (a `SimpleEventQuery`'s
    /// parameters as JSON: `MATCH_epc`, `GE_eventTime`, `orderBy`, `eventCountLimit`, ...).
    #[arg(long, value_name = "FILE")]
    pub query: Option<PathBuf>,
}

/// A reader that counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

fn open(path: &Path, what: &str) -> Result<Counting<std::fs::File>, Failure> {
    let file =
        std::fs::File::open(path).map_err(|e| Failure::io(&path.display().to_string(), e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(Counting {
        inner: file,
        bar: progress(usize::try_from(len).unwrap_or(usize::MAX), what),
    })
}

/// `tracemark import epcis FILE --key K`: each event of the document becomes a record signed
/// by the importing key, naming the source and keeping the event's GS1 hash. Exit 1 if an
/// event was rejected (or a record quarantined).
pub fn import(db: &Path, args: &ImportArgs, json: bool) -> Result<u8, Failure> {
    let key = read_key(&args.issuer.key)?;
    let party = args
        .issuer
        .party
        .as_deref()
        .map(str::parse::<Gln>)
        .transpose()
        .map_err(Failure::input)?;
    let at = time_or_now(args.issuer.at.as_deref())?;
    let source = match &args.source {
        Some(s) => s.clone(),
        None => args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    };
    let mut rejected: Vec<RejectedEvent> = Vec::new();
    if !args.keep_valid {
        // All or nothing: a first pass finds every rejected event before anything is stored.
        let reader = open(&args.file, "checking")?;
        let bar = reader.bar.clone();
        import_reader(reader, |item| {
            if let Err(r) = item {
                rejected.push(r);
            }
            Ok(())
        })
        .map_err(Failure::input)?;
        bar.finish_and_clear();
        if !rejected.is_empty() {
            report(&rejected, 0, 0, 0, json)?;
            return Ok(1);
        }
    }
    let mut store = open_store(db)?;
    let head = store
        .chain_head(&key.public_key())
        .map_err(Failure::input)?;
    let mut signer = ChainSigner::after(key, party, head);
    let (mut stored, mut duplicates, mut quarantined) = (0usize, 0usize, 0usize);
    let mut batch: Vec<SignedRecord> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<SignedRecord>,
                     store: &mut tracemark::store::Store|
     -> tracemark::Result<()> {
        let report = store.import(std::mem::take(batch))?;
        stored += report.stored;
        duplicates += report.duplicates;
        quarantined += report.quarantined;
        Ok(())
    };
    let reader = open(&args.file, "importing")?;
    let bar = reader.bar.clone();
    import_reader(reader, |item| {
        match item {
            Ok(e) => {
                let body = ReceivedEvent::new(&source, &e.event_hash, &e.event)?;
                batch.push(signer.sign(at, Body::EpcisEvent(body))?);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut store)?;
                }
            }
            Err(r) => rejected.push(r),
        }
        Ok(())
    })
    .map_err(Failure::input)?;
    flush(&mut batch, &mut store).map_err(Failure::input)?;
    bar.finish_and_clear();
    report(&rejected, stored, duplicates, quarantined, json)?;
    Ok(u8::from(!rejected.is_empty() || quarantined > 0))
}

fn report(
    rejected: &[RejectedEvent],
    stored: usize,
    duplicates: usize,
    quarantined: usize,
    json: bool,
) -> Result<(), Failure> {
    if json {
        let rejected: Vec<Value> = rejected
            .iter()
            .map(|r| {
                json!({
                    "index": r.index,
                    "problems": r.problems.iter().map(|p| json!({
                        "path": p.path, "rule": p.rule, "message": p.message,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return print(
            &json!({
                "stored": stored,
                "duplicates": duplicates,
                "quarantined": quarantined,
                "rejected": rejected,
            })
            .to_string(),
        );
    }
    print(&format!(
        "stored {stored}  already stored {duplicates}  quarantined {quarantined}  rejected events {}",
        rejected.len()
    ))?;
    if !rejected.is_empty() && stored == 0 && duplicates == 0 {
        print("nothing stored: an event was rejected (--keep-valid stores the others)")?;
    }
    for r in rejected {
        for p in &r.problems {
            print(&format!(
                "  event {}  {}  {}: {}",
                r.index, p.rule, p.path, p.message
            ))?;
        }
    }
    Ok(())
}

/// `tracemark export epcis`: the stored EPCIS events as one EPCIS 2.0 JSON-LD document,
/// streamed from the store in two passes (the namespaces the events use go into the
/// document's `@context`, which comes first), so memory does not grow with the store.
pub fn export(db: &Path, args: &ExportArgs) -> Result<u8, Failure> {
    let query = match &args.query {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::io(&path.display().to_string(), e))?;
            Some(EventQuery::parse(&text).map_err(Failure::input)?)
        }
        None => None,
    };
    let store = open_store(db)?;
    let from_source = |e: &ReceivedEvent| {
        args.source
            .as_deref()
            .is_none_or(|s| e.source.as_str() == s)
    };
    let total = store
        .count_of_kind(RecordKind::EpcisEvent)
        .map_err(Failure::input)?;
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    // Each event of the store, read, to `f` (the events of other sources skipped).
    let each = |what: &str, f: &mut dyn FnMut(EpcisEvent) -> tracemark::Result<()>| {
        let bar = progress(total, what);
        let result = store.each_of_kind(RecordKind::EpcisEvent, |r| {
            if let Body::EpcisEvent(e) = &r.unverified().body
                && from_source(e)
            {
                f(e.event()?)?;
            }
            bar.inc(1);
            Ok(())
        });
        bar.finish_and_clear();
        result.map_err(Failure::input)
    };
    let sink: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::File::create(path).map_err(|e| Failure::io(&path.display().to_string(), e))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let now = time_or_now(None)?;
    let start = |iris: BTreeSet<String>| {
        let mut header = DocumentHeader::capture(&now.to_string());
        header.namespaces.cover(iris.iter().map(String::as_str));
        ExportWriter::new(BufWriter::new(sink), &header).map_err(Failure::input)
    };
    let mut iris = BTreeSet::new();
    let writer = match &query {
        // A query may order and cut what it selects, so its events are gathered first.
        Some(query) => {
            let mut selected = Vec::new();
            each("selecting", &mut |event| {
                if query.matches(&event) {
                    selected.push(event);
                }
                Ok(())
            })?;
            let hits = query.run(&selected).map_err(Failure::input)?;
            iris.extend(hits.iter().flat_map(|e| e.extension_iris()));
            let mut writer = start(iris)?;
            for event in hits {
                writer.write(event).map_err(Failure::input)?;
            }
            writer
        }
        // Otherwise two passes over the store: the namespaces the header must declare, then
        // the events, in memory that does not grow with the store.
        None => {
            each("reading", &mut |event| {
                iris.extend(event.extension_iris());
                Ok(())
            })?;
            let mut writer = start(iris)?;
            each("exporting", &mut |event| writer.write(&event))?;
            writer
        }
    };
    writer
        .finish()
        .and_then(|mut w| w.flush().map_err(|e| Error::Io(e.to_string())))
        .map_err(Failure::input)?;
    Ok(0)
}
