//! DuckDB's recursive common table expressions on the same edges (the ones out of locations
//! left out), both `UNION` (set semantics) and `USING KEY` (one row per node, replaced as it
//! improves), untimed and time-aware, loaded from NumPy arrays so that loading costs nothing
//! we measure.

use std::io::Write;
use std::path::Path;

use tracemark::synth::GraphColumns;

pub const SCRIPT: &str = r#"
import json, sys, time, os
import duckdb, numpy as np
d = sys.argv[1]
starts = json.load(open(os.path.join(d, "starts.json")))
columns = {k: np.fromfile(os.path.join(d, k + ".bin"), dtype=t)
           for k, t in (("s", "<u4"), ("t", "<u4"), ("f", "<i8"), ("u", "<i8"))}
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
t0 = time.perf_counter()
con.execute("CREATE TABLE e AS SELECT * FROM columns")
load = time.perf_counter() - t0
Q = {
 "union": "WITH RECURSIVE r(node) AS (SELECT ?::UINTEGER UNION SELECT e.t FROM r JOIN e ON e.s = r.node) SELECT count(*), sum(node), 0 FROM r",
 "using_key": "WITH RECURSIVE r(node) USING KEY (node) AS (SELECT ?::UINTEGER UNION SELECT DISTINCT e.t FROM r JOIN e ON e.s = r.node WHERE NOT EXISTS (SELECT 1 FROM recurring.r k WHERE k.node = e.t)) SELECT count(*), sum(node), 0 FROM r",
 "timed_union": "WITH RECURSIVE r(node, arr) AS (SELECT ?::UINTEGER, 0::BIGINT UNION SELECT e.t, greatest(r.arr, e.f) FROM r JOIN e ON e.s = r.node AND e.u >= r.arr) SELECT count(*), sum(node), sum(arr) FROM (SELECT node, min(arr) AS arr FROM r GROUP BY node)",
 "timed_using_key": "WITH RECURSIVE r(node, arr) USING KEY (node) AS (SELECT ?::UINTEGER, 0::BIGINT UNION SELECT e.t, min(greatest(r.arr, e.f)) FROM r JOIN e ON e.s = r.node AND e.u >= r.arr LEFT JOIN recurring.r k ON k.node = e.t GROUP BY e.t, k.arr HAVING k.arr IS NULL OR min(greatest(r.arr, e.f)) < k.arr) SELECT count(*), sum(node), sum(arr) FROM r",
}
out = {"version": duckdb.__version__, "load": load, "runs": []}
for start in starts:
    for name, q in Q.items():
        t = time.perf_counter()
        n, s, a = con.execute(q, [start]).fetchone()
        out["runs"].append({"start": start, "query": name, "count": n, "sum": int(s), "arr": int(a), "seconds": time.perf_counter() - t})
print(json.dumps(out))
"#;

/// One query's answer: nodes reached, the sum of their numbers, the sum of their arrivals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub count: u64,
    pub sum: u64,
    pub arrivals: i64,
}

pub struct Run {
    pub start: u32,
    pub query: String,
    pub answer: Answer,
    pub seconds: f64,
}

/// Writes the columns DuckDB loads (edges out of locations dropped) into `dir`.
pub fn write(dir: &Path, c: &GraphColumns, starts: &[u32]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stops = c.stop_flags();
    let keep: Vec<usize> = (0..c.len())
        .filter(|i| !stops[c.sources[*i] as usize])
        .collect();
    let put = |name: &str, bytes: &mut dyn FnMut(&mut Vec<u8>, usize)| {
        let mut buf = Vec::with_capacity(keep.len() * 8);
        for i in &keep {
            bytes(&mut buf, *i);
        }
        std::fs::File::create(dir.join(name))?.write_all(&buf)
    };
    put("s.bin", &mut |b, i| b.extend(c.sources[i].to_le_bytes()))?;
    put("t.bin", &mut |b, i| b.extend(c.targets[i].to_le_bytes()))?;
    put("f.bin", &mut |b, i| b.extend(c.from[i].to_le_bytes()))?;
    put("u.bin", &mut |b, i| b.extend(c.until[i].to_le_bytes()))?;
    std::fs::write(dir.join("starts.json"), serde_json::to_string(starts)?)
}

pub fn parse(v: &serde_json::Value) -> (String, f64, Vec<Run>) {
    let runs = v["runs"].as_array().cloned().unwrap_or_default();
    let runs = runs
        .iter()
        .map(|r| Run {
            start: r["start"].as_u64().unwrap_or(0) as u32,
            query: r["query"].as_str().unwrap_or("").to_owned(),
            answer: Answer {
                count: r["count"].as_u64().unwrap_or(0),
                sum: r["sum"].as_u64().unwrap_or(0),
                arrivals: r["arr"].as_i64().unwrap_or(0),
            },
            seconds: r["seconds"].as_f64().unwrap_or(f64::MAX),
        })
        .collect();
    (
        v["version"].as_str().unwrap_or("?").to_owned(),
        v["load"].as_f64().unwrap_or(0.0),
        runs,
    )
}
