//! Trust vectors: rotation, revocation, compromise, validity, scope, delegation.

use serde_json::Value;
use tracemark::chain::ChainSigner;
use tracemark::ids::{CompanyPrefix, Gln};
use tracemark::record::{Body, RecordKind, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::trust::{KeyRevocation, PartyScope, RevocationReason, TrustStore};
use tracemark::{Result, Set};

use super::attacks::trust_attacks;
use super::{authority_root, case, event, file, is_trust, ts, with_trust};

pub fn trust() -> Result<Value> {
    let mut cases = Vec::new();
    let cat = sample::Catalogue::new()?;
    let t0 = ts("2026-03-01T00:00:00Z")?;

    // Rotation: the dairy's key is replaced by dairy-2 from hour 24; the old key's records from
    // before stay valid, records after are refused.
    {
        let mut demo = SupplyChain::build()?;
        let new_key = sample::key("dairy-2");
        let mut cert =
            sample::certificate(new_key.public_key(), "Sample Dairy", &cat.dairy_prefix, t0)?;
        cert.replaces = Some(demo.dairy.public_key());
        let cert = demo
            .authority_chain
            .sign(sample::at(23)?.at(), Body::KeyCertificate(cert))?;
        demo.trust.add(&cert)?;
        let retire = demo.revoke(
            &demo.dairy.public_key(),
            RevocationReason::Superseded,
            sample::at(24)?.at(),
            None,
        )?;
        let before = demo.records[2].clone();
        let after = event(&mut demo.dairy, 30)?;
        let mut new_chain = ChainSigner::new(new_key, Some(cat.dairy));
        let new_record = event(&mut new_chain, 31)?;
        let certs: Vec<&SignedRecord> = demo
            .records
            .iter()
            .filter(|r| is_trust(r))
            .chain([&cert, &retire])
            .collect();
        cases.push(case(
            "rotation_before_retirement",
            "The dairy rotated its key at hour 24: a record signed with the old key before then stays valid.",
            (&demo.trust, &certs),
            &[before],
            "valid",
            &[("valid", &[])],
            &[],
        )?);
        cases.push(case(
            "rotation_after_retirement",
            "A record signed with the retired key after the rotation is refused.",
            (&demo.trust, &certs),
            &[after],
            "untrusted",
            &[("untrusted", &["key_retired"])],
            &[],
        )?);
        cases.push(case(
            "rotation_new_key",
            "A record signed with the new key is valid.",
            (&demo.trust, &certs),
            &[new_record],
            "valid",
            &[("valid", &[])],
            &[],
        )?);
    }
    // Revocation for compromise: records from the compromise time on are untrusted, even
    // though the revocation takes effect later; and sequence numbers past the last good one.
    {
        let mut demo = SupplyChain::build()?;
        let early = demo.records[2].clone(); // hour 0
        let late = demo.records[3].clone(); // hour 2
        let rev = demo.revoke(
            &demo.dairy.public_key(),
            RevocationReason::KeyCompromise,
            sample::at(40)?.at(),
            Some(sample::at(1)?.at()),
        )?;
        let certs: Vec<&SignedRecord> = demo
            .records
            .iter()
            .filter(|r| is_trust(r))
            .chain([&rev])
            .collect();
        cases.push(case(
            "compromise_before",
            "The dairy's key was compromised from hour 1: its record from hour 0 stays valid.",
            (&demo.trust, &certs),
            &[early],
            "valid",
            &[("valid", &[])],
            &[],
        )?);
        cases.push(case(
            "compromise_after",
            "A record from hour 2, after the compromise time but before the revocation took effect, is untrusted.",
            (&demo.trust, &certs),
            &[late],
            "untrusted",
            &[("untrusted", &["key_compromised"])],
            &[],
        )?);
    }
    {
        let mut demo = SupplyChain::build()?;
        let revocation = KeyRevocation {
            key: demo.dairy.public_key(),
            reason: RevocationReason::KeyCompromise,
            effective: sample::at(40)?.at(),
            compromised_since: Some(sample::at(39)?.at()),
            last_good_seq: Some(0),
        };
        let rev = demo
            .authority_chain
            .sign(sample::at(40)?.at(), Body::KeyRevocation(revocation))?;
        demo.trust.add(&rev)?;
        let backdated = demo.records[3].clone(); // seq 1, claims hour 2
        let certs: Vec<&SignedRecord> = demo
            .records
            .iter()
            .filter(|r| is_trust(r))
            .chain([&rev])
            .collect();
        cases.push(case(
            "compromise_past_last_good_sequence",
            "The revocation names sequence 0 as the last good record: sequence 1 is refused although it claims a time before the compromise.",
            (&demo.trust, &certs),
            &[backdated],
            "untrusted",
            &[("untrusted", &["key_compromised"])],
            &[],
        )?);
    }
    // Plain revocation, self-signed by the key holder.
    {
        let demo = SupplyChain::build()?;
        let revocation = KeyRevocation {
            key: demo.shop.public_key(),
            reason: RevocationReason::CessationOfOperation,
            effective: sample::at(20)?.at(),
            compromised_since: None,
            last_good_seq: None,
        };
        let mut shop = ChainSigner::resume(sample::key("shop"), Some(cat.shop), &demo.records[6]);
        let rev = shop.sign(sample::at(20)?.at(), Body::KeyRevocation(revocation))?;
        let (trust, certs) = with_trust(&demo, &[&rev])?;
        let sale = demo.records[7].clone(); // hour 30
        cases.push(case(
            "revoked_by_holder",
            "The shop revoked its own key from hour 20; its sale at hour 30 is refused.",
            (&trust, &certs),
            &[sale],
            "untrusted",
            &[("untrusted", &["key_revoked"])],
            &[],
        )?);
    }
    // A revocation by a stranger does not count.
    {
        let demo = SupplyChain::build()?;
        let revocation = KeyRevocation {
            key: demo.dairy.public_key(),
            reason: RevocationReason::Unspecified,
            effective: t0,
            compromised_since: None,
            last_good_seq: None,
        };
        let mut stranger = ChainSigner::new(sample::key("stranger"), None);
        let rev = stranger.sign(t0, Body::KeyRevocation(revocation))?;
        let (trust, certs) = with_trust(&demo, &[&rev])?;
        cases.push(case(
            "revocation_by_stranger_ignored",
            "A revocation of the dairy's key signed by an unrelated key has no effect.",
            (&trust, &certs),
            &[demo.records[2].clone()],
            "valid",
            &[("valid", &[])],
            &[],
        )?);
    }
    // Certificate validity windows.
    for (name, from, until, code) in [
        (
            "certificate_expired",
            "2025-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
            "certificate_expired",
        ),
        (
            "certificate_not_yet_valid",
            "2026-06-01T00:00:00Z",
            "2027-06-01T00:00:00Z",
            "certificate_not_yet_valid",
        ),
    ] {
        let (trust, certs, record) = single_cert_setup(|c| {
            c.valid_from = ts(from)?;
            c.valid_until = ts(until)?;
            Ok(())
        })?;
        let refs: Vec<&SignedRecord> = certs.iter().collect();
        cases.push(case(
            name,
            &format!("The importer's certificate is valid from {from} until {until}; the record is signed on 2026-03-02."),
            (&trust, &refs),
            &[record],
            "untrusted",
            &[("untrusted", &[code])],
            &[],
        )?);
    }
    // Scope: party and kind.
    {
        let (trust, certs, record) = single_cert_setup(|c| {
            c.parties = Set::new(vec![PartyScope::Gln(Gln::with_check_digit(
                "893000009000",
            )?)])?;
            Ok(())
        })?;
        let refs: Vec<&SignedRecord> = certs.iter().collect();
        cases.push(case(
            "out_of_scope_party",
            "The importer is certified for one GLN but signs for the dairy's GLN.",
            (&trust, &refs),
            &[record],
            "untrusted",
            &[("untrusted", &["out_of_scope_party"])],
            &[],
        )?);
        let (trust, certs, record) = single_cert_setup(|c| {
            c.kinds = Set::new(vec![RecordKind::Shipping, RecordKind::Receiving])?;
            Ok(())
        })?;
        let refs: Vec<&SignedRecord> = certs.iter().collect();
        cases.push(case(
            "out_of_scope_kind",
            "The importer is certified for shipping and receiving only, and signs a commission.",
            (&trust, &refs),
            &[record],
            "untrusted",
            &[("untrusted", &["out_of_scope_kind"])],
            &[],
        )?);
    }
    // Delegation: the authority lets a regional office certify within the 893 prefix.
    {
        let (mut trust, mut root) = authority_root();
        let office = sample::key("regional-office");
        let mut office_cert = sample::certificate(
            office.public_key(),
            "Regional Office",
            &CompanyPrefix::parse("8930")?,
            t0,
        )?;
        office_cert.kinds = Set::new(RecordKind::ALL.to_vec())?;
        office_cert.may_certify = true;
        let office_cert = root.sign(t0, Body::KeyCertificate(office_cert))?;
        let mut office_chain =
            ChainSigner::new(office, Some(Gln::with_check_digit("893000000000")?));
        let dairy_cert = sample::certificate(
            sample::key("dairy").public_key(),
            "Sample Dairy",
            &cat.dairy_prefix,
            t0,
        )?;
        let dairy_cert = office_chain.sign(t0, Body::KeyCertificate(dairy_cert))?;
        let outside = sample::certificate(
            sample::key("importer").public_key(),
            "Importer",
            &CompanyPrefix::parse("400000")?,
            t0,
        )?;
        let outside = office_chain.sign(t0, Body::KeyCertificate(outside))?;
        for r in [&office_cert, &dairy_cert, &outside] {
            trust.add(r)?;
        }
        let refs = [&office_cert, &dairy_cert, &outside];
        let mut dairy = ChainSigner::new(sample::key("dairy"), Some(cat.dairy));
        cases.push(case(
            "delegated_certificate",
            "The dairy is certified by a regional office that the authority allowed to certify under prefix 8930.",
            (&trust, &refs),
            &[event(&mut dairy, 0)?],
            "valid",
            &[("valid", &[])],
            &[],
        )?);
        let mut importer = ChainSigner::new(
            sample::key("importer"),
            Some(Gln::with_check_digit("400000000000")?),
        );
        cases.push(case(
            "delegated_beyond_scope",
            "The regional office certified a key for prefix 400000, outside its own prefix 8930.",
            (&trust, &refs),
            &[event(&mut importer, 0)?],
            "untrusted",
            &[("untrusted", &["certificate_issuer_untrusted"])],
            &[],
        )?);
    }
    trust_attacks(&mut cases)?;
    Ok(file(
        "Trust: rotation, revocation, compromise, validity windows, scope and delegation. Each case carries its own anchors and certificate records.",
        cases,
    ))
}

/// The authority certifies the importer's key with a certificate changed by `adjust`; the
/// importer signs one commission for the dairy's GLN on 2026-03-02.
fn single_cert_setup(
    adjust: impl Fn(&mut tracemark::trust::KeyCertificate) -> Result<()>,
) -> Result<(TrustStore, Vec<SignedRecord>, SignedRecord)> {
    let cat = sample::Catalogue::new()?;
    let (mut trust, mut root) = authority_root();
    let t0 = ts("2026-03-01T00:00:00Z")?;
    let mut cert = sample::certificate(
        sample::key("importer").public_key(),
        "Importer",
        &cat.dairy_prefix,
        t0,
    )?;
    adjust(&mut cert)?;
    let cert = root.sign(t0, Body::KeyCertificate(cert))?;
    trust.add(&cert)?;
    let mut importer = ChainSigner::new(sample::key("importer"), Some(cat.dairy));
    let record = event(&mut importer, 0)?;
    Ok((trust, vec![cert], record))
}
