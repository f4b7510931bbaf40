//! Generates a synthetic supply-chain graph as columns, of any size up to 10^8 edges and
//! beyond, and says how long it took and how much memory the columns hold; with `--out DIR`
//! writes them as little-endian arrays (`sources.u32`, `targets.u32`, `from.i64`,
//! `until.i64`, `stops.u32`, `source_lots.u32`) that numpy, DuckDB or Arrow read as they are.
//!
//! ```text
//! cargo run --release -p tracemark --example graph_columns -- 100000000 [--out DIR]
//! ```

use std::io::Write;
use std::time::Instant;

use tracemark::synth::{GraphParams, graph_columns};

fn write<T: Copy>(
    dir: &std::path::Path,
    name: &str,
    values: &[T],
    bytes: fn(T) -> Vec<u8>,
) -> Result<(), String> {
    let path = dir.join(name);
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).map_err(fail)?);
    for v in values {
        out.write_all(&bytes(*v)).map_err(fail)?;
    }
    out.flush().map_err(fail)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let edges: u64 = args
        .get(1)
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or_else(|| {
            eprintln!("usage: graph_columns EDGES [--out DIR]");
            std::process::exit(2)
        });
    let t = Instant::now();
    let c = graph_columns(&GraphParams::sized(edges));
    let took = t.elapsed().as_secs_f64();
    let bytes = c.len() * 24 + (c.stops.len() + c.source_lots.len() + c.packed_lots.len()) * 4;
    println!(
        "{} nodes, {} edges ({:.2} per node), {} farm lots, generated in {took:.2} s = {:.1} M edges/s; columns {} MB",
        c.nodes,
        c.len(),
        c.len() as f64 / f64::from(c.nodes.max(1)),
        c.source_lots.len(),
        c.len() as f64 / took / 1e6,
        bytes >> 20
    );
    if let Some(i) = args.iter().position(|a| a == "--out") {
        let dir = std::path::PathBuf::from(args.get(i + 1).map_or(".", |s| s.as_str()));
        let u = |v: u32| v.to_le_bytes().to_vec();
        let l = |v: i64| v.to_le_bytes().to_vec();
        let written = std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))
            .and_then(|()| write(&dir, "sources.u32", &c.sources, u))
            .and_then(|()| write(&dir, "targets.u32", &c.targets, u))
            .and_then(|()| write(&dir, "from.i64", &c.from, l))
            .and_then(|()| write(&dir, "until.i64", &c.until, l))
            .and_then(|()| write(&dir, "stops.u32", &c.stops, u))
            .and_then(|()| write(&dir, "source_lots.u32", &c.source_lots, u));
        match written {
            Ok(()) => println!("written to {}", dir.display()),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(3);
            }
        }
    }
}
