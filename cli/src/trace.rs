//! `tracemark trace`, `recall`, `fsma` and `outbreak`: the store's records as a trace graph.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};
use tracemark::fsma::{self, CteRow, Selection};
use tracemark::graph::{Direction, NodeKey, TimeWindow, TraceGraph, TraceQuery};
use tracemark::ids::{Gtin, Lgtin};
use tracemark::outbreak::{Case, FclNetwork, score};
use tracemark::recall::{RecallImpact, assess};
use tracemark::record::{RecallNotice, RecallScope, SignedRecord};
use tracemark::time::{Date, Timestamp};

use crate::io::{Failure, open_store, print, read_text};

/// An event-time window on the command line.
#[derive(Args, Clone, Debug, Default)]
pub struct Window {
    /// Nothing before this time counts (RFC 3339, or a date: from its start, UTC).
    #[arg(long)]
    from: Option<String>,
    /// Nothing after this time counts (RFC 3339, or a date: to its end, UTC).
    #[arg(long)]
    until: Option<String>,
}

impl Window {
    fn read(&self) -> Result<TimeWindow, Failure> {
        Ok(TimeWindow {
            from: self.from.as_deref().map(|t| time(t, false)).transpose()?,
            until: self.until.as_deref().map(|t| time(t, true)).transpose()?,
        })
    }
}

fn time(text: &str, end_of_day: bool) -> Result<Timestamp, Failure> {
    if let Ok(date) = text.parse::<Date>() {
        let day = i64::from(date.days_since_epoch()) * 86_400_000;
        let ms = if end_of_day { day + 86_399_999 } else { day };
        return Timestamp::from_unix_millis(ms).map_err(Failure::input);
    }
    text.parse().map_err(Failure::input)
}

/// `tracemark trace` arguments.
#[derive(Args, Debug)]
pub struct TraceArgs {
    /// Where to start: GS1 identifiers (element strings, Digital Link, EPC URI) of items, lots,
    /// products, units, locations or parties, or shipments' record ids (`rec:…`).
    #[arg(required = true)]
    ids: Vec<String>,
    /// Trace back to the sources instead of forward to the customers.
    #[arg(long)]
    backward: bool,
    #[command(flatten)]
    window: Window,
    /// Ignore time: plain reachability.
    #[arg(long)]
    untimed: bool,
    /// Stop after this many edges.
    #[arg(long)]
    hops: Option<u32>,
    /// Show for each node the records that link it to a start.
    #[arg(long)]
    paths: bool,
}

/// The trace graph of every verified record in the store.
fn store_graph(db: &Path) -> Result<(Vec<SignedRecord>, TraceGraph), Failure> {
    let store = open_store(db)?;
    let records = store.all_records().map_err(Failure::input)?;
    let graph = TraceGraph::from_records(&records).map_err(Failure::input)?;
    Ok((records, graph))
}

fn node_json(key: &NodeKey) -> Value {
    json!({"kind": key.kind().as_str(), "id": key.to_string()})
}

/// `tracemark trace IDS…`: exit 1 when an id is not in the store's graph.
pub fn trace(db: &Path, args: &TraceArgs, json: bool) -> Result<u8, Failure> {
    let (_, graph) = store_graph(db)?;
    let mut starts = Vec::new();
    let mut missing = Vec::new();
    for text in &args.ids {
        let key = NodeKey::parse(text).map_err(Failure::input)?;
        match graph.node(&key) {
            Some(n) => starts.push(n),
            None => missing.push(key),
        }
    }
    let mut query = if args.backward {
        TraceQuery::backward(starts)
    } else {
        TraceQuery::forward(starts)
    }
    .within(args.window.read()?);
    if args.untimed {
        query = query.untimed();
    }
    if let Some(h) = args.hops {
        query = query.hops(h);
    }
    if args.paths {
        query = query.with_paths();
    }
    let trace = graph.trace(&query);
    let direction = match trace.direction() {
        Direction::Forward => "forward",
        Direction::Backward => "backward",
    };
    if json {
        let reached: Vec<Value> = trace
            .reached()
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = node_json(graph.key(r.node));
                row["at"] = json!(r.at.map(|t| t.to_string()));
                row["hops"] = json!(r.hops);
                if let Some(path) = trace.path(i) {
                    row["path"] = json!(path.iter().map(|p| p.to_string()).collect::<Vec<_>>());
                }
                row
            })
            .collect();
        print(
            &json!({
                "direction": direction,
                "reached": reached,
                "not_in_graph": missing.iter().map(node_json).collect::<Vec<_>>(),
                "edges_scanned": trace.edges_scanned(),
            })
            .to_string(),
        )?;
    } else {
        for key in &missing {
            print(&format!("not in the store: {} {key}", key.kind().as_str()))?;
        }
        print(&format!(
            "{} trace: {} nodes reached ({} edges looked at)",
            direction,
            trace.len(),
            trace.edges_scanned()
        ))?;
        print(&format!(
            "{:<15} {:<5} {:<29} {}",
            "KIND", "HOPS", "AT", "ID"
        ))?;
        for (i, r) in trace.reached().iter().enumerate() {
            let key = graph.key(r.node);
            let at = r.at.map(|t| t.to_string()).unwrap_or_else(|| "-".into());
            print(&format!(
                "{:<15} {:<5} {:<29} {key}",
                key.kind().as_str(),
                r.hops,
                at
            ))?;
            if let Some(path) = trace.path(i) {
                for p in path {
                    print(&format!("{:>21} {p}", "via"))?;
                }
            }
        }
    }
    Ok(u8::from(!missing.is_empty()))
}

/// Where the spreadsheet goes.
#[derive(Args, Clone, Debug, Default)]
pub struct SheetOut {
    /// Write the FSMA 204 sortable spreadsheet of the affected lots as CSV to this file.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write it as XLSX to this file.
    #[arg(long)]
    xlsx: Option<PathBuf>,
}

impl SheetOut {
    fn write(&self, rows: &[CteRow]) -> Result<Vec<String>, Failure> {
        let mut written = Vec::new();
        if let Some(path) = &self.csv {
            let file = std::fs::File::create(path)
                .map_err(|e| Failure::io(&path.display().to_string(), e))?;
            fsma::write_csv(rows, std::io::BufWriter::new(file)).map_err(Failure::input)?;
            written.push(path.display().to_string());
        }
        if let Some(path) = &self.xlsx {
            let book = fsma::write_xlsx(rows).map_err(Failure::input)?;
            std::fs::write(path, book).map_err(|e| Failure::io(&path.display().to_string(), e))?;
            written.push(path.display().to_string());
        }
        Ok(written)
    }
}

/// `tracemark recall` arguments.
#[derive(Args, Debug)]
pub struct RecallArgs {
    /// The notice: a JSON file holding a recall notice (`{"notice_id", "scope", …}`) or just
    /// its scope (`{"lots": […], "products": […], "input_lots": […], …}`); lot codes as
    /// `(01)…(10)…` text or `{"gtin", "lot"}`.
    notice: PathBuf,
    #[command(flatten)]
    window: Window,
    #[command(flatten)]
    sheet: SheetOut,
}

fn read_scope(path: &Path) -> Result<RecallScope, Failure> {
    let text = read_text(path)?;
    let bad = |e: serde_json::Error| {
        Failure::new(
            3,
            "invalid_json",
            format!("{}: not a recall notice or scope: {e}", path.display()),
        )
    };
    let value: Value = serde_json::from_str(&text).map_err(bad)?;
    let scope = if value.get("scope").is_some() {
        serde_json::from_value::<RecallNotice>(value)
            .map_err(bad)?
            .scope
    } else {
        serde_json::from_value::<RecallScope>(value).map_err(bad)?
    };
    if scope.is_empty() {
        return Err(Failure::new(
            3,
            "invalid_value",
            format!("{}: the scope names nothing", path.display()),
        ));
    }
    Ok(scope)
}

/// The lots an impact reaches, for its spreadsheet.
fn lots_of(impact: &RecallImpact) -> Vec<Lgtin> {
    impact
        .goods
        .iter()
        .filter_map(|g| match &g.goods {
            NodeKey::Lot(l) => Some(l.clone()),
            _ => None,
        })
        .chain(impact.balances.iter().filter_map(|b| match &b.goods {
            NodeKey::Lot(l) => Some(l.clone()),
            _ => None,
        }))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// `tracemark recall NOTICE`: exit 1 when part of the scope matched nothing.
pub fn recall(db: &Path, args: &RecallArgs, json: bool) -> Result<u8, Failure> {
    let scope = read_scope(&args.notice)?;
    let (records, graph) = store_graph(db)?;
    let window = args.window.read()?;
    let started = std::time::Instant::now();
    let impact = assess(&graph, &records, &scope, Some(window));
    let took = started.elapsed();
    let rows = fsma::spreadsheet(
        &records,
        &Selection {
            lots: lots_of(&impact),
            ..Selection::default()
        },
    );
    let written = args.sheet.write(&rows)?;
    if json {
        let mut value = serde_json::to_value(&impact)
            .map_err(|e| Failure::new(3, "internal", e.to_string()))?;
        value["spreadsheet"] = json!({"rows": rows.len(), "files": written});
        print(&value.to_string())?;
    } else {
        print_impact(&impact, took)?;
        for file in &written {
            print(&format!(
                "FSMA 204 spreadsheet: {} rows written to {file}",
                rows.len()
            ))?;
        }
    }
    Ok(u8::from(!impact.unmatched.is_empty()))
}

fn print_impact(impact: &RecallImpact, took: std::time::Duration) -> Result<(), Failure> {
    for u in &impact.unmatched {
        print(&format!("matched nothing: {u}"))?;
    }
    let count = |kind: &str| {
        impact
            .goods
            .iter()
            .filter(|g| g.goods.kind().as_str() == kind)
            .count()
    };
    print(&format!(
        "recall reaches {} items, {} lots, {} logistic units, {} shipments; {} locations to notify; depth: {} ({:.1} ms)",
        count("item"),
        count("lot"),
        count("unit"),
        impact.shipments.len(),
        impact.holders.len(),
        impact.depth.map_or("none", |d| d.as_str()),
        took.as_secs_f64() * 1e3,
    ))?;
    print(&format!(
        "{:<12} {:<6} {:<26} {}",
        "ROLE", "STOCK", "LOCATION", "HOLDS"
    ))?;
    for h in &impact.holders {
        let holds: Vec<String> = impact
            .holdings
            .iter()
            .filter(|x| x.holder == h.location && x.on_hand > 0.0)
            .map(|x| {
                format!(
                    "{} {} of {}",
                    x.on_hand,
                    x.uom.as_ref().map_or("EA", |u| u.as_str()),
                    x.goods
                )
            })
            .collect();
        print(&format!(
            "{:<12} {:<6} {:<26} {}",
            h.role.as_str(),
            if h.holds_stock { "yes" } else { "no" },
            h.location.to_string(),
            holds.join(", ")
        ))?;
    }
    print(&format!(
        "{:<30} {:<5} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "LOT", "UNIT", "PRODUCED", "SHIPPED", "ON HAND", "SOLD", "CONSUMED"
    ))?;
    for b in &impact.balances {
        print(&format!(
            "{:<30} {:<5} {:>10} {:>10} {:>10} {:>10} {:>10}",
            b.goods.to_string(),
            b.uom.as_ref().map_or("EA", |u| u.as_str()),
            b.produced,
            b.shipped,
            b.on_hand,
            b.sold,
            b.consumed
        ))?;
    }
    Ok(())
}

/// `tracemark fsma` arguments.
#[derive(Args, Debug)]
pub struct FsmaArgs {
    /// A food, by GTIN (repeatable).
    #[arg(long = "product")]
    products: Vec<String>,
    /// A traceability lot code, `(01)…(10)…` (repeatable).
    #[arg(long = "lot")]
    lots: Vec<String>,
    #[command(flatten)]
    window: Window,
    #[command(flatten)]
    sheet: SheetOut,
}

/// `tracemark fsma`: the sortable spreadsheet for foods and dates or lot codes; with no file
/// it prints the rows (CSV, or JSON with `--json`).
pub fn fsma(db: &Path, args: &FsmaArgs, json: bool) -> Result<u8, Failure> {
    let products = args
        .products
        .iter()
        .map(|p| {
            p.trim_start_matches("(01)")
                .parse::<Gtin>()
                .map_err(Failure::input)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let lots = args
        .lots
        .iter()
        .map(|l| match NodeKey::parse(l).map_err(Failure::input)? {
            NodeKey::Lot(lot) => Ok(lot),
            other => Err(Failure::new(
                3,
                "invalid_value",
                format!("{other} is not a lot code (01)…(10)…"),
            )),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let store = open_store(db)?;
    let records = store.all_records().map_err(Failure::input)?;
    let selection = Selection {
        products,
        lots,
        window: args.window.read()?,
    };
    // CSV alone is written straight from the records, without holding the rows; JSON and
    // XLSX need them all.
    if !json && args.sheet.xlsx.is_none() {
        return stream_csv(&records, &selection, args.sheet.csv.as_deref());
    }
    let rows = fsma::spreadsheet(&records, &selection);
    let written = args.sheet.write(&rows)?;
    if json {
        print(&json!({"rows": rows, "files": written}).to_string())?;
    } else {
        for file in &written {
            print(&format!("{} rows written to {file}", rows.len()))?;
        }
    }
    Ok(0)
}

/// The spreadsheet as CSV to `file`, or to standard output.
fn stream_csv(
    records: &[tracemark::record::SignedRecord],
    selection: &Selection,
    file: Option<&std::path::Path>,
) -> Result<u8, Failure> {
    match file {
        Some(path) => {
            let name = path.display().to_string();
            let out = std::fs::File::create(path).map_err(|e| Failure::io(&name, e))?;
            let n = fsma::write_csv_of(records, selection, std::io::BufWriter::new(out))
                .map_err(Failure::input)?;
            print(&format!("{n} rows written to {name}"))?;
        }
        None => {
            let out = std::io::BufWriter::new(std::io::stdout());
            fsma::write_csv_of(records, selection, out).map_err(Failure::input)?;
        }
    }
    Ok(0)
}

/// `tracemark outbreak` arguments.
#[derive(Args, Debug)]
pub struct OutbreakArgs {
    /// Cases in the store's graph: where sick people shopped, as a GS1 identifier of a
    /// location or party, optionally with a weight (`(414)…=3`). Repeatable.
    #[arg(long = "case")]
    cases: Vec<String>,
    /// Score a FoodChain-Lab JSON file instead, with the cases and flags it holds.
    #[arg(long, conflicts_with = "cases")]
    fcl: Option<PathBuf>,
    /// Show this many of the ranked candidates.
    #[arg(long, default_value_t = 20)]
    top: usize,
}

/// `tracemark outbreak`: FoodChain-Lab scores, common links and a ranking.
pub fn outbreak(db: &Path, args: &OutbreakArgs, json: bool) -> Result<u8, Failure> {
    if let Some(path) = &args.fcl {
        let net = FclNetwork::from_json(&read_text(path)?).map_err(Failure::input)?;
        let scores = net.scores().map_err(Failure::input)?;
        if json {
            print(
                &json!({"stations": scores.stations, "deliveries": scores.deliveries}).to_string(),
            )?;
        } else {
            print(&format!(
                "{} stations, {} deliveries, {} cases",
                net.stations.len(),
                net.deliveries.len(),
                scores.outbreak.cases
            ))?;
            print(&format!(
                "{:<7} {:<6} {:<14} {}",
                "SCORE", "LINK", "STATION", "NAME"
            ))?;
            for s in scores.stations.iter().filter(|s| !s.is_case).take(args.top) {
                print(&format!(
                    "{:<7.3} {:<6} {:<14} {}",
                    s.score,
                    if s.common_link { "common" } else { "" },
                    s.id,
                    s.name.as_deref().unwrap_or("")
                ))?;
            }
        }
        return Ok(0);
    }
    if args.cases.is_empty() {
        return Err(Failure::new(
            2,
            "usage",
            "outbreak needs --case … or --fcl FILE",
        ));
    }
    let (_, graph) = store_graph(db)?;
    let mut cases = Vec::new();
    for c in &args.cases {
        let (id, weight) = match c.rsplit_once('=') {
            Some((id, w)) => (
                id,
                w.parse::<f64>().map_err(|_| {
                    Failure::new(
                        3,
                        "invalid_value",
                        format!("{c}: the weight is not a number"),
                    )
                })?,
            ),
            None => (c.as_str(), 1.0),
        };
        let key = NodeKey::parse(id).map_err(Failure::input)?;
        let node = graph.node(&key).ok_or_else(|| {
            Failure::new(3, "not_found", format!("{key} is not in the store's graph"))
        })?;
        cases.push(Case { node, weight });
    }
    let outbreak = score(&graph, &cases, None).map_err(Failure::input)?;
    if json {
        let rows: Vec<Value> = outbreak
            .candidates()
            .take(args.top)
            .map(|s| {
                let mut row = node_json(&s.key);
                row["score"] = json!(s.score);
                row["common_link"] = json!(s.common_link);
                row["cases"] = json!(s.cases);
                row
            })
            .collect();
        print(&json!({"cases": outbreak.cases, "candidates": rows}).to_string())?;
    } else {
        print(&format!(
            "{} cases; candidates, most likely first:",
            outbreak.cases
        ))?;
        print(&format!(
            "{:<7} {:<6} {:<15} {}",
            "SCORE", "LINK", "KIND", "ID"
        ))?;
        for s in outbreak.candidates().take(args.top) {
            print(&format!(
                "{:<7.3} {:<6} {:<15} {}",
                s.score,
                if s.common_link { "common" } else { "" },
                s.key.kind().as_str(),
                s.key
            ))?;
        }
    }
    Ok(0)
}
