//! The embedded store: verified records apart from quarantined ones, idempotent all-or-nothing
//! batches, the indexes trace and recall need, persistence, and snapshot reads during writes.

#![cfg(feature = "sqlite")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

mod common;

use tracemark::chain::ChainSigner;
use tracemark::record::SignedRecord;
use tracemark::sample::{self, SupplyChain};
use tracemark::store::Store;
use tracemark::verify::Verdict;

#[test]
fn verified_records_are_stored_once_and_failures_quarantined_with_reports() {
    let demo = SupplyChain::build().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut bytes = demo.records[2].bytes().to_vec();
    let at = bytes.windows(6).position(|w| w == b"M2603A").unwrap();
    bytes[at + 5] = b'B';
    let tampered = SignedRecord::decode(&bytes).unwrap();
    let mut batch = demo.records.clone();
    batch.push(tampered.clone());

    let report = store.ingest(batch.clone(), &demo.trust).unwrap();
    assert_eq!(
        (report.stored, report.duplicates, report.quarantined),
        (9, 0, 1)
    );
    assert!(report.chain_findings.is_empty());
    let again = store.ingest(batch, &demo.trust).unwrap();
    assert_eq!(
        (again.stored, again.duplicates, again.quarantined),
        (0, 9, 1)
    );
    assert_eq!(
        (store.count().unwrap(), store.quarantine_count().unwrap()),
        (9, 1)
    );

    let quarantined = store.quarantined().unwrap();
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].0.id(), tampered.id());
    assert_eq!(quarantined[0].1, Verdict::Invalid);
    assert!(
        store.get(&tampered.id()).unwrap().is_none(),
        "a quarantined record is not a record"
    );
    assert_eq!(
        store.get(&demo.records[4].id()).unwrap().unwrap().bytes(),
        demo.records[4].bytes()
    );
}

#[test]
fn indexes_answer_by_signer_lot_and_sscc() {
    let demo = SupplyChain::build().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    store.ingest(demo.records.clone(), &demo.trust).unwrap();
    let dairy = store.by_signer(&demo.dairy.public_key()).unwrap();
    let seqs: Vec<u64> = dairy.iter().map(|r| r.unverified().seq).collect();
    assert_eq!(seqs, [0, 1, 2, 3, 4]);
    let milk: Vec<&str> = Vec::from_iter(
        store
            .by_lot(&demo.catalogue.milk_lot)
            .unwrap()
            .iter()
            .map(|r| r.kind().as_str()),
    );
    assert_eq!(milk, ["commission", "transformation", "recall_notice"]);
    let case: Vec<&str> = Vec::from_iter(
        store
            .by_sscc(&demo.catalogue.case)
            .unwrap()
            .iter()
            .map(|r| r.kind().as_str()),
    );
    assert_eq!(case, ["aggregation", "shipping", "receiving"]);
}

#[test]
fn a_file_store_persists_and_refuses_a_newer_schema() {
    let (dir, path) = common::scratch_file("store", "persist.db");
    let demo = SupplyChain::build().unwrap();
    Store::open(&path)
        .unwrap()
        .ingest(demo.records.clone(), &demo.trust)
        .unwrap();
    assert_eq!(Store::open(&path).unwrap().count().unwrap(), 9);

    // Pretend a newer tracemark wrote the file.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    let err = Store::open(&path).err().expect("a newer schema is refused");
    assert_eq!(err.code(), "storage");
    assert!(err.to_string().contains("schema version 99"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn readers_see_whole_batches_while_a_writer_appends() {
    let (dir, path) = common::scratch_file("snap", "snap.db");
    let demo = SupplyChain::build().unwrap();
    let mut store = Store::open(&path).unwrap();
    store
        .ingest(demo.records[..2].to_vec(), &demo.trust)
        .unwrap(); // the certificates
    const BATCH: usize = 25;
    const BATCHES: usize = 20;
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let demo = SupplyChain::build().unwrap();
            let mut store = Store::open(&path).unwrap();
            let mut dairy = ChainSigner::new(sample::key("dairy"), Some(demo.catalogue.dairy));
            let body = demo.records[2].unverified().body.clone();
            for b in 0..BATCHES {
                let batch: Vec<SignedRecord> = (0..BATCH)
                    .map(|i| {
                        dairy
                            .sign(
                                sample::at((b * BATCH + i) as i64 % 100).unwrap().at(),
                                body.clone(),
                            )
                            .unwrap()
                    })
                    .collect();
                let r = store.ingest(batch, &demo.trust).unwrap();
                assert_eq!(r.stored, BATCH);
            }
        })
    };
    let reader = Store::open(&path).unwrap();
    let mut seen = Vec::new();
    while !writer.is_finished() {
        let n = reader.count().unwrap();
        assert_eq!(
            (n - 2) % BATCH as u64,
            0,
            "a reader saw part of a batch: {n}"
        );
        seen.push(n);
    }
    writer.join().unwrap();
    assert_eq!(reader.count().unwrap(), 2 + (BATCH * BATCHES) as u64);
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "counts never go backwards"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_records() {
    let (dir, path) = common::scratch_file("migrate", "v1.db");
    let demo = SupplyChain::build().unwrap();
    Store::open(&path)
        .unwrap()
        .ingest(demo.records.clone(), &demo.trust)
        .unwrap();
    // Make it what version 1 wrote: no anchors table, and one mentions row per identifier
    // with its parts in columns.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE anchors; DROP TABLE mentions;
         CREATE TABLE old (id BLOB PRIMARY KEY, bytes BLOB NOT NULL, kind TEXT NOT NULL,
             signer BLOB NOT NULL, seq INTEGER NOT NULL, signed_at INTEGER NOT NULL,
             event_time INTEGER, party TEXT, stored_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
         INSERT INTO old SELECT id, bytes, kind, signer, seq, signed_at, event_time, party,
             stored_at FROM records;
         DROP TABLE records;
         ALTER TABLE old RENAME TO records;
         CREATE INDEX records_by_signer ON records (signer, seq);
         CREATE TABLE mentions (record BLOB NOT NULL REFERENCES records (id), role TEXT NOT NULL,
             gtin TEXT, lot TEXT, serial TEXT, sscc TEXT) STRICT;
         UPDATE meta SET value = '1' WHERE key = 'schema_version';",
    )
    .unwrap();
    for r in &demo.records {
        for m in r.unverified().mentions() {
            conn.execute(
                "INSERT INTO mentions (record, role, gtin, lot, serial, sscc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![r.id().as_bytes().as_slice(), m.role, m.gtin, m.lot, m.serial, m.sscc],
            )
            .unwrap();
        }
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count().unwrap(), 9);
    // The mentions came through the migration: lookups agree with a store built afresh.
    let mut fresh = Store::open_in_memory().unwrap();
    fresh.ingest(demo.records.clone(), &demo.trust).unwrap();
    let ids =
        |v: Vec<tracemark::record::SignedRecord>| v.iter().map(|r| r.id()).collect::<Vec<_>>();
    for r in &demo.records {
        for m in r.unverified().mentions() {
            if let (Some(g), Some(l)) = (&m.gtin, &m.lot) {
                let lot = tracemark::ids::Lgtin::new(g.parse().unwrap(), l.parse().unwrap());
                assert_eq!(
                    ids(store.by_lot(&lot).unwrap()),
                    ids(fresh.by_lot(&lot).unwrap())
                );
                assert!(!store.by_lot(&lot).unwrap().is_empty());
            }
            if let Some(s) = &m.sscc {
                let sscc = s.parse().unwrap();
                assert_eq!(
                    ids(store.by_sscc(&sscc).unwrap()),
                    ids(fresh.by_sscc(&sscc).unwrap())
                );
            }
            if let Some(g) = &m.gtin {
                let gtin = g.parse().unwrap();
                assert_eq!(
                    ids(store.by_gtin(&gtin).unwrap()),
                    ids(fresh.by_gtin(&gtin).unwrap())
                );
            }
        }
    }
    let version: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, tracemark::store::SCHEMA_VERSION.to_string());
    // Version 3 keeps records in storing order.
    let arrivals: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(DISTINCT arrival) FROM records", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(arrivals, 9);
    assert_eq!(
        store
            .by_signer(&sample::key("shop").public_key())
            .unwrap()
            .len(),
        2
    );
    drop(store);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_store_verifies_imports_against_its_own_anchors_and_certificates() {
    let demo = SupplyChain::build().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    // Without an anchor nothing is trusted: all nine go to quarantine.
    let report = store.import(demo.records.clone()).unwrap();
    assert_eq!((report.stored, report.quarantined), (0, 9));
    let authority = demo.authority.public_key();
    store.add_anchor(&authority, "Sample authority").unwrap();
    store.add_anchor(&authority, "another name").unwrap();
    assert_eq!(
        store.anchors().unwrap(),
        vec![(authority, "Sample authority".to_owned())]
    );
    // Certificates in the batch authorise the rest of the batch.
    let report = store.import(demo.records.clone()).unwrap();
    assert_eq!((report.stored, report.quarantined), (9, 0));
    // Later imports trust the stored certificates.
    let shop = sample::key("shop");
    let head = store.chain_head(&shop.public_key()).unwrap().unwrap();
    let shop_records = store.by_signer(&shop.public_key()).unwrap();
    let last = shop_records.last().unwrap();
    assert_eq!(head, (last.unverified().seq, last.id()));
    let mut signer = ChainSigner::after(shop, last.unverified().party, Some(head));
    let next = signer
        .sign(last.unverified().signed_at, last.unverified().body.clone())
        .unwrap();
    let report = store.import(vec![next.clone()]).unwrap();
    assert_eq!((report.stored, report.quarantined), (1, 0));
    assert!(report.chain_findings.is_empty());
    assert_eq!(
        store.chain_head(&signer.public_key()).unwrap().unwrap().1,
        next.id()
    );
    assert_eq!(store.trust().unwrap().anchors().count(), 1);
    assert_eq!(store.all_records().unwrap().len(), 10);
}
