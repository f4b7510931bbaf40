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
//! entitled to sign that certificate record (kind `key_certificate`, for the party the record
//! names) at its time and sequence number, with `may_certify` and a scope containing the one it
//! issued; and, in both cases, no revocation by someone entitled to revoke the key applies to
//! (t, n).

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
    issuer_party: Option<Gln>,
    cert: KeyCertificate,
}

/// A revocation the store holds.
#[derive(Clone, Debug)]
struct RevocationEntry {
    id: RecordId,
    revoker: PublicKey,
    signed_at: Timestamp,
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

    /// The certificates known for `key`, in the order they were added (whether their issuers
    /// were entitled is decided at verification).
    pub fn certificates_for(&self, key: &PublicKey) -> impl Iterator<Item = &KeyCertificate> {
        self.certificates
            .get(key)
            .into_iter()
            .flatten()
            .map(|e| &e.cert)
    }

    /// Adds every key certificate and revocation among `records` whose signature verifies,
    /// and passes over the rest (verification reports on them): how a batch's own trust
    /// records are taken in before the batch is verified. Returns how many were added.
    pub fn add_all<'a>(&mut self, records: impl IntoIterator<Item = &'a SignedRecord>) -> usize {
        records.into_iter().filter(|r| self.add(r).is_ok()).count()
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
                        issuer_party: r.party,
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
                        signed_at: r.signed_at,
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

    /// `certifying`: when checking an issuer, the certificate it issued, whose scope its own
    /// certificate must contain.
    fn authorize_at_depth(
        &self,
        key: &PublicKey,
        req: Request<'_>,
        depth: usize,
        certifying: Option<&KeyCertificate>,
    ) -> std::result::Result<Grant, Vec<Finding>> {
        let revoked = self.revocation_findings(key, req, depth);
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
        let mut findings: Vec<Finding> = Vec::new();
        for entry in certs {
            match self.check_certificate(entry, req, depth, certifying) {
                Ok(()) => {
                    return Ok(Grant::Certificate {
                        certificate: entry.id,
                        issuer: entry.issuer,
                    });
                }
                // Every certificate's reason is kept: each names its own certificate.
                Err(f) => findings.push(f),
            }
        }
        findings.sort_by_key(|f| f.code);
        Err(findings)
    }

    /// Whether the certificate `entry` lets its subject do `req`. The checks are those of any
    /// record (validity, kind, party), plus, for an issuer, the right to certify within scope;
    /// then the certificate's own issuer is checked, for the certificate record, recursively.
    fn check_certificate(
        &self,
        entry: &CertEntry,
        req: Request<'_>,
        depth: usize,
        certifying: Option<&KeyCertificate>,
    ) -> std::result::Result<(), Finding> {
        let cert = &entry.cert;
        let fail = |code, msg: String| {
            Err(Finding::new(code, msg)
                .with("certificate", entry.id)
                .with("signed_at", req.at))
        };
        if req.at < cert.valid_from {
            let msg = format!(
                "signed at {} but certified only from {}",
                req.at, cert.valid_from
            );
            return fail(FindingCode::CertificateNotYetValid, msg);
        }
        if req.at >= cert.valid_until {
            let msg = format!(
                "signed at {} but certified only until {}",
                req.at, cert.valid_until
            );
            return fail(FindingCode::CertificateExpired, msg);
        }
        if !cert.kinds.iter().any(|k| *k == req.kind) {
            let msg = format!("the key is not certified to sign {} records", req.kind);
            return fail(FindingCode::OutOfScopeKind, msg);
        }
        if !req
            .party
            .is_some_and(|p| cert.parties.iter().any(|s| s.covers(p)))
        {
            let msg = match req.party {
                Some(p) => format!("the key is not certified to speak for {p}"),
                None => "the record names no party, and only an anchor may sign for none".into(),
            };
            return fail(FindingCode::OutOfScopeParty, msg);
        }
        if let Some(issued) = certifying {
            if !cert.may_certify {
                let msg = format!("{} may not certify keys", cert.subject);
                return fail(FindingCode::CertificateIssuerUntrusted, msg);
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
                let msg = format!("{} certified beyond its own scope", cert.subject);
                return fail(FindingCode::CertificateIssuerUntrusted, msg);
            }
        }
        match self.issuer_entitled(entry, depth) {
            Ok(()) => Ok(()),
            Err(reasons) => fail(
                FindingCode::CertificateIssuerUntrusted,
                format!(
                    "the issuer {} was not entitled to issue the certificate ({reasons})",
                    entry.issuer
                ),
            ),
        }
    }

    /// Whether the issuer of `entry` was entitled to sign that certificate record, at the
    /// time and sequence number of that record. `Err` names the reasons.
    fn issuer_entitled(&self, entry: &CertEntry, depth: usize) -> std::result::Result<(), String> {
        if depth + 1 > MAX_DELEGATION_DEPTH {
            return Err(format!(
                "more than {MAX_DELEGATION_DEPTH} certificates from an anchor"
            ));
        }
        let req = Request {
            at: entry.issued_at,
            seq: entry.issuer_seq,
            party: entry.issuer_party.as_ref(),
            kind: RecordKind::KeyCertificate,
        };
        self.authorize_at_depth(&entry.issuer, req, depth + 1, Some(&entry.cert))
            .map(|_| ())
            .map_err(|why| {
                why.iter()
                    .map(|f| f.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
    }

    /// Revocations of `key` that apply to a record signed at `req.at` with `req.seq`, counting
    /// only revocations by someone entitled to revoke the key ([`TrustStore::may_revoke`]).
    fn revocation_findings(&self, key: &PublicKey, req: Request<'_>, depth: usize) -> Vec<Finding> {
        let Some(entries) = self.revocations.get(key) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for entry in entries
            .iter()
            .filter(|e| self.may_revoke(&e.revoker, key, depth))
        {
            let rev = &entry.revocation;
            let code = match rev.reason {
                RevocationReason::KeyCompromise => FindingCode::KeyCompromised,
                RevocationReason::Superseded => FindingCode::KeyRetired,
                _ => FindingCode::KeyRevoked,
            };
            // Only a compromise reaches back in time: any other revocation takes effect no
            // earlier than it was signed, so records made in good faith stay valid.
            let from = match rev.reason {
                RevocationReason::KeyCompromise => rev.effective,
                _ => rev.effective.max(entry.signed_at),
            };
            let why = if req.at >= from {
                Some(format!(
                    "signed at {}, the key was revoked from {from}",
                    req.at
                ))
            } else if rev.compromised_since.is_some_and(|t| req.at >= t) {
                Some(format!(
                    "signed at {}, after the key was compromised",
                    req.at
                ))
            } else {
                rev.last_good_seq.filter(|n| req.seq > *n).map(|n| {
                    format!(
                        "sequence number {} is after the last good one, {n}",
                        req.seq
                    )
                })
            };
            if let Some(why) = why {
                findings.push(
                    Finding::new(code, why)
                        .with("revocation", entry.id)
                        .with("reason", rev.reason.as_str())
                        .with("effective", from),
                );
            }
        }
        findings
    }

    /// Who may revoke a key: the key itself (a holder can always give its key up), an anchor,
    /// or the issuer of a certificate of the key that was itself entitled to issue it. A
    /// certificate signed by just anyone gives no right to revoke.
    fn may_revoke(&self, revoker: &PublicKey, key: &PublicKey, depth: usize) -> bool {
        revoker == key
            || self.anchors.contains_key(revoker)
            || self.certificates.get(key).is_some_and(|certs| {
                certs
                    .iter()
                    .any(|c| c.issuer == *revoker && self.issuer_entitled(c, depth).is_ok())
            })
    }
}
