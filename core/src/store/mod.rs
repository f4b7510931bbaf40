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
use crate::record::{RecordId, RecordKind, SignedRecord};
use crate::verify::Verdict;

mod ingest;
mod trust;

pub use ingest::IngestReport;

/// The schema version this library writes.
pub const SCHEMA_VERSION: u32 = 3;

/// The schema, as applied to a new database.
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// What brings a database of version `n - 1` to version `n`, for `n` from 2 (each step is
/// also in `schema.sql`, which a new database gets whole).
const MIGRATIONS: &[(u32, &str)] = &[
    (
        2,
        "CREATE TABLE anchors (
        key BLOB PRIMARY KEY, name TEXT NOT NULL, added_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;",
    ),
    (
        3,
        "CREATE TABLE mentions_v3 (
        key TEXT NOT NULL, record BLOB NOT NULL, role TEXT NOT NULL,
        PRIMARY KEY (key, record, role)
    ) STRICT, WITHOUT ROWID;
    INSERT OR IGNORE INTO mentions_v3 (key, record, role)
        SELECT CASE
            WHEN sscc IS NOT NULL THEN '00/' || sscc
            WHEN lot IS NOT NULL THEN '01/' || gtin || '/10/' || lot
            WHEN serial IS NOT NULL THEN '01/' || gtin || '/21/' || serial
            ELSE '01/' || gtin END, record, role
        FROM mentions;
    DROP TABLE mentions;
    ALTER TABLE mentions_v3 RENAME TO mentions;
    CREATE TABLE records_v3 (
        arrival INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL,
        kind TEXT NOT NULL, signer BLOB NOT NULL, seq INTEGER NOT NULL,
        signed_at INTEGER NOT NULL, event_time INTEGER, party TEXT, stored_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO records_v3
        (id, bytes, kind, signer, seq, signed_at, event_time, party, stored_at)
        SELECT id, bytes, kind, signer, seq, signed_at, event_time, party, stored_at
        FROM records ORDER BY stored_at, signed_at, id;
    DROP TABLE records;
    ALTER TABLE records_v3 RENAME TO records;
    CREATE INDEX records_by_signer ON records (signer, seq);
    CREATE INDEX records_by_event_time ON records (event_time);
    CREATE INDEX records_by_kind ON records (kind);",
    ),
];

fn storage(e: rusqlite::Error) -> Error {
    Error::Storage(e.to_string())
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
        // Record ids are hashes, so inserts land all over the id index: 64 MiB of page cache
        // (against SQLite's default 2 MiB) keeps its inner pages in memory.
        conn.pragma_update(None, "cache_size", -65_536)
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

    /// Number of stored (verified) records.
    pub fn count(&self) -> Result<u64> {
        self.count_rows("SELECT count(*) FROM records")
    }

    /// Number of quarantined records.
    pub fn quarantine_count(&self) -> Result<u64> {
        self.count_rows("SELECT count(*) FROM quarantine")
    }

    fn count_rows(&self, sql: &str) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(sql, [], |r| r.get(0))
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
        self.by_key(&format!("01/{}/10/{}", lot.gtin, lot.lot))
    }

    /// Stored records that mention a serialised item, in time order.
    pub fn by_item(&self, item: &crate::ids::Sgtin) -> Result<Vec<SignedRecord>> {
        self.by_key(&format!("01/{}/21/{}", item.gtin, item.serial))
    }

    /// Stored records that mention a logistic unit, in time order (event time, else signing time).
    pub fn by_sscc(&self, sscc: &crate::ids::Sscc) -> Result<Vec<SignedRecord>> {
        self.by_key(&format!("00/{sscc}"))
    }

    /// Stored records that mention a product in any form (the GTIN alone, any lot of it or
    /// any serialised item of it), in time order.
    pub fn by_gtin(&self, gtin: &crate::ids::Gtin) -> Result<Vec<SignedRecord>> {
        // '0' follows '/' in ASCII: the range holds the key itself and every key under it.
        let key = format!("01/{gtin}");
        self.query_records(
            "SELECT r.bytes FROM records r WHERE r.id IN (
                SELECT record FROM mentions WHERE key = ?1 OR (key >= ?2 AND key < ?3))
             ORDER BY coalesce(r.event_time, r.signed_at), r.id",
            params![key, format!("{key}/"), format!("{key}0")],
        )
    }

    fn by_key(&self, key: &str) -> Result<Vec<SignedRecord>> {
        self.query_records(
            "SELECT r.bytes FROM records r WHERE r.id IN (SELECT record FROM mentions WHERE key = ?1)
             ORDER BY coalesce(r.event_time, r.signed_at), r.id",
            params![key],
        )
    }

    /// The quarantined records with their verdicts.
    pub fn quarantined(&self) -> Result<Vec<(SignedRecord, Verdict)>> {
        let mut out = Vec::new();
        for (bytes, report) in
            self.blob_text_rows("SELECT bytes, report FROM quarantine ORDER BY received_at, id")?
        {
            let report: crate::verify::VerificationReport =
                serde_json::from_str(&report).map_err(|e| Error::Storage(e.to_string()))?;
            out.push((SignedRecord::decode(&bytes)?, report.verdict));
        }
        Ok(out)
    }

    /// The rows of a query of two columns, a blob and a text.
    fn blob_text_rows(&self, sql: &str) -> Result<Vec<(Vec<u8>, String)>> {
        let mut stmt = self.conn.prepare(sql).map_err(storage)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(storage)?;
        rows.collect::<rusqlite::Result<_>>().map_err(storage)
    }

    /// Number of stored records of one kind.
    pub fn count_of_kind(&self, kind: RecordKind) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM records WHERE kind = ?1",
                params![kind.as_str()],
                |r| r.get(0),
            )
            .map_err(storage)?;
        Ok(n.unsigned_abs())
    }

    /// Streams the stored records of one kind to `each`, by signing time, then signer and
    /// sequence number, one at a time (memory does not grow with the store). An error from
    /// `each` stops the stream and is returned.
    ///
    /// ```
    /// use tracemark::record::RecordKind;
    /// use tracemark::store::Store;
    /// let demo = tracemark::sample::SupplyChain::build()?;
    /// let mut store = Store::open_in_memory()?;
    /// store.ingest(demo.records.clone(), &demo.trust)?;
    /// let mut seen = 0;
    /// store.each_of_kind(RecordKind::Shipping, |r| {
    ///     assert_eq!(r.unverified().body.kind(), RecordKind::Shipping);
    ///     seen += 1;
    ///     Ok(())
    /// })?;
    /// assert_eq!(seen, store.count_of_kind(RecordKind::Shipping)?);
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn each_of_kind(
        &self,
        kind: RecordKind,
        mut each: impl FnMut(SignedRecord) -> Result<()>,
    ) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT bytes FROM records WHERE kind = ?1 ORDER BY signed_at, signer, seq",
            )
            .map_err(storage)?;
        let mut rows = stmt.query(params![kind.as_str()]).map_err(storage)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(storage)? {
            let bytes: Vec<u8> = row.get(0).map_err(storage)?;
            each(SignedRecord::decode(&bytes)?)?;
            n += 1;
        }
        Ok(n)
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
