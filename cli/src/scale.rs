//! The demo at scale: a synthetic supply chain signed, verified and stored in the embedded
//! store, with a tampered record caught and a fork proved among ~100,000 records.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};
use tracemark::chain::{ChainSigner, ForkProof, check_chains};
use tracemark::fsma::{self, Selection};
use tracemark::graph::{EdgeKind, NodeId, NodeKey, TraceGraph};
use tracemark::ids::Lgtin;
use tracemark::recall::{HolderRole, assess};
use tracemark::record::RecallScope;
use tracemark::record::SignedRecord;
use tracemark::store::Store;
use tracemark::synth::{self, Params};
use tracemark::verify::FindingCode;

use crate::Failure;

const BATCH: usize = 5_000;

/// One step of the demo: `(ok, json, text)`.
pub type Step = (bool, Value, String);

/// Runs the scale step, then the recall step on what was stored.
pub fn run(db: Option<std::path::PathBuf>, small: bool) -> Result<Vec<Step>, Failure> {
    let params = if small {
        Params::small()
    } else {
        Params::demo()
    };
    let spinner = ProgressBar::new_spinner().with_message("signing a synthetic supply chain");
    spinner.enable_steady_tick(Duration::from_millis(120));
    let started = Instant::now();
    let chain = synth::generate(&params).map_err(Failure::input)?;
    let generated = started.elapsed();
    spinner.finish_and_clear();

    // Two attacks hidden in the stream: a commission altered after signing, and the first farm
    // signing a second, different record 1.
    let farm = &chain.companies[0];
    let farm_records: Vec<&SignedRecord> = chain
        .records
        .iter()
        .filter(|r| *r.claimed_signer() == farm.signer.public_key())
        .collect();
    let mut tampered = farm_records[0].bytes().to_vec();
    let at = tampered
        .windows(2)
        .position(|w| w == b"D0")
        .ok_or_else(|| broken("no lot D0"))?;
    tampered[at + 1] = b'9';
    let tampered = SignedRecord::decode(&tampered).map_err(Failure::input)?;
    let mut forger = ChainSigner::resume(
        farm.signer.secret_key().clone(),
        Some(farm.gln),
        farm_records[0],
    );
    let original = farm_records[1];
    let fork = forger
        .sign(
            original.unverified().signed_at,
            farm_records[0].unverified().body.clone(),
        )
        .map_err(Failure::input)?;
    let mut stream = chain.records.clone();
    stream.push(tampered.clone());
    stream.push(fork);

    let temporary = db.is_none();
    let path = match db {
        Some(p) => p,
        None => {
            let p = std::env::temp_dir().join(format!("tracemark-demo-{}.db", std::process::id()));
            remove_store(&p);
            p
        }
    };
    let mut store = Store::open(&path).map_err(Failure::input)?;
    let bar = ProgressBar::new(stream.len() as u64).with_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} records ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("verifying and storing");
    let started = Instant::now();
    let total = store
        .ingest_batches(stream.chunks(BATCH).map(<[_]>::to_vec), &chain.trust, |r| {
            bar.inc(r.records() as u64)
        })
        .map_err(Failure::input)?;
    let stored_in = started.elapsed();
    bar.finish_and_clear();

    let caught = store
        .quarantined()
        .map_err(Failure::input)?
        .iter()
        .any(|(r, _)| r.id() == tampered.id());
    let farm_chain = store
        .by_signer(&farm.signer.public_key())
        .map_err(Failure::input)?;
    let proof = check_chains(&farm_chain)
        .into_iter()
        .find(|f| f.code == FindingCode::ChainFork)
        .and_then(|f| ForkProof::from_finding(&f).ok())
        .and_then(|p| p.check())
        .map(|k| k.as_str());
    let sheet = if temporary {
        std::env::temp_dir().join(format!("tracemark-demo-recall-{}.csv", std::process::id()))
    } else {
        path.with_extension("recall.csv")
    };
    let recall = recall_step(&store, params.days / 2, &sheet)?;
    drop(store);
    // A store the user did not ask for is ~200 MB: not left behind in the temp folder.
    let kept = if temporary {
        remove_store(&path);
        "a temporary store, removed afterwards (--db FILE keeps it)".to_owned()
    } else {
        path.display().to_string()
    };
    let signers = chain.companies.len() + 1;
    let rate = stream.len() as f64 / stored_in.as_secs_f64();
    let ok = caught && proof.is_some() && total.stored + total.quarantined == stream.len();
    let text = format!(
        "6. At scale: {} records by {signers} signers ({} companies and the authority), signed in {:.1} s\n   \
         verified and stored in {:.1} s ({rate:.0} records/s) in {}\n   \
         stored {}, quarantined {} (the tampered commission caught: {caught})\n   \
         the stored chain of {} shows a fork, proof checked by a third party: {}",
        stream.len(),
        chain.companies.len(),
        generated.as_secs_f64(),
        stored_in.as_secs_f64(),
        kept,
        total.stored,
        total.quarantined,
        farm.name,
        proof.unwrap_or("NOT PROVEN"),
    );
    let json = json!({
        "step": "scale",
        "records": stream.len(),
        "signers": signers,
        "stored": total.stored,
        "quarantined": total.quarantined,
        "tampered_caught": caught,
        "fork_proof": proof,
        "records_per_second": rate.round(),
        "store": (!temporary).then(|| path.display().to_string()),
    });
    Ok(vec![(ok, json, text), recall])
}

/// A farm's lot of day `day` turns out bad: its impact through the stored, verified records,
/// and the FSMA 204 spreadsheet of the lots it reached, written to `sheet`.
fn recall_step(store: &Store, day: u32, sheet: &std::path::Path) -> Result<Step, Failure> {
    let started = Instant::now();
    let records = store.all_records().map_err(Failure::input)?;
    let graph = TraceGraph::from_records(&records).map_err(Failure::input)?;
    let built = started.elapsed();
    // Packers draw their farms at random: the first farm lot of the day that one took.
    let prefix = format!("D{day}F");
    let mut lots: Vec<(NodeId, Lgtin)> = graph
        .nodes()
        .filter_map(|(n, k)| match k {
            NodeKey::Lot(l) if l.lot.as_str().starts_with(&prefix) => Some((n, l)),
            _ => None,
        })
        .collect();
    lots.sort_by_key(|(_, l)| (l.lot.as_str().len(), l.lot.as_str().to_owned()));
    let lot = lots
        .into_iter()
        .find(|(n, _)| graph.out_edges(*n).any(|e| e.kind == EdgeKind::Carried))
        .map(|(_, l)| l)
        .ok_or_else(|| broken("no shipped farm lot to recall"))?;
    let scope = RecallScope {
        input_lots: tracemark::Set::new(vec![lot.clone()]).map_err(Failure::input)?,
        ..RecallScope::default()
    };
    let started = Instant::now();
    let impact = assess(&graph, &records, &scope, None);
    let assessed = started.elapsed();
    let lots: Vec<Lgtin> = impact
        .balances
        .iter()
        .filter_map(|b| match &b.goods {
            NodeKey::Lot(l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    let started = Instant::now();
    let file =
        std::fs::File::create(sheet).map_err(|e| Failure::io(&sheet.display().to_string(), e))?;
    // Straight from the records to the file: the rows are never all held.
    let sheet_rows = fsma::write_csv_of(
        &records,
        &Selection {
            lots,
            ..Selection::default()
        },
        std::io::BufWriter::new(file),
    )
    .map_err(Failure::input)?;
    let written = started.elapsed();
    let kind = |k: &str| {
        impact
            .goods
            .iter()
            .filter(|g| g.goods.kind().as_str() == k)
            .count()
    };
    let retailers = impact
        .holders
        .iter()
        .filter(|h| h.role == HolderRole::Retailer)
        .count();
    let holding = impact.holders.iter().filter(|h| h.holds_stock).count();
    let sold: f64 = impact
        .balances
        .iter()
        .filter(|b| b.uom.is_none())
        .map(|b| b.sold)
        .sum();
    let on_hand: f64 = impact
        .balances
        .iter()
        .filter(|b| b.uom.is_none())
        .map(|b| b.on_hand)
        .sum();
    let ok = impact.unmatched.is_empty() && !impact.shipments.is_empty() && sheet_rows > 0;
    let text = format!(
        "7. Recall: farm lot {lot} is bad (trace graph of {} nodes and {} edges built in {:.0} ms)\n   \
         it went into {} items in {} lots, on {} logistic units and {} shipments, to {} shops (depth: {})\n   \
         {sold:.0} packs sold to consumers, {on_hand:.0} still on hand at {holding} locations; impact in {:.1} ms\n   \
         FSMA 204 spreadsheet: {} rows in {:.0} ms, written to {}",
        graph.node_count(),
        graph.edge_count(),
        built.as_secs_f64() * 1e3,
        kind("item"),
        lots_len(&impact),
        kind("unit"),
        impact.shipments.len(),
        retailers,
        impact.depth.map_or("none", |d| d.as_str()),
        assessed.as_secs_f64() * 1e3,
        sheet_rows,
        written.as_secs_f64() * 1e3,
        sheet.display(),
    );
    let json = json!({
        "step": "recall",
        "lot": lot.to_string(),
        "items": kind("item"),
        "units": kind("unit"),
        "shipments": impact.shipments.len(),
        "holders": impact.holders.len(),
        "retailers": retailers,
        "depth": impact.depth.map(|d| d.as_str()),
        "sold": sold,
        "on_hand": on_hand,
        "spreadsheet_rows": sheet_rows,
        "spreadsheet": sheet.display().to_string(),
    });
    Ok((ok, json, text))
}

fn lots_len(impact: &tracemark::recall::RecallImpact) -> usize {
    impact
        .balances
        .iter()
        .filter(|b| matches!(b.goods, NodeKey::Lot(_)))
        .count()
}

/// Removes a SQLite file with its WAL and shared-memory files.
fn remove_store(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

fn broken(what: &str) -> Failure {
    Failure::input(tracemark::Error::InvalidValue(format!("demo data: {what}")))
}
