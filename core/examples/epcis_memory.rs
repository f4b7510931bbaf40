//! Streaming import in bounded memory: writes a synthetic EPCIS 2.0 document of a given size,
//! then, in a separate process, imports it event by event and reports its peak resident memory.
//!
//! ```text
//! bash scripts/epcis-memory.sh            # 10 MB, 100 MB and 1 GB documents, one table
//! cargo run --release -p tracemark --example epcis_memory -- write FILE MEGABYTES
//! cargo run --release -p tracemark --example epcis_memory -- import FILE
//! ```
//!
//! Linux only for the memory figure (`VmHWM` of `/proc/self/status`).

#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::io::{BufWriter, Write};
use std::time::Instant;

#[path = "../benches/common/epcis_doc.rs"]
mod epcis_doc;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", path, megabytes] => {
            let limit: u64 = megabytes.parse::<u64>().expect("megabytes") << 20;
            let mut out = BufWriter::new(std::fs::File::create(path).expect("create"));
            out.write_all(epcis_doc::HEAD.as_bytes()).unwrap();
            let (mut written, mut i) = (epcis_doc::HEAD.len() as u64, 0usize);
            while written < limit {
                let text = epcis_doc::event(i).to_string();
                if i > 0 {
                    out.write_all(b",").unwrap();
                    written += 1;
                }
                out.write_all(text.as_bytes()).unwrap();
                written += text.len() as u64;
                i += 1;
            }
            out.write_all(epcis_doc::TAIL.as_bytes()).unwrap();
            out.flush().unwrap();
            println!("{{\"events\": {i}, \"bytes\": {written}}}");
        }
        ["import", path] => {
            let file = std::fs::File::open(path).expect("open");
            let start = Instant::now();
            let mut events = 0u64;
            let (_, total) = tracemark::epcis::import_reader(file, |item| {
                assert!(item.is_ok(), "every event of the document is valid");
                events += 1;
                Ok(())
            })
            .expect("the document reads");
            assert_eq!(events as usize, total);
            println!(
                "{{\"events\": {events}, \"seconds\": {:.2}, \"peak_rss_kib\": {}}}",
                start.elapsed().as_secs_f64(),
                peak_rss_kib()
            );
        }
        _ => {
            eprintln!("usage: epcis_memory write FILE MEGABYTES | import FILE");
            std::process::exit(2);
        }
    }
}
