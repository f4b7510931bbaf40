//! Verification: a verdict and findings with evidence, never an error for readable input.
//!
//! [`verify_record`] checks one record against a [`TrustStore`]: the signature, then whether the
//! signer may sign that kind of record for that party at that time. [`verify_batch`] does that
//! for a set of records and adds what only a set shows: gaps, reordering and forks in each
//! signer's chain ([`crate::chain`]).
//!
//! ```
//! use tracemark::verify::{verify_batch, Verdict};
//! let demo = tracemark::sample::SupplyChain::build()?;
//! let batch = verify_batch(demo.records.clone(), &demo.trust);
//! assert_eq!(batch.verdict(), Verdict::Valid);
//! assert_eq!(batch.verified.len(), demo.records.len());
//! # Ok::<(), tracemark::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::chain;
use crate::keys::Signature;
use crate::record::{Record, RecordId, SignedRecord};
use crate::trust::{Grant, TrustStore};

/// The outcome of a verification.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every check passed.
    Valid,
    /// (Sets of records only.) Every record is valid, but the set has gaps, is out of order,
    /// or a signer's clock runs backwards.
    Incomplete,
    /// The signature is good, but the signer may not sign this (unknown, expired, revoked,
    /// out of scope).
    Untrusted,
    /// Cryptographically wrong: a bad signature, or a proven fork.
    Invalid,
}

impl Verdict {
    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Incomplete => "incomplete",
            Verdict::Untrusted => "untrusted",
            Verdict::Invalid => "invalid",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! finding_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal => $verdict:ident,)+) => {
        /// What a finding is about. The snake_case codes are stable and part of the spec.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum FindingCode {
            $($(#[$doc])* $variant,)+
        }

        impl FindingCode {
            /// Every code.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant),+];

            /// The stable snake_case code.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(FindingCode::$variant => $code,)+
                }
            }

            /// The verdict this finding implies on its own.
            pub fn verdict(&self) -> Verdict {
                match self {
                    $(FindingCode::$variant => Verdict::$verdict,)+
                }
            }

            /// The code with this name.
            pub fn parse(text: &str) -> Option<FindingCode> {
                match text {
                    $($code => Some(FindingCode::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

finding_codes! {
    /// The signature does not verify against the claimed signer.
    SignatureInvalid = "signature_invalid" => Invalid,
    /// The signer is neither an anchor nor certified.
    SignerUnknown = "signer_unknown" => Untrusted,
    /// The record was signed after the signer's certificate ended.
    CertificateExpired = "certificate_expired" => Untrusted,
    /// The record was signed before the signer's certificate began.
    CertificateNotYetValid = "certificate_not_yet_valid" => Untrusted,
    /// The certificate's issuer was not entitled to issue it.
    CertificateIssuerUntrusted = "certificate_issuer_untrusted" => Untrusted,
    /// The key was revoked before the record was signed.
    KeyRevoked = "key_revoked" => Untrusted,
    /// The key was retired by a rotation before the record was signed.
    KeyRetired = "key_retired" => Untrusted,
    /// The record falls in a period when the key was compromised.
    KeyCompromised = "key_compromised" => Untrusted,
    /// The signer may not speak for the record's party.
    OutOfScopeParty = "out_of_scope_party" => Untrusted,
    /// The signer may not sign records of this kind.
    OutOfScopeKind = "out_of_scope_kind" => Untrusted,
    /// Sequence numbers are missing from a signer's chain.
    ChainGap = "chain_gap" => Incomplete,
    /// A signer's records are not in sequence order.
    ChainOutOfOrder = "chain_out_of_order" => Incomplete,
    /// A signer's clock runs backwards along its chain.
    ChainTimeRegression = "chain_time_regression" => Incomplete,
    /// The signer signed two histories: two records with one sequence number, or a record
    /// whose previous-record id is not the record with the sequence number before it.
    ChainFork = "chain_fork" => Invalid,
    /// An `epcis_event` record's event does not read as an EPCIS 2.0 event in normal form.
    /// A store reports it at ingest; verifying a record does not read its event.
    EpcisEventInvalid = "epcis_event_invalid" => Invalid,
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FindingCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        FindingCode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown finding code {text:?}")))
    }
}

/// One thing a verification found, with the evidence for it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// A sentence for people.
    pub message: String,
    /// Named pieces of evidence: record ids, keys, times, hex-encoded signed records.
    pub evidence: BTreeMap<String, String>,
}

impl Finding {
    /// A finding without evidence yet.
    pub fn new(code: FindingCode, message: impl Into<String>) -> Finding {
        Finding {
            code,
            message: message.into(),
            evidence: BTreeMap::new(),
        }
    }

    /// Adds a piece of evidence.
    pub fn with(mut self, name: &str, value: impl fmt::Display) -> Finding {
        self.evidence.insert(name.to_owned(), value.to_string());
        self
    }
}

/// The result of verifying one record.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct VerificationReport {
    /// The record's content id.
    pub id: RecordId,
    /// The outcome.
    pub verdict: Verdict,
    /// Why, when not valid.
    pub findings: Vec<Finding>,
}

/// A record whose signature verified and whose signer was entitled to sign it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedRecord {
    record: Record,
    id: RecordId,
    signature: Signature,
    bytes: Arc<[u8]>,
    grant: Grant,
}

impl VerifiedRecord {
    /// The verified facts.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The content id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// The canonical bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Why the signer was entitled to sign.
    pub fn grant(&self) -> &Grant {
        &self.grant
    }

    /// The record as a signed record again, to hand on (to a chain check across batches, to
    /// another verifier with its own trust).
    pub fn to_signed(&self) -> SignedRecord {
        SignedRecord::from_parts(
            self.record.clone(),
            self.id,
            self.signature,
            self.bytes.clone(),
        )
    }
}

/// A report, and the record: verified if the verdict is valid, handed back otherwise so
/// nothing is lost.
#[derive(Clone, Debug)]
pub struct Verification {
    /// What was found.
    pub report: VerificationReport,
    /// The record, verified or not.
    pub outcome: Result<VerifiedRecord, SignedRecord>,
}

impl Verification {
    /// The verified record, if the verdict is valid.
    pub fn verified(self) -> Option<VerifiedRecord> {
        self.outcome.ok()
    }
}

/// Checks one record against `trust`, without consuming it.
pub fn check_record(
    record: &SignedRecord,
    trust: &TrustStore,
) -> (VerificationReport, Option<Grant>) {
    let id = record.id();
    if !record.signature_is_valid() {
        let finding = Finding::new(
            FindingCode::SignatureInvalid,
            "the signature does not verify against the claimed signer",
        )
        .with("signer", record.claimed_signer())
        .with("record", id);
        return (
            VerificationReport {
                id,
                verdict: Verdict::Invalid,
                findings: vec![finding],
            },
            None,
        );
    }
    let r = record.unverified();
    match trust.authorize(
        &r.signer,
        r.signed_at,
        r.seq,
        r.party.as_ref(),
        r.body.kind(),
    ) {
        Ok(grant) => (
            VerificationReport {
                id,
                verdict: Verdict::Valid,
                findings: Vec::new(),
            },
            Some(grant),
        ),
        Err(findings) => {
            let verdict = worst(&findings);
            (
                VerificationReport {
                    id,
                    verdict,
                    findings,
                },
                None,
            )
        }
    }
}

/// Verifies one record: its signature, and whether its signer may sign it.
pub fn verify_record(record: SignedRecord, trust: &TrustStore) -> Verification {
    let (report, grant) = check_record(&record, trust);
    let outcome = match grant {
        Some(grant) => {
            let (record, id, signature, bytes) = record.into_parts();
            Ok(VerifiedRecord {
                record,
                id,
                signature,
                bytes,
                grant,
            })
        }
        None => Err(record),
    };
    Verification { report, outcome }
}

impl SignedRecord {
    /// Verifies this record against `trust`; see [`verify_record`].
    pub fn verify(self, trust: &TrustStore) -> Verification {
        verify_record(self, trust)
    }
}

fn worst(findings: &[Finding]) -> Verdict {
    findings
        .iter()
        .map(|f| f.code.verdict())
        .max()
        .unwrap_or(Verdict::Valid)
}

/// The result of verifying a set of records.
#[derive(Clone, Debug)]
pub struct BatchVerification {
    /// One report per record, in input order.
    pub reports: Vec<VerificationReport>,
    /// What the set shows about each signer's chain.
    pub chain_findings: Vec<Finding>,
    /// The records that verified, in input order.
    pub verified: Vec<VerifiedRecord>,
    /// The records that did not, in input order.
    pub rejected: Vec<SignedRecord>,
}

impl BatchVerification {
    /// The worst verdict over every record and every chain finding.
    pub fn verdict(&self) -> Verdict {
        let records = self
            .reports
            .iter()
            .map(|r| r.verdict)
            .max()
            .unwrap_or(Verdict::Valid);
        records.max(worst(&self.chain_findings))
    }

    /// How many records got each verdict.
    pub fn counts(&self) -> BTreeMap<Verdict, usize> {
        let mut counts = BTreeMap::new();
        for r in &self.reports {
            *counts.entry(r.verdict).or_insert(0) += 1;
        }
        counts
    }
}

/// Verifies every record, then the chains of the records whose signatures verified (a forged
/// signature must not be able to fake a fork).
pub fn verify_batch(records: Vec<SignedRecord>, trust: &TrustStore) -> BatchVerification {
    let checked: Vec<_> = records.iter().map(|r| check_record(r, trust)).collect();
    let signed_by_signer = records
        .iter()
        .zip(&checked)
        .filter_map(|(record, (report, _))| {
            let forged = report
                .findings
                .iter()
                .any(|f| f.code == FindingCode::SignatureInvalid);
            (!forged).then_some(record)
        });
    let chain_findings = chain::check_chains(signed_by_signer);
    let mut batch = BatchVerification {
        reports: Vec::with_capacity(records.len()),
        chain_findings,
        verified: Vec::new(),
        rejected: Vec::new(),
    };
    for (record, (report, grant)) in records.into_iter().zip(checked) {
        batch.reports.push(report);
        match grant {
            Some(grant) => {
                let (record, id, signature, bytes) = record.into_parts();
                batch.verified.push(VerifiedRecord {
                    record,
                    id,
                    signature,
                    bytes,
                    grant,
                });
            }
            None => batch.rejected.push(record),
        }
    }
    batch
}
