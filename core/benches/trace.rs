//! Trace engine speed on generated supply-chain graphs, against DuckDB's recursive CTEs
//! (`UNION` and `USING KEY`, Python `duckdb` from PyPI), a textbook CSR BFS / Dijkstra and
//! the machine's sequential memory bandwidth, all measured in this run on the same graph and
//! the same source lots, with every answer checked equal across methods. Then the graph build
//! rate from columns, bytes per edge, and the FSMA 204 spreadsheet of a million rows.
//!
//! ```text
//! bash scripts/bench-against.sh trace           # installs duckdb + numpy in a cached venv
//! cargo bench -p tracemark --bench trace        # DuckDB from $TRACEMARK_DUCKDB_PYTHON
//! cargo bench -p tracemark --bench trace -- --quick
//! ```
//!
//! Graphs: `synth::graph_columns(&GraphParams::sized(9 M))` and `sized(45 M)`; locations pass
//! nothing on (`GraphColumns::rules`), and the baselines get the edges without those out of
//! locations, so every method answers the same question. A "full" trace is a trace with no
//! hop bound from one farm lot; the 3-hop recall is the same with three hops.

#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::time::Instant;

use tracemark::graph::{TraceGraph, TraceQuery, Tracer};
use tracemark::synth::{GraphColumns, GraphParams, graph_columns};

#[path = "trace/duckdb.rs"]
mod duckdb;
#[path = "common/peer.rs"]
mod peer;
#[path = "trace/textbook.rs"]
mod textbook;

use duckdb::Answer;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn us(s: f64) -> String {
    if s >= 0.1 {
        format!("{:.2} s", s)
    } else if s >= 1e-4 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.2} µs", s * 1e6)
    }
}

/// Best of `reps` timings of `f`, and its last result.
fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(r);
    }
    (best, out.unwrap())
}

/// A sequential read of `bytes` bytes, from places that rotate through a buffer larger than
/// any cache: the floor a traversal touching that many bytes could reach.
struct Floor {
    buf: Vec<u64>,
    at: usize,
}

impl Floor {
    fn new() -> Floor {
        let buf: Vec<u64> = (0..(1u64 << 27)).collect(); // 1 GiB
        Floor { buf, at: 0 }
    }

    /// Reads 64 MiB that no trace uses, so that what a trace reads next comes from memory.
    fn flush(&mut self) {
        let half = self.buf.len() / 2;
        let s = self.buf[half..half + (1 << 23)]
            .iter()
            .fold(0u64, |a, x| a.wrapping_add(*x));
        std::hint::black_box(s);
    }

    fn read(&mut self, bytes: usize) -> f64 {
        let words = (bytes / 8).clamp(1, self.buf.len() / 4);
        let mut times = Vec::new();
        for _ in 0..9 {
            if self.at + words > self.buf.len() / 2 {
                self.at = 0;
            }
            let t = Instant::now();
            let s = self.buf[self.at..self.at + words]
                .iter()
                .fold(0u64, |a, x| a.wrapping_add(*x));
            std::hint::black_box(s);
            times.push(t.elapsed().as_secs_f64());
            self.at += words;
        }
        median(times)
    }
}

fn answer(nodes: impl Iterator<Item = (u32, i64)>) -> Answer {
    let mut a = Answer {
        count: 0,
        sum: 0,
        arrivals: 0,
    };
    for (n, t) in nodes {
        a.count += 1;
        a.sum += u64::from(n);
        a.arrivals += t;
    }
    a
}

struct Methods {
    engine: f64,
    textbook: f64,
    /// The textbook with its buffers kept and reset sparsely, as the engine does.
    kept: f64,
    /// Each trace once, after the caches were flushed: a recall on a graph nobody just read.
    engine_cold: f64,
    textbook_cold: f64,
    kept_cold: f64,
    floor: f64,
    duck_union: Option<f64>,
    duck_key: Option<f64>,
}

fn report(what: &str, m: &Methods) {
    println!("  {what}");
    println!(
        "    tracemark          {:>10}  warm (best of 5), {:>10} cold (caches flushed)",
        us(m.engine),
        us(m.engine_cold)
    );
    println!(
        "    textbook           {:>10}  warm {:.1}x, cold {} {:.1}x  (target >= 3x)",
        us(m.textbook),
        m.textbook / m.engine,
        us(m.textbook_cold),
        m.textbook_cold / m.engine_cold
    );
    println!(
        "    same, buffers kept {:>10}  warm {:.1}x, cold {} {:.1}x  (the engine's sparse reset given to the textbook)",
        us(m.kept),
        m.kept / m.engine,
        us(m.kept_cold),
        m.kept_cold / m.engine_cold
    );
    println!(
        "    bandwidth floor    {:>10}  warm trace {:.1}x of the floor, cold {:.1}x  (target <= 10x)",
        us(m.floor),
        m.engine / m.floor,
        m.engine_cold / m.floor
    );
    for (name, t) in [
        ("DuckDB UNION", m.duck_union),
        ("DuckDB USING KEY", m.duck_key),
    ] {
        match t {
            Some(t) => println!(
                "    {name:<18} {:>10}  {:>8.0}x  (target >= 500x)",
                us(t),
                t / m.engine
            ),
            None => println!("    {name:<18}   (not run)"),
        }
    }
}

fn graph_bench(edges: u64, quick: bool, floor: &mut Floor) {
    let t = Instant::now();
    let c = graph_columns(&GraphParams::sized(edges));
    let generated = t.elapsed().as_secs_f64();
    println!(
        "\ngraph sized({edges}): {} nodes, {} edges ({:.2} edges/node), generated in {}",
        c.nodes,
        c.len(),
        c.len() as f64 / f64::from(c.nodes),
        us(generated)
    );
    let (built, mut graph) = best(if quick { 3 } else { 2 }, || {
        TraceGraph::from_columns(c.nodes, &c.edges()).expect("columns")
    });
    graph.apply_rules(&c.rules());
    println!(
        "  build from columns: {} = {:.1} M edges/s (target >= 10 M/s); {:.1} bytes/edge ({} MB)",
        us(built),
        c.len() as f64 / built / 1e6,
        graph.memory_bytes() as f64 / c.len() as f64,
        graph.memory_bytes() >> 20
    );
    let millis = graph_columns(&GraphParams {
        millis: true,
        ..GraphParams::sized(edges)
    });
    let (built_ms, g) = best(1, || {
        TraceGraph::from_columns(millis.nodes, &millis.edges()).expect("columns")
    });
    println!(
        "  build from columns with millisecond times: {} = {:.1} M edges/s; {:.1} bytes/edge",
        us(built_ms),
        millis.len() as f64 / built_ms / 1e6,
        g.memory_bytes() as f64 / millis.len() as f64
    );
    drop((g, millis));

    let mut plain = textbook::Plain::new(&c);
    let mut tracer = Tracer::new(&graph);
    // Farm lots from the middle of the year, one per farm day.
    let lots = &c.source_lots;
    let farms = lots.len() / GraphParams::sized(edges).chain.days as usize;
    let starts: Vec<u32> = (0..if quick { 5 } else { 25 })
        .map(|k| lots[lots.len() / 2 + k * farms + k])
        .collect();

    if let Ok(what) = std::env::var("TRACEMARK_PROFILE") {
        // A loop to profile (`perf record`), nothing printed.
        let t = Instant::now();
        while t.elapsed().as_secs() < 4 {
            for &s in &starts {
                if what.ends_with("-cold") {
                    floor.flush();
                }
                let q = match what.trim_end_matches("-cold") {
                    "timed" => TraceQuery::forward([s]),
                    "hops" => TraceQuery::forward([s]).hops(3),
                    "textbook" => {
                        std::hint::black_box(plain.bfs_kept(s, u32::MAX));
                        continue;
                    }
                    _ => TraceQuery::forward([s]).untimed(),
                };
                std::hint::black_box(tracer.run(&graph, &q));
            }
        }
        return;
    }
    let duck = duckdb_runs(&c, &starts[..if quick { 1 } else { 3 }]);
    for timed in [false, true] {
        let mut m = Methods {
            engine: 0.0,
            textbook: 0.0,
            kept: 0.0,
            engine_cold: 0.0,
            textbook_cold: 0.0,
            kept_cold: 0.0,
            floor: 0.0,
            duck_union: None,
            duck_key: None,
        };
        let (mut engine, mut book, mut floors, mut reached, mut scanned) =
            (vec![], vec![], vec![], 0usize, 0u64);
        let (mut engine_cold, mut book_cold) = (vec![], vec![]);
        let (mut kept, mut kept_cold) = (vec![], vec![]);
        for (k, &s) in starts.iter().enumerate() {
            let q = if timed {
                TraceQuery::forward([s])
            } else {
                TraceQuery::forward([s]).untimed()
            };
            // Which runs first after a flush rotates, so none pays for another.
            for turn in 0..3 {
                floor.flush();
                match (turn + k) % 3 {
                    0 => engine_cold.push(best(1, || tracer.run(&graph, &q)).0),
                    1 => book_cold.push(if timed {
                        best(1, || plain.earliest(s)).0
                    } else {
                        best(1, || plain.bfs(s, u32::MAX)).0
                    }),
                    _ => kept_cold.push(if timed {
                        best(1, || plain.earliest_kept(s)).0
                    } else {
                        best(1, || plain.bfs_kept(s, u32::MAX)).0
                    }),
                }
            }
            let (te, trace) = best(5, || tracer.run(&graph, &q));
            let mine = answer(trace.reached().iter().map(|r| {
                (
                    r.node,
                    if timed {
                        r.at.map_or(0, |t| t.unix_millis())
                    } else {
                        0
                    },
                )
            }));
            let (tb, theirs) = if timed {
                let (tb, v) = best(5, || plain.earliest(s));
                (tb, answer(v.into_iter()))
            } else {
                let (tb, v) = best(5, || plain.bfs(s, u32::MAX));
                (tb, answer(v.into_iter().map(|n| (n, 0))))
            };
            assert_eq!(mine, theirs, "tracemark and the textbook agree from {s}");
            let (tk, same) = if timed {
                let (tk, v) = best(5, || plain.earliest_kept(s));
                (tk, answer(v.into_iter()))
            } else {
                let (tk, v) = best(5, || plain.bfs_kept(s, u32::MAX));
                (tk, answer(v.into_iter().map(|n| (n, 0))))
            };
            assert_eq!(
                mine, same,
                "tracemark and the kept-buffer textbook agree from {s}"
            );
            kept.push(tk);
            for run in duck.iter().filter(|r| r.start == s) {
                if run.query.starts_with("timed") == timed {
                    assert_eq!(mine, run.answer, "{} agrees from {s}", run.query);
                }
            }
            // Bytes a trace must touch: two offsets per reached node, a target per scanned
            // edge, and with time its two bounds.
            let per_edge = if timed { 12 } else { 4 };
            let bytes = 8 * trace.len() + per_edge * trace.edges_scanned() as usize;
            floors.push(floor.read(bytes));
            engine.push(te);
            book.push(tb);
            reached += trace.len();
            scanned += trace.edges_scanned();
        }
        m.engine = median(engine);
        m.textbook = median(book);
        m.engine_cold = median(engine_cold);
        m.textbook_cold = median(book_cold);
        m.kept = median(kept);
        m.kept_cold = median(kept_cold);
        m.floor = median(floors);
        let duck_median = |name: &str| {
            let v: Vec<f64> = duck
                .iter()
                .filter(|r| r.query == name)
                .map(|r| r.seconds)
                .collect();
            (!v.is_empty()).then(|| median(v))
        };
        let prefix = if timed { "timed_" } else { "" };
        m.duck_union = duck_median(&format!("{prefix}union"));
        m.duck_key = duck_median(&format!("{prefix}using_key"));
        report(
            &format!(
                "full forward trace, {}: {} farm lots, {:.0} nodes reached and {:.0} edges scanned on average",
                if timed { "time-aware" } else { "untimed" },
                starts.len(),
                reached as f64 / starts.len() as f64,
                scanned as f64 / starts.len() as f64
            ),
            &m,
        );
    }

    // 3-hop recalls from many farm lots, each timed alone.
    let many: Vec<u32> = lots
        .iter()
        .step_by((lots.len() / 1000).max(1))
        .copied()
        .collect();
    for timed in [true, false] {
        let (mut engine, mut book, mut kept) = (Vec::new(), Vec::new(), Vec::new());
        for &s in &many {
            let q = TraceQuery::forward([s]).hops(3);
            let q = if timed { q } else { q.untimed() };
            let t = Instant::now();
            let trace = tracer.run(&graph, &q);
            engine.push(t.elapsed().as_secs_f64());
            if !timed {
                let t = Instant::now();
                let v = plain.bfs(s, 3);
                book.push(t.elapsed().as_secs_f64());
                assert_eq!(v.len(), trace.len(), "3 hops from {s}");
                let t = Instant::now();
                let v = plain.bfs_kept(s, 3);
                kept.push(t.elapsed().as_secs_f64());
                assert_eq!(v.len(), trace.len(), "3 hops from {s}");
            }
        }
        let e = median(engine);
        if timed {
            println!(
                "  3-hop recall, time-aware, {} farm lots: median {}",
                many.len(),
                us(e)
            );
        } else {
            let (b, k) = (median(book), median(kept));
            println!(
                "  3-hop recall, untimed: median {} (target <= 10 µs) against the textbook's {} ({:.1}x), with buffers kept {} ({:.1}x)",
                us(e),
                us(b),
                b / e,
                us(k),
                k / e
            );
        }
    }
}

fn duckdb_runs(c: &GraphColumns, starts: &[u32]) -> Vec<duckdb::Run> {
    let dir = std::env::temp_dir().join(format!("tracemark-trace-bench-{}", std::process::id()));
    duckdb::write(&dir, c, starts).expect("write the DuckDB columns");
    let out = peer::run("TRACEMARK_DUCKDB_PYTHON", duckdb::SCRIPT, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(v) => {
            let (version, load, runs) = duckdb::parse(&v);
            println!(
                "  DuckDB {version}: {} edges loaded in {}, {} queries",
                c.len(),
                us(load),
                runs.len()
            );
            runs
        }
        Err(e) => {
            println!(
                "  DuckDB unavailable ({e}); `bash scripts/bench-against.sh trace` installs it"
            );
            Vec::new()
        }
    }
}

fn fsma_bench(quick: bool) {
    use tracemark::fsma::{Selection, spreadsheet, write_csv, write_csv_of};
    use tracemark::synth::Params;
    let params = if quick {
        Params::small()
    } else {
        Params {
            days: std::env::var("TRACEMARK_FSMA_DAYS").map_or(2300, |d| d.parse().unwrap()),
            ..Params::demo()
        }
    };
    let t = Instant::now();
    let (records, cached) = chain_records(&params);
    let generated = t.elapsed().as_secs_f64();
    // `TRACEMARK_PROFILE=fsma`: the spreadsheet over and over, for a profiler.
    if std::env::var("TRACEMARK_PROFILE").is_ok_and(|p| p == "fsma") {
        for _ in 0..8 {
            let t = Instant::now();
            write_csv_of(&records, &Selection::default(), Counted(0)).expect("csv");
            println!("records to CSV: {}", us(t.elapsed().as_secs_f64()));
        }
        return;
    }
    // Records to CSV in one pass, as `tracemark fsma --csv` writes a file: the bytes go to a
    // counter, so the figure is the spreadsheet's work and not the disk's. Measured first, as
    // a command runs it: after a million rows have been held and freed, glibc's heap is
    // fragmented and the same pass took twice as long.
    let (streamed_took, streamed) = best(3, || {
        let mut sink = Counted(0);
        write_csv_of(&records, &Selection::default(), &mut sink).expect("csv");
        sink.0
    });
    let (rows_took, rows) = best(3, || spreadsheet(&records, &Selection::default()));
    let mut held = Vec::new();
    let (csv_took, bytes) = best(3, || {
        held.clear();
        write_csv(&rows, &mut held).expect("csv");
        held.len()
    });
    let mut check = Vec::new();
    write_csv_of(&records, &Selection::default(), &mut check).expect("csv");
    assert!(streamed == bytes && check == held, "streamed CSV differs");
    println!(
        "\nFSMA 204 spreadsheet of every CTE in {} records ({} in {}): {} rows ({} MB of CSV) from the records in {} ({:.0} rows/s; target: 1 M rows <= 2 s); held as rows: {} to build them, {} to write them",
        records.len(),
        if cached {
            "read from the cache"
        } else {
            "signed"
        },
        us(generated),
        rows.len(),
        bytes >> 20,
        us(streamed_took),
        rows.len() as f64 / streamed_took,
        us(rows_took),
        us(csv_took),
    );
}

/// The generated records; with `TRACEMARK_FSMA_CACHE=FILE`, read from that file when it
/// exists (length-prefixed record bytes, written on the first run), so that a profiling loop
/// does not sign 1.7 M records every time.
fn chain_records(
    params: &tracemark::synth::Params,
) -> (Vec<tracemark::record::SignedRecord>, bool) {
    use tracemark::record::SignedRecord;
    let cache = std::env::var("TRACEMARK_FSMA_CACHE").ok();
    if let Some(bytes) = cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        let mut records = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let n = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            records.push(SignedRecord::decode(&bytes[at + 4..at + 4 + n]).expect("cached record"));
            at += 4 + n;
        }
        return (records, true);
    }
    let records = tracemark::synth::generate(params)
        .expect("generate")
        .records;
    if let Some(c) = cache {
        let mut bytes = Vec::new();
        for r in &records {
            bytes.extend_from_slice(&(r.bytes().len() as u32).to_le_bytes());
            bytes.extend_from_slice(r.bytes());
        }
        std::fs::write(c, bytes).expect("cache");
    }
    (records, false)
}

/// A writer that only counts bytes.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // TRACEMARK_GRAPH_EDGES=9000000 runs one size of your choice.
    let chosen: Vec<u64> = std::env::var("TRACEMARK_GRAPH_EDGES")
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_default();
    let sizes: &[u64] = if !chosen.is_empty() {
        &chosen
    } else if quick {
        &[500_000]
    } else {
        &[9_000_000, 45_000_000]
    };
    println!(
        "Trace engine, {} cores; every answer checked equal across methods.",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // `--only graph` or `--only fsma` runs one part.
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map_or("", |s| s.as_str());
    if only != "fsma" {
        let mut floor = Floor::new();
        for &edges in sizes {
            graph_bench(edges, quick, &mut floor);
        }
    }
    if only != "graph" {
        fsma_bench(quick);
    }
    if quick {
        println!("(--quick: small graphs, for a smoke run; the ratios need the full sizes)");
    }
}
