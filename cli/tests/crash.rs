//! Crash safety of the store: a writer appends in a loop and acknowledges each record after its
//! transaction commits; it is killed with SIGKILL at pseudo-random moments, 100 times. After
//! every kill, every acknowledged record is in the store and verifies, the database opens
//! without repair, and no half-written batch is visible.

#![cfg(unix)]
#![allow(clippy::expect_used, clippy::unwrap_used, missing_docs)]

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use tracemark::record::RecordId;
use tracemark::sample::SupplyChain;
use tracemark::store::Store;
use tracemark::verify::{Verdict, verify_record};

const KILLS: usize = 100;
const BATCH: u64 = 10;

#[test]
fn nothing_acknowledged_is_lost_across_100_kills() {
    let dir = std::env::temp_dir().join(format!("tracemark-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("crash.db");
    let demo = SupplyChain::build().unwrap();
    let mut acknowledged: Vec<RecordId> = Vec::new();
    // A fixed linear congruential sequence: the kill moments differ, the test repeats.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for kill in 0..KILLS {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait = Duration::from_millis(5 + (state >> 33) % 120);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tracemark"))
            .arg("append-forever")
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the writer starts");
        std::thread::sleep(wait);
        child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
        let status = child.wait().unwrap();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        if status.code().is_some() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("kill {kill}: the writer exited by itself ({status}): {err}");
        }
        // A line cut short by the kill was never a complete acknowledgement.
        acknowledged.extend(
            out.lines()
                .filter(|l| l.len() == 68)
                .map(|l| l.parse::<RecordId>().unwrap()),
        );

        let store = Store::open(&db).expect("opens without repair");
        let count = store.count().unwrap();
        assert_eq!(
            (count - 2) % BATCH,
            0,
            "kill {kill}: a half-written batch is visible ({count} records)"
        );
        for id in &acknowledged {
            let record = store
                .get(id)
                .unwrap()
                .unwrap_or_else(|| panic!("kill {kill}: acknowledged {id} is lost"));
            assert_eq!(
                verify_record(record, &demo.trust).report.verdict,
                Verdict::Valid
            );
        }
    }
    assert!(
        acknowledged.len() > KILLS,
        "the writer barely wrote: {}",
        acknowledged.len()
    );
    println!(
        "{KILLS} kills, {} acknowledged records, all present and valid",
        acknowledged.len()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
