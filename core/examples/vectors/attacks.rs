//! Trust vectors for attacks and edges: revocations by people not entitled to them,
//! revocations reaching back in time, issuers that may not certify, delegation depth.

use serde_json::Value;
use tracemark::chain::ChainSigner;
use tracemark::ids::{CompanyPrefix, Gln};
use tracemark::record::{Body, RecordKind, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::trust::{KeyRevocation, RevocationReason, TrustStore};
use tracemark::{Result, Set};

use super::{NONE, VALID, authority_root, case, event, is_trust, ts, with_trust};

pub fn trust_attacks(cases: &mut Vec<Value>) -> Result<()> {
    revocations(cases)?;
    delegation(cases)?;
    issuer_as_signer(cases)?;
    two_expired_certificates(cases)?;
    // A company key signing for no party.
    let demo = SupplyChain::build()?;
    let certs: Vec<&SignedRecord> = demo.records.iter().filter(|r| is_trust(r)).collect();
    let mut anonymous = ChainSigner::new(sample::key("dairy"), None);
    cases.push(case(
        "party_absent",
        "The dairy's key signs a record that names no party; only an anchor may.",
        (&demo.trust, &certs),
        &[event(&mut anonymous, 0)?],
        "untrusted",
        &[("untrusted", &["out_of_scope_party"])],
        &[],
    )?);
    Ok(())
}

fn revocations(cases: &mut Vec<Value>) -> Result<()> {
    let cat = sample::Catalogue::new()?;
    let t0 = ts("2026-03-01T00:00:00Z")?;
    // A stranger certifies the dairy's key (and the authority's) itself, then revokes them.
    let demo = SupplyChain::build()?;
    let mut stranger = ChainSigner::new(sample::key("stranger"), None);
    let mut extra = Vec::new();
    for victim in [demo.dairy.public_key(), demo.authority.public_key()] {
        let cert = sample::certificate(victim, "Victim", &cat.dairy_prefix, t0)?;
        extra.push(stranger.sign(t0, Body::KeyCertificate(cert))?);
        let revocation = KeyRevocation {
            key: victim,
            reason: RevocationReason::KeyCompromise,
            effective: t0,
            compromised_since: Some(t0),
            last_good_seq: None,
        };
        extra.push(stranger.sign(t0, Body::KeyRevocation(revocation))?);
    }
    let extra: Vec<&SignedRecord> = extra.iter().collect();
    let (trust, certs) = with_trust(&demo, &extra)?;
    cases.push(case(
        "revocation_via_self_made_certificate_ignored",
        "A stranger certifies the dairy's and the authority's keys itself and then revokes them: neither revocation counts.",
        (&trust, &certs),
        &[demo.records[2].clone()],
        "valid",
        &[VALID],
        &[],
    )?);

    // A revocation for cessation cannot reach back before it was signed.
    let mut authority = ChainSigner::resume(sample::key("authority"), None, &demo.records[1]);
    let revocation = KeyRevocation {
        key: demo.shop.public_key(),
        reason: RevocationReason::CessationOfOperation,
        effective: sample::at(0)?.at(),
        compromised_since: None,
        last_good_seq: None,
    };
    let rev = authority.sign(sample::at(20)?.at(), Body::KeyRevocation(revocation))?;
    let (trust, certs) = with_trust(&demo, &[&rev])?;
    cases.push(case(
        "revocation_not_retroactive",
        "Signed at hour 20 with effective time hour 0, a cessation revocation does not reach the shop's receipt at hour 9, but does reach its sale at hour 30.",
        (&trust, &certs),
        &[demo.records[6].clone(), demo.records[7].clone()],
        "untrusted",
        &[VALID, ("untrusted", &["key_revoked"])],
        &[],
    )?);
    cases.push(case(
        "key_revocation_as_a_record",
        "The authority's revocation record itself, verified as a record: the anchor may sign it.",
        (&trust, &certs),
        std::slice::from_ref(&rev),
        "valid",
        &[VALID],
        &[],
    )?);
    Ok(())
}

/// `delegates` keys between the anchor and the issuer of the dairy's certificate, each allowed
/// to certify under prefix 8930; the last may be compromised before it certifies the dairy.
fn delegated_trust(
    delegates: &[&str],
    may_certify: bool,
    compromised: bool,
) -> Result<(TrustStore, Vec<SignedRecord>)> {
    let t0 = ts("2026-03-01T00:00:00Z")?;
    let cat = sample::Catalogue::new()?;
    let (mut trust, mut root) = authority_root();
    let office_gln = Gln::with_check_digit("893000000000")?;
    let mut records = Vec::new();
    let mut issuer: Option<ChainSigner> = None;
    for label in delegates {
        let key = sample::key(label);
        let mut cert =
            sample::certificate(key.public_key(), label, &CompanyPrefix::parse("8930")?, t0)?;
        cert.kinds = Set::new(RecordKind::ALL.to_vec())?;
        cert.may_certify = may_certify;
        let signer = issuer.as_mut().unwrap_or(&mut root);
        records.push(signer.sign(t0, Body::KeyCertificate(cert))?);
        issuer = Some(ChainSigner::new(key, Some(office_gln)));
    }
    let last = issuer.as_mut().unwrap_or(&mut root);
    let dairy_cert = sample::certificate(
        sample::key("dairy").public_key(),
        "Sample Dairy",
        &cat.dairy_prefix,
        t0,
    )?;
    records.push(last.sign(sample::at(-12)?.at(), Body::KeyCertificate(dairy_cert))?);
    if compromised {
        let revocation = KeyRevocation {
            key: last.public_key(),
            reason: RevocationReason::KeyCompromise,
            effective: sample::at(12)?.at(),
            compromised_since: Some(sample::at(-13)?.at()),
            last_good_seq: None,
        };
        records.push(root.sign(sample::at(12)?.at(), Body::KeyRevocation(revocation))?);
    }
    for r in &records {
        trust.add(r)?;
    }
    Ok((trust, records))
}

fn delegation(cases: &mut Vec<Value>) -> Result<()> {
    let cat = sample::Catalogue::new()?;
    let office = ["regional-office"];
    let all = ["delegate-1", "delegate-2", "delegate-3", "delegate-4"];
    struct Setup<'a> {
        name: &'a str,
        description: &'a str,
        delegates: &'a [&'a str],
        may_certify: bool,
        compromised: bool,
        verdict: &'a str,
        codes: &'a [&'a str],
    }
    let untrusted: &[&str] = &["certificate_issuer_untrusted"];
    let setups = [
        Setup {
            name: "issuer_without_may_certify",
            description: "The regional office certified the dairy, but its own certificate does not allow certifying.",
            delegates: &office,
            may_certify: false,
            compromised: false,
            verdict: "untrusted",
            codes: untrusted,
        },
        Setup {
            name: "issuer_compromised_before_issuing",
            description: "The regional office's key was compromised an hour before it certified the dairy.",
            delegates: &office,
            may_certify: true,
            compromised: true,
            verdict: "untrusted",
            codes: untrusted,
        },
        Setup {
            name: "delegation_at_depth_limit",
            description: "Four certificates between the anchor and the dairy (at most 4 are allowed).",
            delegates: &all[..3],
            may_certify: true,
            compromised: false,
            verdict: "valid",
            codes: NONE,
        },
        Setup {
            name: "delegation_too_deep",
            description: "Five certificates between the anchor and the dairy (at most 4 are allowed).",
            delegates: &all,
            may_certify: true,
            compromised: false,
            verdict: "untrusted",
            codes: untrusted,
        },
    ];
    for s in setups {
        let (trust, records) = delegated_trust(s.delegates, s.may_certify, s.compromised)?;
        let refs: Vec<&SignedRecord> = records.iter().collect();
        let mut dairy = ChainSigner::new(sample::key("dairy"), Some(cat.dairy));
        cases.push(case(
            s.name,
            s.description,
            (&trust, &refs),
            &[event(&mut dairy, 0)?],
            s.verdict,
            &[(s.verdict, s.codes)],
            &[],
        )?);
    }
    Ok(())
}

/// An issuer is checked like any signer of its certificate record: its certificate must list
/// `key_certificate`, and cover the party that record names.
fn issuer_as_signer(cases: &mut Vec<Value>) -> Result<()> {
    let t0 = ts("2026-03-01T00:00:00Z")?;
    let cat = sample::Catalogue::new()?;
    let variants: [(&str, &str, bool, &str); 2] = [
        (
            "issuer_not_certified_for_certificates",
            "The regional office may certify, but its certificate does not list the key_certificate kind.",
            false,
            "893000000000",
        ),
        (
            "issuer_signs_for_party_outside_scope",
            "The regional office signs the dairy's certificate for a party outside its own prefix 8930.",
            true,
            "400000000000",
        ),
    ];
    for (name, description, lists_certificates, office_party) in variants {
        let (mut trust, mut root) = authority_root();
        let office = sample::key("regional-office");
        let mut cert = sample::certificate(
            office.public_key(),
            "Regional Office",
            &CompanyPrefix::parse("8930")?,
            t0,
        )?;
        let kinds: Vec<RecordKind> = RecordKind::ALL
            .iter()
            .copied()
            .filter(|k| lists_certificates || *k != RecordKind::KeyCertificate)
            .collect();
        cert.kinds = Set::new(kinds)?;
        cert.may_certify = true;
        let mut records = vec![root.sign(t0, Body::KeyCertificate(cert))?];
        let mut office_chain = ChainSigner::new(office, Some(Gln::with_check_digit(office_party)?));
        let dairy_cert = sample::certificate(
            sample::key("dairy").public_key(),
            "Sample Dairy",
            &cat.dairy_prefix,
            t0,
        )?;
        records.push(office_chain.sign(t0, Body::KeyCertificate(dairy_cert))?);
        for r in &records {
            trust.add(r)?;
        }
        let refs: Vec<&SignedRecord> = records.iter().collect();
        let mut dairy = ChainSigner::new(sample::key("dairy"), Some(cat.dairy));
        cases.push(case(
            name,
            description,
            (&trust, &refs),
            &[event(&mut dairy, 0)?],
            "untrusted",
            &[("untrusted", &["certificate_issuer_untrusted"])],
            &[],
        )?);
    }
    Ok(())
}

/// Every failing certificate gives its own finding.
fn two_expired_certificates(cases: &mut Vec<Value>) -> Result<()> {
    let cat = sample::Catalogue::new()?;
    let (mut trust, mut root) = authority_root();
    let mut records = Vec::new();
    for (from, until) in [
        ("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
        ("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
    ] {
        let mut cert = sample::certificate(
            sample::key("importer").public_key(),
            "Importer",
            &cat.dairy_prefix,
            ts(from)?,
        )?;
        cert.valid_until = ts(until)?;
        records.push(root.sign(ts(from)?, Body::KeyCertificate(cert))?);
    }
    for r in &records {
        trust.add(r)?;
    }
    let refs: Vec<&SignedRecord> = records.iter().collect();
    let mut importer = ChainSigner::new(sample::key("importer"), Some(cat.dairy));
    cases.push(case(
        "two_expired_certificates",
        "The importer holds two certificates, both expired by 2026-03-02: one finding for each.",
        (&trust, &refs),
        &[event(&mut importer, 0)?],
        "untrusted",
        &[("untrusted", &["certificate_expired", "certificate_expired"])],
        &[],
    )?);
    Ok(())
}
