//! The writer half of the store's crash-safety test: appends until killed, acknowledging each
//! record only after its batch committed.

use std::io::Write;

use tracemark::chain::ChainSigner;
use tracemark::sample::{self, SupplyChain};
use tracemark::store::Store;

use crate::Failure;

/// Records per transaction.
pub const BATCH: usize = 10;

pub fn append_forever(db: &std::path::Path) -> Result<u8, Failure> {
    let demo = SupplyChain::build().map_err(Failure::input)?;
    let mut store = Store::open(db).map_err(Failure::input)?;
    store
        .ingest(demo.records[..2].to_vec(), &demo.trust)
        .map_err(Failure::input)?;
    let key = sample::key("dairy");
    let mine = store.by_signer(&key.public_key()).map_err(Failure::input)?;
    let party = Some(demo.catalogue.dairy);
    let mut signer = match mine.last() {
        Some(last) => ChainSigner::resume(key, party, last),
        None => ChainSigner::new(key, party),
    };
    let body = demo.records[2].unverified().body.clone();
    let mut out = std::io::stdout().lock();
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        for _ in 0..BATCH {
            let hour = (signer.next_seq() % 1000) as i64;
            let at = sample::at(hour).map_err(Failure::input)?.at();
            batch.push(signer.sign(at, body.clone()).map_err(Failure::input)?);
        }
        let ids: Vec<_> = batch.iter().map(|r| r.id()).collect();
        let report = store.ingest(batch, &demo.trust).map_err(Failure::input)?;
        if report.stored != BATCH {
            return Err(Failure::input(tracemark::Error::Storage(format!(
                "stored {} of {BATCH}",
                report.stored
            ))));
        }
        for id in ids {
            // Acknowledged only now: the transaction has committed.
            writeln!(out, "{id}")
                .and_then(|_| out.flush())
                .map_err(|e| Failure::input(tracemark::Error::Storage(e.to_string())))?;
        }
    }
}
