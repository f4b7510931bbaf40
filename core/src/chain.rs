//! Per-signer hash chains: each record carries its signer's sequence number and the id of the
//! signer's previous record, so deletion (a gap), reordering and forks are visible in any set
//! of records.
//!
//! A fork is equivocation, and its proof stands alone: two records signed by the same key
//! that cannot both belong to one history ([`ForkProof`]). Anyone can check it with nothing
//! but the two records' bytes.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::keys::{PublicKey, SecretKey};
use crate::record::{Body, Record, RecordId, SignedRecord};
use crate::time::Timestamp;
use crate::verify::{Finding, FindingCode};

/// Signs records in one chain: numbers them and links each to the previous one.
///
/// ```
/// use tracemark::chain::ChainSigner;
/// use tracemark::keys::SecretKey;
/// # let body = tracemark::sample::first_commission().body;
/// # let at = "2026-01-01T00:00:00Z".parse()?;
/// let mut signer = ChainSigner::new(SecretKey::from_seed([3; 32]), None);
/// let first = signer.sign(at, body.clone())?;
/// let second = signer.sign(at, body)?;
/// assert_eq!(second.unverified().prev, Some(first.id()));
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Debug)]
pub struct ChainSigner {
    key: SecretKey,
    party: Option<crate::ids::Gln>,
    next_seq: u64,
    prev: Option<RecordId>,
}

impl ChainSigner {
    /// A signer at the start of its chain, speaking for `party`.
    pub fn new(key: SecretKey, party: Option<crate::ids::Gln>) -> ChainSigner {
        ChainSigner {
            key,
            party,
            next_seq: 0,
            prev: None,
        }
    }

    /// A signer continuing a chain whose last record has sequence number and id `head` (as a
    /// store reports it), or starting one when there is none.
    pub fn after(
        key: SecretKey,
        party: Option<crate::ids::Gln>,
        head: Option<(u64, RecordId)>,
    ) -> ChainSigner {
        ChainSigner {
            key,
            party,
            next_seq: head.map_or(0, |(seq, _)| seq + 1),
            prev: head.map(|(_, id)| id),
        }
    }

    /// A signer continuing a chain whose last record is `last`.
    pub fn resume(
        key: SecretKey,
        party: Option<crate::ids::Gln>,
        last: &SignedRecord,
    ) -> ChainSigner {
        let r = last.unverified();
        ChainSigner {
            key,
            party,
            next_seq: r.seq + 1,
            prev: Some(last.id()),
        }
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKey {
        self.key.public_key()
    }

    /// The key (for signing records outside this chain, such as test forks).
    pub fn secret_key(&self) -> &SecretKey {
        &self.key
    }

    /// The sequence number the next record will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Signs the next record of the chain.
    pub fn sign(&mut self, signed_at: Timestamp, body: Body) -> Result<SignedRecord> {
        let record = Record {
            signer: self.key.public_key(),
            seq: self.next_seq,
            prev: self.prev,
            signed_at,
            party: self.party,
            body,
        };
        let signed = record.sign(&self.key)?;
        self.next_seq += 1;
        self.prev = Some(signed.id());
        Ok(signed)
    }
}

/// How two records prove a fork.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ForkKind {
    /// Two different records with the same signer and sequence number.
    SameSequence,
    /// A record whose previous-record id is not the id of the signer's record one before it.
    BrokenLink,
}

impl ForkKind {
    /// The snake_case name used in evidence.
    pub fn as_str(&self) -> &'static str {
        match self {
            ForkKind::SameSequence => "same_sequence",
            ForkKind::BrokenLink => "broken_link",
        }
    }
}

/// Two signed records that together prove their signer equivocated.
#[derive(Clone, Debug)]
pub struct ForkProof {
    /// One record.
    pub first: SignedRecord,
    /// The other.
    pub second: SignedRecord,
}

impl ForkProof {
    /// A proof from the two records' bytes (hex in a finding's evidence).
    pub fn from_bytes(first: &[u8], second: &[u8]) -> Result<ForkProof> {
        Ok(ForkProof {
            first: SignedRecord::decode(first)?,
            second: SignedRecord::decode(second)?,
        })
    }

    /// A proof from a `chain_fork` finding's evidence.
    pub fn from_finding(finding: &Finding) -> Result<ForkProof> {
        let hex = |name: &str| -> Result<Vec<u8>> {
            let text = finding.evidence.get(name).ok_or_else(|| {
                Error::InvalidValue(format!("the finding has no evidence {name:?}"))
            })?;
            hex::decode(text)
                .map_err(|_| Error::InvalidValue(format!("evidence {name:?} is not hex")))
        };
        ForkProof::from_bytes(&hex("first")?, &hex("second")?)
    }

    /// What the two records prove, or `None` if they prove nothing: both signatures must
    /// verify under the same key, and the records must not fit in one chain.
    pub fn check(&self) -> Option<ForkKind> {
        let (a, b) = (self.first.unverified(), self.second.unverified());
        if a.signer != b.signer
            || !self.first.signature_is_valid()
            || !self.second.signature_is_valid()
        {
            return None;
        }
        if a.seq == b.seq && self.first.id() != self.second.id() {
            return Some(ForkKind::SameSequence);
        }
        let breaks = |earlier: &SignedRecord, later: &Record| {
            later.seq == earlier.unverified().seq + 1 && later.prev != Some(earlier.id())
        };
        if breaks(&self.first, b) || breaks(&self.second, a) {
            return Some(ForkKind::BrokenLink);
        }
        None
    }
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn fork_finding(kind: ForkKind, first: &SignedRecord, second: &SignedRecord) -> Finding {
    let (a, b) = (first.unverified(), second.unverified());
    let message = match kind {
        ForkKind::SameSequence => {
            format!(
                "two different records with sequence number {} from one signer",
                a.seq
            )
        }
        ForkKind::BrokenLink => format!(
            "record {} does not link to the signer's record {}: the signer signed two histories",
            b.seq, a.seq
        ),
    };
    Finding::new(FindingCode::ChainFork, message)
        .with("signer", a.signer)
        .with("kind", kind.as_str())
        .with("seq", a.seq)
        .with("first", hex(first.bytes()))
        .with("second", hex(second.bytes()))
}

/// Gaps, reordering, clock regressions and forks in the chains of `records` (given in the
/// order they were received). The records' signatures should already have verified.
pub fn check_chains<'a>(records: impl IntoIterator<Item = &'a SignedRecord>) -> Vec<Finding> {
    let mut by_signer: BTreeMap<PublicKey, Vec<&SignedRecord>> = BTreeMap::new();
    for r in records {
        by_signer.entry(r.unverified().signer).or_default().push(r);
    }
    let mut findings = Vec::new();
    for (signer, received) in by_signer {
        if let Some(w) = received
            .windows(2)
            .find(|w| w[1].unverified().seq < w[0].unverified().seq)
        {
            findings.push(
                Finding::new(
                    FindingCode::ChainOutOfOrder,
                    format!(
                        "record {} arrived after record {}",
                        w[1].unverified().seq,
                        w[0].unverified().seq
                    ),
                )
                .with("signer", signer)
                .with("seq", w[1].unverified().seq)
                .with("after_seq", w[0].unverified().seq),
            );
        }
        let mut chain = received;
        chain.sort_by_key(|r| (r.unverified().seq, r.id()));
        chain.dedup_by_key(|r| r.id());
        for w in chain.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (ra, rb) = (a.unverified(), b.unverified());
            if ra.seq == rb.seq {
                findings.push(fork_finding(ForkKind::SameSequence, a, b));
                continue;
            }
            if rb.seq > ra.seq + 1 {
                findings.push(
                    Finding::new(
                        FindingCode::ChainGap,
                        format!("records {} to {} are missing", ra.seq + 1, rb.seq - 1),
                    )
                    .with("signer", signer)
                    .with("first_missing", ra.seq + 1)
                    .with("last_missing", rb.seq - 1),
                );
            }
            if rb.seq == ra.seq + 1 && rb.prev != Some(a.id()) {
                // With several records at ra.seq (already a fork), one mismatch is expected.
                let forked = chain
                    .iter()
                    .any(|c| c.unverified().seq == ra.seq && Some(c.id()) == rb.prev);
                if !forked {
                    findings.push(fork_finding(ForkKind::BrokenLink, a, b));
                }
            }
            if rb.signed_at < ra.signed_at {
                findings.push(
                    Finding::new(
                        FindingCode::ChainTimeRegression,
                        format!(
                            "record {} is signed at {}, before record {} at {}",
                            rb.seq, rb.signed_at, ra.seq, ra.signed_at
                        ),
                    )
                    .with("signer", signer)
                    .with("seq", rb.seq),
                );
            }
        }
    }
    findings
}
