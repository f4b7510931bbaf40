//! Who may sign what: trust anchors, key certificates, rotation and revocation.
//!
//! A [`TrustStore`] holds the anchors a verifier chose to trust (an authority's or a brand's
//! root keys) and the certificate and revocation records it was given. Whether a key may sign a
//! record is decided when a record is verified, for the time the record was signed, so records
//! can be added in any order: a certificate may arrive before the certificate of its issuer.
//!
//! The rule, applied recursively up to [`MAX_DELEGATION_DEPTH`] issuers: a key may sign a record
//! of kind K for party P at time t with sequence number n if it is an anchor, or if some
//! certificate of it covers P and K, is valid at t, and was issued by a key that was itself
//! allowed to certify (an anchor, or a key whose certificate says `may_certify`, within that
//! certificate's scope) when it signed the certificate; and, in both cases, no revocation of
//! the key applies to (t, n).

mod certificate;

use std::collections::BTreeMap;

pub use certificate::{KeyCertificate, KeyRevocation, PartyScope, RevocationReason};

use crate::error::{Error, Result};
use crate::ids::Gln;
use crate::keys::PublicKey;
use crate::record::{Body, RecordId, RecordKind, SignedRecord};
use crate::time::Timestamp;
use crate::verify::{Finding, FindingCode};

/// How many certificates may stand between an anchor and a signing key.
pub const MAX_DELEGATION_DEPTH: usize = 4;

/// A certificate the store holds, with the facts of the record that carried it.
#[derive(Clone, Debug)]
struct CertEntry {
    id: RecordId,
    issuer: PublicKey,
    issued_at: Timestamp,
    issuer_seq: u64,
    cert: KeyCertificate,
}

/// A revocation the store holds.
#[derive(Clone, Debug)]
struct RevocationEntry {
    id: RecordId,
    revoker: PublicKey,
    revocation: KeyRevocation,
}

/// Why a key may sign: it is an anchor, or a certificate says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grant {
    /// The key is a trust anchor.
    Anchor {
        /// The anchor's name in this store.
        name: String,
    },
    /// A certificate covers the record.
    Certificate {
        /// The certificate record.
        certificate: RecordId,
        /// Who issued it.
        issuer: PublicKey,
    },
}

/// The anchors a verifier trusts, and the certificates and revocations it knows.
#[derive(Clone, Debug, Default)]
pub struct TrustStore {
    anchors: BTreeMap<PublicKey, String>,
    certificates: BTreeMap<PublicKey, Vec<CertEntry>>,
    revocations: BTreeMap<PublicKey, Vec<RevocationEntry>>,
}

/// What a key is being asked to do.
#[derive(Clone, Copy)]
struct Request<'a> {
    at: Timestamp,
    seq: u64,
    party: Option<&'a Gln>,
    kind: RecordKind,
}

impl TrustStore {
    /// An empty store: it trusts nobody.
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    /// Trusts `key` as a root, under a name shown in reports.
    pub fn add_anchor(&mut self, key: PublicKey, name: &str) {
        self.anchors.insert(key, name.to_owned());
    }

    /// The anchors, by key.
    pub fn anchors(&self) -> impl Iterator<Item = (&PublicKey, &str)> {
        self.anchors.iter().map(|(k, n)| (k, n.as_str()))
    }

    /// Adds a key certificate or key revocation. Its signature must verify; whether its signer
    /// was entitled to issue it is decided when records are verified.
    pub fn add(&mut self, record: &SignedRecord) -> Result<()> {
        let body = &record.unverified().body;
        if !matches!(body, Body::KeyCertificate(_) | Body::KeyRevocation(_)) {
            return Err(Error::WrongKind(format!(
                "a trust store takes key certificates and revocations, not {}",
                record.kind()
            )));
        }
        if !record.signature_is_valid() {
            return Err(Error::SignatureInvalid(format!(
                "{} does not verify",
                record.id()
            )));
        }
        let r = record.unverified();
        match body {
            Body::KeyCertificate(cert) => {
                let entries = self.certificates.entry(cert.subject).or_default();
                if !entries.iter().any(|e| e.id == record.id()) {
                    entries.push(CertEntry {
                        id: record.id(),
                        issuer: r.signer,
                        issued_at: r.signed_at,
                        issuer_seq: r.seq,
                        cert: cert.clone(),
                    });
                }
            }
            Body::KeyRevocation(rev) => {
                let entries = self.revocations.entry(rev.key).or_default();
                if !entries.iter().any(|e| e.id == record.id()) {
                    entries.push(RevocationEntry {
                        id: record.id(),
                        revoker: r.signer,
                        revocation: rev.clone(),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Decides whether `signer` may sign a record of `kind` for `party` at `at` with sequence
    /// number `seq`. `Err` holds the findings that say why not.
    pub fn authorize(
        &self,
        signer: &PublicKey,
        at: Timestamp,
        seq: u64,
        party: Option<&Gln>,
        kind: RecordKind,
    ) -> std::result::Result<Grant, Vec<Finding>> {
        self.authorize_at_depth(
            signer,
            Request {
                at,
                seq,
                party,
                kind,
            },
            0,
            None,
        )
    }

    /// `certifying`: when checking an issuer, the scope of the certificate it issued, which its
    /// own certificate must contain.
    fn authorize_at_depth(
        &self,
        key: &PublicKey,
        req: Request<'_>,
        depth: usize,
        certifying: Option<&KeyCertificate>,
    ) -> std::result::Result<Grant, Vec<Finding>> {
        let revoked = self.revocation_findings(key, req);
        if !revoked.is_empty() {
            return Err(revoked);
        }
        if let Some(name) = self.anchors.get(key) {
            return Ok(Grant::Anchor { name: name.clone() });
        }
        let Some(certs) = self.certificates.get(key) else {
            return Err(vec![
                Finding::new(
                    FindingCode::SignerUnknown,
                    format!("{key} is neither a trust anchor nor certified by one"),
                )
                .with("signer", key),
            ]);
        };
        let mut findings = Vec::new();
        for entry in certs {
            match self.check_certificate(entry, req, depth, certifying) {
                Ok(()) => {
                    return Ok(Grant::Certificate {
                        certificate: entry.id,
                        issuer: entry.issuer,
                    });
                }
                Err(f) => findings.extend(f),
            }
        }
        findings.sort_by_key(|f| f.code);
        findings.dedup_by(|a, b| a.code == b.code);
        Err(findings)
    }

    fn check_certificate(
        &self,
        entry: &CertEntry,
        req: Request<'_>,
        depth: usize,
        certifying: Option<&KeyCertificate>,
    ) -> std::result::Result<(), Vec<Finding>> {
        let cert = &entry.cert;
        let fail = |code, msg: String| {
            Err(vec![
                Finding::new(code, msg)
                    .with("certificate", entry.id)
                    .with("signed_at", req.at),
            ])
        };
        if req.at < cert.valid_from {
            return fail(
                FindingCode::CertificateNotYetValid,
                format!(
                    "signed at {} but certified only from {}",
                    req.at, cert.valid_from
                ),
            );
        }
        if req.at >= cert.valid_until {
            return fail(
                FindingCode::CertificateExpired,
                format!(
                    "signed at {} but certified only until {}",
                    req.at, cert.valid_until
                ),
            );
        }
        match certifying {
            Some(issued) => {
                if !cert.may_certify {
                    return fail(
                        FindingCode::CertificateIssuerUntrusted,
                        format!("{} may not certify keys", cert.subject),
                    );
                }
                let parties_ok = issued
                    .parties
                    .iter()
                    .all(|p| cert.parties.iter().any(|q| q.contains(p)));
                let kinds_ok = issued
                    .kinds
                    .iter()
                    .all(|k| cert.kinds.iter().any(|q| q == k));
                if !parties_ok || !kinds_ok {
                    return fail(
                        FindingCode::CertificateIssuerUntrusted,
                        format!("{} certified beyond its own scope", cert.subject),
                    );
                }
            }
            None => {
                if !cert.kinds.iter().any(|k| *k == req.kind) {
                    return fail(
                        FindingCode::OutOfScopeKind,
                        format!("the key is not certified to sign {} records", req.kind),
                    );
                }
                let covered = req
                    .party
                    .is_some_and(|p| cert.parties.iter().any(|s| s.covers(p)));
                if !covered {
                    let msg = match req.party {
                        Some(p) => format!("the key is not certified to speak for {p}"),
                        None => {
                            "the record names no party, and only an anchor may sign for none".into()
                        }
                    };
                    return fail(FindingCode::OutOfScopeParty, msg);
                }
            }
        }
        if depth + 1 > MAX_DELEGATION_DEPTH {
            return fail(
                FindingCode::CertificateIssuerUntrusted,
                format!("more than {MAX_DELEGATION_DEPTH} certificates from an anchor"),
            );
        }
        let issuer_req = Request {
            at: entry.issued_at,
            seq: entry.issuer_seq,
            party: None,
            kind: RecordKind::KeyCertificate,
        };
        match self.authorize_at_depth(&entry.issuer, issuer_req, depth + 1, Some(cert)) {
            Ok(_) => Ok(()),
            Err(why) => {
                let reasons: Vec<&str> = why.iter().map(|f| f.code.as_str()).collect();
                fail(
                    FindingCode::CertificateIssuerUntrusted,
                    format!(
                        "the issuer {} of the certificate was not trusted to issue it ({})",
                        entry.issuer,
                        reasons.join(", ")
                    ),
                )
            }
        }
    }

    /// Revocations of `key` that apply to a record signed at `req.at` with `req.seq`. A
    /// revocation counts if the key itself, an anchor, or an issuer of one of the key's
    /// certificates signed it.
    fn revocation_findings(&self, key: &PublicKey, req: Request<'_>) -> Vec<Finding> {
        let Some(entries) = self.revocations.get(key) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for entry in entries.iter().filter(|e| self.may_revoke(&e.revoker, key)) {
            let rev = &entry.revocation;
            let code = match rev.reason {
                RevocationReason::KeyCompromise => FindingCode::KeyCompromised,
                RevocationReason::Superseded => FindingCode::KeyRetired,
                _ => FindingCode::KeyRevoked,
            };
            let why = if req.at >= rev.effective {
                Some(format!(
                    "signed at {}, the key was revoked from {}",
                    req.at, rev.effective
                ))
            } else if rev.compromised_since.is_some_and(|t| req.at >= t) {
                Some(format!(
                    "signed at {}, after the key was compromised",
                    req.at
                ))
            } else if rev.last_good_seq.is_some_and(|n| req.seq > n) {
                Some(format!(
                    "sequence number {} is after the last good one, {}",
                    req.seq,
                    rev.last_good_seq.unwrap_or_default()
                ))
            } else {
                None
            };
            if let Some(why) = why {
                findings.push(
                    Finding::new(code, why)
                        .with("revocation", entry.id)
                        .with("reason", rev.reason.as_str())
                        .with("effective", rev.effective),
                );
            }
        }
        findings
    }

    fn may_revoke(&self, revoker: &PublicKey, key: &PublicKey) -> bool {
        revoker == key
            || self.anchors.contains_key(revoker)
            || self
                .certificates
                .get(key)
                .is_some_and(|certs| certs.iter().any(|c| c.issuer == *revoker))
    }
}
