//! Replays every committed fuzz crash input (`fuzz/crashers/<target>/*`) through the fuzz
//! logic of its target, so that a crash once found stays fixed.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::Path;

#[test]
fn every_crasher_replays_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/crashers");
    assert!(
        root.join("README.md").is_file(),
        "the crashers folder is missing"
    );
    let mut replayed = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let (_, run) = tracemark::fuzz::TARGETS
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("crashers for unknown target {name}"));
        for input in std::fs::read_dir(&dir).unwrap() {
            run(&std::fs::read(input.unwrap().path()).unwrap());
            replayed += 1;
        }
    }
    // Also run every target over the spec's valid records, so each function is exercised
    // even while no crasher is committed.
    let demo = tracemark::sample::SupplyChain::build().unwrap();
    for (_, run) in tracemark::fuzz::TARGETS {
        for r in &demo.records {
            run(r.bytes());
        }
        run(b"09506000134352");
        run(b"2026-03-02T08:00:00.000+07:00");
        run(b"(01)09506000134352(17)271231(10)ABC\\(1(21)XYZ");
        run(b"]d2010950600013435217271231\x1d10ABC");
    }
    println!("replayed {replayed} crash inputs");
}
