//! Verify, then store: one batch at a time ([`Store::ingest`]), or a stream of batches with
//! verification of the next batch running on a second thread while the current one is written
//! ([`Store::ingest_batches`]). SQLite takes one writer, and signature checks are the other
//! half of the work, so two threads are what a verified ingest can use.

use std::collections::HashMap;
use std::sync::mpsc;

use rusqlite::params;

use super::{Store, now_millis, storage};
use crate::error::{Error, Result};
use crate::record::{Body, RecordId, SignedRecord};
use crate::trust::TrustStore;
use crate::verify::{
    BatchVerification, Finding, FindingCode, Verdict, VerificationReport, verify_batch,
};

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

impl IngestReport {
    /// Adds what a later batch did to this report.
    pub fn absorb(&mut self, other: IngestReport) {
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.quarantined += other.quarantined;
        self.chain_findings.extend(other.chain_findings);
        self.rejected.extend(other.rejected);
    }

    /// Records the batch held: stored, duplicate or quarantined.
    pub fn records(&self) -> usize {
        self.stored + self.duplicates + self.quarantined
    }
}

impl Store {
    /// Verifies `records` against `trust` and stores them, all or nothing: verified records go
    /// to `records` (a record already stored is counted, not stored twice), the others to the
    /// quarantine with their reports.
    pub fn ingest(
        &mut self,
        records: Vec<SignedRecord>,
        trust: &TrustStore,
    ) -> Result<IngestReport> {
        self.write(verify_batch(records, trust))
    }

    /// [`Store::ingest`] over a stream of batches, each its own transaction, with the next
    /// batch verified on a second thread while this one is written. `progress` is called with
    /// each batch's report once it is committed. A failed write stops the stream; the batches
    /// committed before it stay.
    ///
    /// ```
    /// use tracemark::store::Store;
    /// let demo = tracemark::sample::SupplyChain::build()?;
    /// let mut store = Store::open_in_memory()?;
    /// let batches = demo.records.chunks(4).map(<[_]>::to_vec);
    /// let mut committed = 0;
    /// let total = store.ingest_batches(batches, &demo.trust, |r| committed += r.records())?;
    /// assert_eq!((total.stored, committed), (9, 9));
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn ingest_batches<I>(
        &mut self,
        batches: I,
        trust: &TrustStore,
        mut progress: impl FnMut(&IngestReport),
    ) -> Result<IngestReport>
    where
        I: IntoIterator<Item = Vec<SignedRecord>>,
        I::IntoIter: Send,
    {
        let batches = batches.into_iter();
        let mut total = IngestReport::default();
        std::thread::scope(|scope| {
            // One verified batch waits while another is written: enough to keep both threads
            // busy without holding the whole stream in memory.
            let (send, receive) = mpsc::sync_channel::<BatchVerification>(1);
            scope.spawn(move || {
                for batch in batches {
                    if send.send(verify_batch(batch, trust)).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            for verified in receive {
                let report = self.write(verified)?;
                progress(&report);
                total.absorb(report);
            }
            Ok(total)
        })
    }

    /// Stores one verified batch in one transaction.
    fn write(&mut self, mut batch: BatchVerification) -> Result<IngestReport> {
        refuse_unreadable_events(&mut batch);
        let now = now_millis();
        let mut report = IngestReport {
            chain_findings: std::mem::take(&mut batch.chain_findings),
            ..IngestReport::default()
        };
        let verdicts: HashMap<RecordId, &VerificationReport> =
            batch.reports.iter().map(|r| (r.id, r)).collect();
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
                    "INSERT OR IGNORE INTO mentions (key, record, role) VALUES (?1, ?2, ?3)",
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
                        .execute(params![m.key(), id.as_bytes().as_slice(), m.role])
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
}

/// Moves the verified `epcis_event` records whose event does not read as an EPCIS event to the
/// quarantine side, with an `epcis_event_invalid` finding. Record verification does not read
/// events (a signature check needs no EPCIS reader); a store, which indexes and exports them,
/// must.
fn refuse_unreadable_events(batch: &mut BatchVerification) {
    let mut kept = Vec::with_capacity(batch.verified.len());
    for verified in std::mem::take(&mut batch.verified) {
        let err = match &verified.record().body {
            Body::EpcisEvent(e) => e.event().err(),
            _ => None,
        };
        let Some(err) = err else {
            kept.push(verified);
            continue;
        };
        let (rule, path, message) = match &err {
            Error::Epcis(p) => (p.rule, p.path.clone(), p.message.clone()),
            other => (other.code(), "$".to_owned(), other.to_string()),
        };
        let finding = Finding::new(
            FindingCode::EpcisEventInvalid,
            "the record's EPCIS event does not read",
        )
        .with("record", verified.id())
        .with("rule", rule)
        .with("path", path)
        .with("message", message);
        if let Some(report) = batch.reports.iter_mut().find(|r| r.id == verified.id()) {
            report.verdict = Verdict::Invalid;
            report.findings.push(finding);
        }
        batch.rejected.push(verified.to_signed());
    }
    batch.verified = kept;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::chain::ChainSigner;
    use crate::codec::Text;
    use crate::record::{ExtValue, ReceivedEvent};
    use crate::trust::TrustStore;

    #[test]
    fn a_signed_event_that_does_not_read_is_quarantined_with_its_reason() {
        let key = crate::sample::key("importer");
        let mut trust = TrustStore::new();
        trust.add_anchor(key.public_key(), "importer");
        let mut signer = ChainSigner::new(key, None);
        let at = crate::time::Timestamp::from_unix_millis(1_780_000_000_000).unwrap();
        // The shape decoding checks (an object with a type), and no eventTime or action.
        let event = ExtValue::Map(vec![(
            Text::new("type").unwrap(),
            ExtValue::Text(Text::new("ObjectEvent").unwrap()),
        )]);
        let body = ReceivedEvent::checked("partner", "ni:///sha-256;00?ver=CBV2.0", event).unwrap();
        let record = signer.sign(at, Body::EpcisEvent(body)).unwrap();
        assert_eq!(
            SignedRecord::decode(record.bytes()).as_ref(),
            Ok(&record),
            "it decodes"
        );
        let mut store = Store::open_in_memory().unwrap();
        let report = store.ingest(vec![record], &trust).unwrap();
        assert_eq!((report.stored, report.quarantined), (0, 1));
        let why = &report.rejected[0];
        assert_eq!(why.verdict, Verdict::Invalid);
        let finding = &why.findings[0];
        assert_eq!(finding.code, FindingCode::EpcisEventInvalid);
        assert_eq!(
            finding.evidence.get("rule").map(String::as_str),
            Some("missing_field"),
            "{finding:?}"
        );
        assert_eq!(store.quarantine_count().unwrap(), 1);
    }
}
