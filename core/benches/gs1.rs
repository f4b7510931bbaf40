//! Parse-and-validate throughput of GS1 element strings and Digital Link URIs, against biip
//! (an independent Python parser from PyPI) on the same inputs in the same run.
//!
//! ```text
//! bash scripts/bench-against.sh gs1               # installs biip in a cached venv, then runs this
//! cargo bench -p tracemark --bench gs1    # biip from $TRACEMARK_BIIP_PYTHON or python3
//! cargo bench -p tracemark --bench gs1 -- --quick
//! ```
//!
//! The inputs are what a scanner and a phone send for serialised, lot-coded items: element
//! strings with group separators (`01…17…10…<GS>21…`, some with a net weight or a count) and
//! their Digital Link URIs on a brand's domain. tracemark checks more than biip does (every
//! linter, required and excluded AI pairs, Digital Link qualifier and attribute rules), so the
//! ratio is conservative. Target (the GS1 issue): >= 100x biip.

#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::time::Instant;

use tracemark::ids::{DigitalLink, ElementStrings, check_digit};

#[path = "common/peer.rs"]
mod peer;

/// A small deterministic generator (xorshift), so both sides get the same inputs every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }

    fn alnum(&mut self, n: usize) -> String {
        const SET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-";
        (0..n)
            .map(|_| char::from(SET[(self.next() % SET.len() as u64) as usize]))
            .collect()
    }
}

fn inputs(n: usize) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut scans = Vec::with_capacity(n);
    let mut links = Vec::with_capacity(n);
    for i in 0..n {
        let mut body = format!("0{}", rng.digits(12));
        body.push(char::from(b'0' + check_digit(body.as_bytes())));
        let expiry = format!(
            "{:02}{:02}{:02}",
            25 + rng.next() % 10,
            1 + rng.next() % 12,
            1 + rng.next() % 28
        );
        let lot_len = 4 + (rng.next() % 8) as usize;
        let lot = rng.alnum(lot_len);
        let serial_len = 6 + (rng.next() % 10) as usize;
        let serial = rng.alnum(serial_len);
        let mut pairs = vec![
            ("01", body.clone()),
            ("17", expiry.clone()),
            ("10", lot.clone()),
            ("21", serial.clone()),
        ];
        if i % 4 == 0 {
            pairs.push(("3103", rng.digits(6)));
        }
        let data = ElementStrings::from_pairs(pairs.iter().map(|(a, v)| (*a, v.as_str())))
            .expect("generated data is valid");
        scans.push(format!("]d2{}", data.to_unbracketed()));
        let link = DigitalLink::from_element_strings(&data, Some("https://brand.example.com"))
            .expect("a Digital Link");
        links.push(link.to_uri());
    }
    (scans, links)
}

/// Inputs per second over `rounds` passes, best of 5 (a busy machine slows some passes).
fn rate(inputs: &[String], rounds: usize, parse: impl Fn(&str) -> bool) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..rounds {
            for s in inputs {
                assert!(parse(s), "{s}");
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    (inputs.len() * rounds) as f64 / best
}

const BIIP: &str = r#"
import json, sys, time
from biip.gs1_messages import GS1Message
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
data = json.load(open(sys.argv[1]))
def rate(items, parse):
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for s in items:
            parse(s)
        best = min(best, time.perf_counter() - t)
    return len(items) / best
# biip reads the symbology identifier only in biip.parse(), which also tries GTIN, SSCC and
# UPC parsers; GS1Message.parse is its element-string parser alone, so it gets the data
# without the "]d2", and the faster of the two paths is the baseline.
scans = [s[3:] for s in data["scans"]]
print(json.dumps({
    "scans": rate(scans, GS1Message.parse),
    "links": rate(data["links"], GS1DigitalLinkURI.parse),
}))
"#;

fn biip(scans: &[String], links: &[String]) -> Result<(f64, f64), String> {
    let path =
        std::env::temp_dir().join(format!("tracemark-gs1-bench-{}.json", std::process::id()));
    let json = serde_json::json!({"scans": scans, "links": links});
    std::fs::write(&path, json.to_string()).map_err(|e| e.to_string())?;
    let v = peer::run("TRACEMARK_BIIP_PYTHON", BIIP, &path);
    let _ = std::fs::remove_file(&path);
    let v = v?;
    Ok((
        v["scans"].as_f64().unwrap_or(0.0),
        v["links"].as_f64().unwrap_or(0.0),
    ))
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (n, rounds) = if quick { (500, 2) } else { (5_000, 40) };
    let (scans, links) = inputs(n);
    // tracemark is measured before and after biip, and the better of the two kept: on a
    // shared machine the slow spells fall on either side, and biip takes its best of five too.
    let measure = || {
        (
            rate(&scans, rounds, |s| ElementStrings::parse(s).is_ok()),
            rate(&links, rounds, |s| DigitalLink::parse(s).is_ok()),
        )
    };
    let before = measure();
    let baseline = biip(&scans, &links);
    let after = measure();
    let (es, dl) = (before.0.max(after.0), before.1.max(after.1));
    println!("GS1 parse and validate, {n} inputs (serialised items, lot, expiry, some weights):");
    println!("  tracemark element strings  {es:>12.0} /s");
    println!("  tracemark Digital Link     {dl:>12.0} /s");
    match baseline {
        Ok((b_es, b_dl)) => {
            println!(
                "  biip element strings       {b_es:>12.0} /s   ratio {:>6.1}x (target >= 100x)",
                es / b_es
            );
            println!(
                "  biip Digital Link          {b_dl:>12.0} /s   ratio {:>6.1}x (target >= 100x)",
                dl / b_dl
            );
            if quick {
                println!("  (--quick: too few inputs for a meaningful ratio)");
            }
        }
        Err(e) => println!(
            "  biip baseline unavailable ({e}); `bash scripts/bench-against.sh gs1` installs it and runs this bench"
        ),
    }
}
