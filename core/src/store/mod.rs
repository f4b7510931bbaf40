//! The embedded store: one SQLite file (WAL), append-only, verified records apart from
//! quarantined ones. Behind the `sqlite` feature, so the core stays wasm-clean.
//!
//! ```
//! use tracemark::store::Store;
//! let demo = tracemark::sample::SupplyChain::build()?;
//! let mut store = Store::open_in_memory()?;
//! let report = store.ingest(demo.records.clone(), &demo.trust)?;
//! assert_eq!((report.stored, report.quarantined), (9, 0));
//! let again = store.ingest(demo.records.clone(), &demo.trust)?; // idempotent by content id
//! assert_eq!((again.stored, again.duplicates), (0, 9));
//! assert_eq!(store.count()?, 9);
//! # Ok::<(), tracemark::Error>(())
//! ```
//!
//! The schema is `store/schema.sql` (version [`SCHEMA_VERSION`]); opening a database written by
//! a newer version is refused rather than guessed at.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::record::{RecordId, SignedRecord};
use crate::trust::TrustStore;
use crate::verify::{Finding, Verdict, VerificationReport, verify_batch};

mod trust;

/// The schema version this library writes.
pub const SCHEMA_VERSION: u32 = 2;

/// The schema, as applied to a new database.
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// What brings a database of version `n - 1` to version `n`, for `n` from 2 (each step is
/// also in `schema.sql`, which a new database gets whole).
const MIGRATIONS: &[(u32, &str)] = &[(
    2,
    "CREATE TABLE anchors (
        key BLOB PRIMARY KEY, name TEXT NOT NULL, added_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;",
)];

fn storage(e: rusqlite::Error) -> Error {
    Error::Storage(e.to_string())
}

/// What one ingest did.
#[derive(Clone, Debug, Default)]
pub struct IngestReport {
    /// Verified records newly stored.
    pub stored: usize,
    /// Verified records that were already stored (same content id).
    pub duplicates: usize,
    /// Records that did not verify, kept in the quarantine with their reports.
    pub quarantined: usize,
    /// What the batch showed about the signers' chains.
    pub chain_findings: Vec<Finding>,
    /// The reports of the quarantined records: why each did not verify.
    pub rejected: Vec<VerificationReport>,
}

/// A store of signed records in one SQLite file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the store at `path`, in WAL mode with full synchronous
    /// commits, so that a commit that returned survives a crash or power loss.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path).map_err(storage)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(storage)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(storage)?;
        Store::init(conn)
    }

    /// A store in memory, for tests and one-off analyses.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory().map_err(storage)?)
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(storage)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(storage)?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// Brings the schema to [`SCHEMA_VERSION`], or refuses a newer one.
    fn migrate(&mut self) -> Result<()> {
        let tx = self.conn.transaction().map_err(storage)?;
        let has_meta: bool = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(storage)?
            > 0;
        let version = if has_meta {
            tx.query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map_err(storage)?
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
        } else {
            0
        };
        match version {
            0 => {
                tx.execute_batch(SCHEMA_SQL).map_err(storage)?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                    params![SCHEMA_VERSION.to_string()],
                )
                .map_err(storage)?;
            }
            current @ 1..SCHEMA_VERSION => {
                for (_, sql) in MIGRATIONS.iter().filter(|(to, _)| *to > current) {
                    tx.execute_batch(sql).map_err(storage)?;
                }
                tx.execute(
                    "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
                    params![SCHEMA_VERSION.to_string()],
                )
                .map_err(storage)?;
            }
            SCHEMA_VERSION => {}
            newer => {
                return Err(Error::Storage(format!(
                    "the database has schema version {newer}; this library knows up to {SCHEMA_VERSION}"
                )));
            }
        }
        tx.commit().map_err(storage)
    }

    /// Verifies `records` against `trust` and stores them, all or nothing: verified records go
    /// to `records` (a record already stored is counted, not stored twice), the others to the
    /// quarantine with their reports.
    pub fn ingest(
        &mut self,
        records: Vec<SignedRecord>,
        trust: &TrustStore,
    ) -> Result<IngestReport> {
        let now = now_millis();
        let batch = verify_batch(records, trust);
        let verdicts: std::collections::HashMap<RecordId, &VerificationReport> =
            batch.reports.iter().map(|r| (r.id, r)).collect();
        let mut report = IngestReport {
            chain_findings: batch.chain_findings.clone(),
            ..IngestReport::default()
        };
        let tx = self.conn.transaction().map_err(storage)?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO records
                     (id, bytes, kind, signer, seq, signed_at, event_time, party, stored_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(storage)?;
            let mut mention = tx
                .prepare_cached(
                    "INSERT INTO mentions (record, role, gtin, lot, serial, sscc)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(storage)?;
            for verified in &batch.verified {
                let r = verified.record();
                let id = verified.id();
                let seq = i64::try_from(r.seq).map_err(|_| {
                    Error::Storage(format!(
                        "sequence number {} is beyond SQLite's integers",
                        r.seq
                    ))
                })?;
                let inserted = insert
                    .execute(params![
                        id.as_bytes().as_slice(),
                        verified.bytes(),
                        r.body.kind().as_str(),
                        r.signer.as_bytes().as_slice(),
                        seq,
                        r.signed_at.unix_millis(),
                        r.event().map(|e| e.time.at().unix_millis()),
                        r.party.map(|p| p.to_string()),
                        now,
                    ])
                    .map_err(storage)?;
                if inserted == 0 {
                    report.duplicates += 1;
                    continue;
                }
                report.stored += 1;
                for m in r.mentions() {
                    mention
                        .execute(params![
                            id.as_bytes().as_slice(),
                            m.role,
                            m.gtin,
                            m.lot,
                            m.serial,
                            m.sscc
                        ])
                        .map_err(storage)?;
                }
            }
            let mut quarantine = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO quarantine (id, bytes, verdict, report, received_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(storage)?;
            for rejected in &batch.rejected {
                let Some(why) = verdicts.get(&rejected.id()) else {
                    continue;
                };
                let json = serde_json::to_string(why).map_err(|e| Error::Storage(e.to_string()))?;
                quarantine
                    .execute(params![
                        rejected.id().as_bytes().as_slice(),
                        rejected.bytes(),
                        why.verdict.as_str(),
                        json,
                        now
                    ])
                    .map_err(storage)?;
                report.quarantined += 1;
                report.rejected.push((*why).clone());
            }
        }
        tx.commit().map_err(storage)?;
        Ok(report)
    }

    /// Number of stored (verified) records.
    pub fn count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .map_err(storage)?;
        Ok(n.unsigned_abs())
    }

    /// Number of quarantined records.
    pub fn quarantine_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM quarantine", [], |r| r.get(0))
            .map_err(storage)?;
        Ok(n.unsigned_abs())
    }

    /// A stored record by id. Stored records verified when they were stored; they come back as
    /// signed records so that a reader can verify them again against its own trust store.
    pub fn get(&self, id: &RecordId) -> Result<Option<SignedRecord>> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT bytes FROM records WHERE id = ?1",
                params![id.as_bytes().as_slice()],
                |r| r.get(0),
            )
            .optional()
            .map_err(storage)?;
        bytes.map(|b| SignedRecord::decode(&b)).transpose()
    }

    /// A signer's stored records, in sequence order.
    pub fn by_signer(&self, signer: &PublicKey) -> Result<Vec<SignedRecord>> {
        self.query_records(
            "SELECT bytes FROM records WHERE signer = ?1 ORDER BY seq",
            params![signer.as_bytes().as_slice()],
        )
    }

    /// Stored records that mention a lot, in time order (event time, else signing time).
    pub fn by_lot(&self, lot: &crate::ids::Lgtin) -> Result<Vec<SignedRecord>> {
        self.query_records(
            "SELECT DISTINCT r.bytes, coalesce(r.event_time, r.signed_at) AS t FROM mentions m JOIN records r ON r.id = m.record
             WHERE m.gtin = ?1 AND m.lot = ?2 ORDER BY t",
            params![lot.gtin.to_string(), lot.lot.as_str()],
        )
    }

    /// Stored records that mention a logistic unit, in time order (event time, else signing time).
    pub fn by_sscc(&self, sscc: &crate::ids::Sscc) -> Result<Vec<SignedRecord>> {
        self.query_records(
            "SELECT DISTINCT r.bytes, coalesce(r.event_time, r.signed_at) AS t FROM mentions m JOIN records r ON r.id = m.record
             WHERE m.sscc = ?1 ORDER BY t",
            params![sscc.to_string()],
        )
    }

    /// The quarantined records with their verdicts.
    pub fn quarantined(&self) -> Result<Vec<(SignedRecord, Verdict)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT bytes, report FROM quarantine ORDER BY received_at, id")
            .map_err(storage)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(storage)?;
        let mut out = Vec::new();
        for row in rows {
            let (bytes, report) = row.map_err(storage)?;
            let report: crate::verify::VerificationReport =
                serde_json::from_str(&report).map_err(|e| Error::Storage(e.to_string()))?;
            out.push((SignedRecord::decode(&bytes)?, report.verdict));
        }
        Ok(out)
    }

    fn query_records(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<SignedRecord>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(storage)?;
        let rows = stmt
            .query_map(params, |r| r.get::<_, Vec<u8>>(0))
            .map_err(storage)?;
        let mut out = Vec::new();
        for bytes in rows {
            out.push(SignedRecord::decode(&bytes.map_err(storage)?)?);
        }
        Ok(out)
    }
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
