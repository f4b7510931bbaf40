//! Key certificates and key revocations: the two record kinds that make up trust.

use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, Set, Text};
use crate::ids::{CompanyPrefix, Gln};
use crate::keys::PublicKey;
use crate::record::RecordKind;
use crate::time::Timestamp;

/// A party a key may speak for: one GLN, or every GLN under a GS1 company prefix.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
#[serde(rename_all = "snake_case")]
pub enum PartyScope {
    /// Exactly this party.
    Gln(Gln),
    /// Any party whose GLN starts with this prefix.
    CompanyPrefix(CompanyPrefix),
}

impl PartyScope {
    /// Whether `gln` falls within this scope.
    pub fn covers(&self, gln: &Gln) -> bool {
        match self {
            PartyScope::Gln(g) => g == gln,
            PartyScope::CompanyPrefix(p) => p.covers_gln(gln),
        }
    }

    /// Whether everything `other` covers is covered by this scope too.
    pub fn contains(&self, other: &PartyScope) -> bool {
        match (self, other) {
            (_, PartyScope::Gln(g)) => self.covers(g),
            (PartyScope::CompanyPrefix(a), PartyScope::CompanyPrefix(b)) => {
                b.as_str().starts_with(a.as_str())
            }
            (PartyScope::Gln(_), PartyScope::CompanyPrefix(_)) => false,
        }
    }
}

/// A statement by an issuer (a trust anchor, or a key the anchor let certify) that `subject`
/// may sign records of `kinds` for `parties` from `valid_from` until `valid_until`.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct KeyCertificate {
    /// The key being certified.
    pub subject: PublicKey,
    /// Who holds it, in words (a company name).
    pub subject_name: Text,
    /// The parties it may speak for. Never empty.
    pub parties: Set<PartyScope>,
    /// The record kinds it may sign. Never empty.
    pub kinds: Set<RecordKind>,
    /// First instant of validity, inclusive.
    pub valid_from: Timestamp,
    /// End of validity, exclusive.
    pub valid_until: Timestamp,
    /// Whether the subject may itself certify keys, within this certificate's scope.
    pub may_certify: bool,
    /// The key this one replaces, when it comes from a rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<PublicKey>,
}

impl KeyCertificate {
    /// The certificate for the key that replaces this one's subject in a rotation: the same
    /// holder, parties, kinds, end of validity and right to certify, valid from `from`, and
    /// naming the old key in `replaces`. The issuer signs it together with a `superseded`
    /// revocation of the old key effective at the same instant.
    pub fn rotated_to(&self, new_key: PublicKey, from: Timestamp) -> KeyCertificate {
        KeyCertificate {
            subject: new_key,
            valid_from: from,
            replaces: Some(self.subject),
            ..self.clone()
        }
    }
}

/// Why a key stops being trusted.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevocationReason {
    /// No reason given.
    Unspecified,
    /// The secret key leaked: records from `compromised_since` on are not trusted either.
    KeyCompromise,
    /// Replaced by a new key (rotation): what it signed before `effective` stays valid.
    Superseded,
    /// The holder stopped operating.
    CessationOfOperation,
    /// The holder no longer speaks for the parties it was certified for.
    AffiliationChanged,
}

impl RevocationReason {
    /// Every reason.
    pub const ALL: &'static [RevocationReason] = &[
        RevocationReason::Unspecified,
        RevocationReason::KeyCompromise,
        RevocationReason::Superseded,
        RevocationReason::CessationOfOperation,
        RevocationReason::AffiliationChanged,
    ];

    /// The reason with this snake_case name.
    pub fn parse(text: &str) -> crate::Result<RevocationReason> {
        RevocationReason::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == text)
            .ok_or_else(|| {
                crate::Error::InvalidTerm(format!("{text:?} is not a revocation reason"))
            })
    }

    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RevocationReason::Unspecified => "unspecified",
            RevocationReason::KeyCompromise => "key_compromise",
            RevocationReason::Superseded => "superseded",
            RevocationReason::CessationOfOperation => "cessation_of_operation",
            RevocationReason::AffiliationChanged => "affiliation_changed",
        }
    }
}

/// A signed statement that `key` is not to be trusted for records signed at or after
/// `effective` (and, for a compromise, from `compromised_since`), nor with a sequence number
/// above `last_good_seq`, whatever time such a record claims.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct KeyRevocation {
    /// The key revoked.
    pub key: PublicKey,
    /// Why.
    pub reason: RevocationReason,
    /// From when the key is no longer trusted.
    pub effective: Timestamp,
    /// For a compromise: since when the key may have been in other hands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised_since: Option<Timestamp>,
    /// The key's last record known to be genuine; later sequence numbers are refused even if
    /// they claim an earlier time (a thief can backdate, but cannot rewind the chain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_good_seq: Option<u64>,
}
