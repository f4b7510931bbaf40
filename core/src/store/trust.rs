//! The store's own trust: anchors kept in the database, certificates and revocations kept as
//! records, so every import verifies against what the store already knows; chain heads, so a
//! signer continues its chain where the store has it.

use rusqlite::{OptionalExtension, params};

use super::{IngestReport, Store, now_millis, storage};
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::record::{RecordId, RecordKind, SignedRecord};
use crate::trust::TrustStore;

impl Store {
    /// Trusts `key` as a root from now on, under `name` (shown in reports). Adding a key that
    /// is already an anchor keeps its first name.
    pub fn add_anchor(&mut self, key: &PublicKey, name: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO anchors (key, name, added_at) VALUES (?1, ?2, ?3)",
                params![key.as_bytes().as_slice(), name, now_millis()],
            )
            .map_err(storage)?;
        Ok(())
    }

    /// The anchors, in the order they were added.
    pub fn anchors(&self) -> Result<Vec<(PublicKey, String)>> {
        let mut out = Vec::new();
        for (bytes, name) in
            self.blob_text_rows("SELECT key, name FROM anchors ORDER BY added_at, key")?
        {
            let bytes: [u8; 32] = bytes
                .try_into()
                .map_err(|_| Error::Storage("an anchor key is not 32 bytes".into()))?;
            out.push((PublicKey::from_bytes(&bytes)?, name));
        }
        Ok(out)
    }

    /// A trust store with the anchors and every stored key certificate and revocation.
    pub fn trust(&self) -> Result<TrustStore> {
        let mut trust = TrustStore::new();
        for (key, name) in self.anchors()? {
            trust.add_anchor(key, &name);
        }
        let certs = self.query_records(
            "SELECT bytes FROM records WHERE kind IN (?1, ?2) ORDER BY signed_at, id",
            params![
                RecordKind::KeyCertificate.as_str(),
                RecordKind::KeyRevocation.as_str()
            ],
        )?;
        for record in &certs {
            trust.add(record)?;
        }
        Ok(trust)
    }

    /// Verifies `records` against the store's trust plus the certificates and revocations in
    /// the batch itself (each still has to be issued by someone the store trusts), and stores
    /// them as [`Store::ingest`] does.
    pub fn import(&mut self, records: Vec<SignedRecord>) -> Result<IngestReport> {
        let mut trust = self.trust()?;
        trust.add_all(&records);
        self.ingest(records, &trust)
    }

    /// The last stored record of `signer`'s chain: its sequence number and id.
    pub fn chain_head(&self, signer: &PublicKey) -> Result<Option<(u64, RecordId)>> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT seq, id FROM records WHERE signer = ?1 ORDER BY seq DESC, id LIMIT 1",
                params![signer.as_bytes().as_slice()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(storage)?;
        row.map(|(seq, id)| {
            let id: [u8; 32] = id
                .try_into()
                .map_err(|_| Error::Storage("a record id is not 32 bytes".into()))?;
            Ok((seq.unsigned_abs(), RecordId::from_bytes(id)))
        })
        .transpose()
    }

    /// Every stored record, by signing time, then signer and sequence number.
    pub fn all_records(&self) -> Result<Vec<SignedRecord>> {
        self.query_records(
            "SELECT bytes FROM records ORDER BY signed_at, signer, seq",
            [],
        )
    }
}
