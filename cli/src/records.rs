//! `tracemark sign`, `verify`, `import` and `export`: records in and out of the store.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tracemark::record::{Body, SignedRecord};
use tracemark::store::IngestReport;
use tracemark::verify::{BatchVerification, Finding, Verdict, VerificationReport, verify_batch};

use crate::io::{Failure, open_store, print, progress, read_records, read_text, record_line};
use crate::keys::{Issuer, sign_and_store};

/// Records per transaction on import: big enough to amortise the commit's fsync, small enough
/// for the progress bar to move.
const BATCH: usize = 5_000;

/// `tracemark sign`: a record body (its JSON view, `{"kind": ..., ...}`) signed as the next
/// record of the key's chain and stored.
pub fn sign(db: &Path, issuer: &Issuer, body: &Path, json: bool) -> Result<u8, Failure> {
    let text = read_text(body)?;
    let body: Body = serde_json::from_str(&text)
        .map_err(|e| Failure::new(3, "invalid_json", format!("{}: {e}", body.display())))?;
    sign_and_store(db, issuer, vec![body], json)
}

/// Prints signed records: a line per record, or JSON with their record lines.
pub fn print_signed(
    signed: &[SignedRecord],
    report: &IngestReport,
    json: bool,
) -> Result<(), Failure> {
    if json {
        let records: Vec<Value> = signed
            .iter()
            .map(|r| {
                json!({
                    "id": r.id().to_string(),
                    "kind": r.kind().as_str(),
                    "seq": r.unverified().seq,
                    "line": record_line(r),
                })
            })
            .collect();
        let rejected: Vec<Value> = report.rejected.iter().map(|r| json!(r)).collect();
        return print(
            &json!({ "records": records, "stored": report.stored, "rejected": rejected })
                .to_string(),
        );
    }
    for r in signed {
        let state = if report.rejected.iter().any(|x| x.id == r.id()) {
            "QUARANTINED"
        } else {
            "stored"
        };
        print(&format!(
            "{state}  {}  seq {}  {}",
            r.kind(),
            r.unverified().seq,
            r.id()
        ))?;
    }
    for r in &report.rejected {
        for f in &r.findings {
            print(&format!("  {}  {}: {}", r.id, f.code.as_str(), f.message))?;
        }
    }
    Ok(())
}

/// `tracemark verify [FILE]`: the records of a file against the store's trust (plus the
/// file's own certificates), or every stored record again. Exit 1 unless all is valid.
pub fn verify(db: &Path, file: Option<&Path>, json: bool) -> Result<u8, Failure> {
    let store = open_store(db)?;
    let mut trust = store.trust().map_err(Failure::input)?;
    let records = match file {
        Some(path) => read_records(path)?,
        None => store.all_records().map_err(Failure::input)?,
    };
    trust.add_all(&records);
    let bar = progress(records.len(), "verifying");
    let mut batches = Vec::new();
    for batch in in_batches(records) {
        let n = batch.len() as u64;
        batches.push(verify_batch(batch, &trust));
        bar.inc(n);
    }
    bar.finish_and_clear();
    // Chains run across batches: check them once over everything that verified its signature.
    let verified: Vec<SignedRecord> = batches
        .iter()
        .flat_map(|b| b.verified.iter().map(|v| v.to_signed()))
        .collect();
    let chain_findings = tracemark::chain::check_chains(&verified);
    report(&batches, &chain_findings, json)
}

fn report(
    batches: &[BatchVerification],
    chain: &[tracemark::verify::Finding],
    json: bool,
) -> Result<u8, Failure> {
    let mut counts = std::collections::BTreeMap::<Verdict, usize>::new();
    let mut worst = Verdict::Valid;
    let mut bad = Vec::new();
    for b in batches {
        for r in &b.reports {
            *counts.entry(r.verdict).or_default() += 1;
            worst = worst.max(r.verdict);
            if r.verdict != Verdict::Valid {
                bad.push(r);
            }
        }
    }
    for f in chain {
        worst = worst.max(f.code.verdict());
    }
    let total: usize = counts.values().sum();
    if json {
        let counts: serde_json::Map<String, Value> = counts
            .iter()
            .map(|(v, n)| (v.as_str().to_owned(), json!(n)))
            .collect();
        print(
            &json!({
                "verdict": worst.as_str(),
                "records": total,
                "counts": counts,
                "not_valid": bad,
                "chain_findings": chain,
            })
            .to_string(),
        )?;
    } else {
        let counts: Vec<String> = counts
            .iter()
            .map(|(v, n)| format!("{} {n}", v.as_str()))
            .collect();
        print(&format!(
            "verdict {}  records {total}  ({})",
            worst.as_str(),
            counts.join(", ")
        ))?;
        print_findings(bad, chain)?;
    }
    Ok(u8::from(worst != Verdict::Valid))
}

/// `records` in batches of [`BATCH`], each record moved once.
fn in_batches(records: Vec<SignedRecord>) -> impl Iterator<Item = Vec<SignedRecord>> + Send {
    let mut records = records.into_iter();
    std::iter::from_fn(move || {
        let batch: Vec<_> = records.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    })
}

/// A line per finding of each report, then a line per chain finding.
fn print_findings<'a>(
    reports: impl IntoIterator<Item = &'a VerificationReport>,
    chain: &[Finding],
) -> Result<(), Failure> {
    for r in reports {
        for f in &r.findings {
            let (id, verdict) = (r.id, r.verdict.as_str());
            print(&format!(
                "  {id}  {verdict}  {}: {}",
                f.code.as_str(),
                f.message
            ))?;
        }
    }
    for f in chain {
        print(&format!("  chain  {}: {}", f.code.as_str(), f.message))?;
    }
    Ok(())
}

/// `tracemark import FILE`: verify and store, in batches; exit 1 if anything was quarantined
/// or a chain finding (a fork, say) came up.
pub fn import(db: &Path, file: &Path, json: bool) -> Result<u8, Failure> {
    let records = read_records(file)?;
    let mut store = open_store(db)?;
    let bar = progress(records.len(), "importing");
    // The store's trust and every certificate of the file, taken once: each batch is then
    // verified with all of them, whichever batch a certificate sits in.
    let mut trust = store.trust().map_err(Failure::input)?;
    trust.add_all(&records);
    let total = store
        .ingest_batches(in_batches(records), &trust, |r| bar.inc(r.records() as u64))
        .map_err(Failure::input)?;
    bar.finish_and_clear();
    let exit = u8::from(total.quarantined > 0 || !total.chain_findings.is_empty());
    if json {
        print(
            &json!({
                "stored": total.stored,
                "duplicates": total.duplicates,
                "quarantined": total.quarantined,
                "rejected": total.rejected,
                "chain_findings": total.chain_findings,
            })
            .to_string(),
        )?;
    } else {
        print(&format!(
            "stored {}  already stored {}  quarantined {}",
            total.stored, total.duplicates, total.quarantined
        ))?;
        print_findings(&total.rejected, &total.chain_findings)?;
    }
    Ok(exit)
}

/// `tracemark export`: every stored record as record lines (or, with `--views`, JSON lines of
/// `{id, record}`), to a file or standard output.
pub fn export(db: &Path, out: Option<&PathBuf>, views: bool) -> Result<u8, Failure> {
    let store = open_store(db)?;
    let records = store.all_records().map_err(Failure::input)?;
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(
            std::fs::File::create(path).map_err(|e| Failure::io(&path.display().to_string(), e))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = std::io::BufWriter::new(sink);
    let bar = progress(records.len(), "exporting");
    for r in &records {
        let line = if views {
            json!({ "id": r.id().to_string(), "record": r.unverified() }).to_string()
        } else {
            record_line(r)
        };
        writeln!(sink, "{line}").map_err(|e| Failure::io("export", e))?;
        bar.inc(1);
    }
    sink.flush().map_err(|e| Failure::io("export", e))?;
    bar.finish_and_clear();
    Ok(0)
}
