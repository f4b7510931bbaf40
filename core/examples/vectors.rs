//! Writes the spec's test vectors, `spec/vectors/*.json`, from fixed keys.
//!
//! ```text
//! cargo run -p tracemark --example vectors -- spec/vectors
//! ```
//!
//! Every case pins its expected outcome, down to the exact finding or error codes. CI runs
//! this into a scratch folder and fails on any difference from the committed files, so the
//! bytes cannot drift without someone noticing. The file format is described in
//! `spec/SPEC.md`, section "Test vectors".

use std::path::PathBuf;

use serde_json::{Value, json};
use tracemark::chain::ChainSigner;
use tracemark::ids::{CompanyPrefix, Gln};
use tracemark::keys::PublicKey;
use tracemark::record::{Body, Record, RecordKind, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::time::Timestamp;
use tracemark::trust::{KeyRevocation, PartyScope, RevocationReason, TrustStore};
use tracemark::verify::verify_batch;
use tracemark::{Error, Result, Set};

fn main() {
    if let Err(e) = run() {
        eprintln!("error[{}]: {e}", e.code());
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "spec/vectors".into()),
    );
    std::fs::create_dir_all(&dir).map_err(io)?;
    let files = [
        ("keys.json", keys()?),
        ("records.json", records()?),
        ("trust.json", trust()?),
        ("chains.json", chains()?),
        ("malformed.json", malformed()?),
    ];
    for (name, cases) in files {
        let text =
            serde_json::to_string_pretty(&cases).map_err(|e| Error::InvalidJson(e.to_string()))?;
        std::fs::write(dir.join(name), text + "\n").map_err(io)?;
    }
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::InvalidValue(format!("writing vectors: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

fn ts(text: &str) -> Result<Timestamp> {
    text.parse()
}

const LABELS: [&str; 7] = [
    "authority",
    "dairy",
    "shop",
    "dairy-2",
    "regional-office",
    "stranger",
    "importer",
];

fn keys() -> Result<Value> {
    let keys: Vec<Value> = LABELS
        .iter()
        .map(|label| {
            let key = sample::key(label);
            json!({
                "label": label,
                "seed_derivation": format!("BLAKE3 derive_key(\"tracemark sample key v1\", {label:?})"),
                "secret": key.to_secret_text().as_str(),
                "public": key.public_key().to_string(),
            })
        })
        .collect();
    Ok(file(
        "Fixed keys of the sample supply chain. Never use them for anything real.",
        keys,
    ))
}

fn file(description: &str, cases: Vec<Value>) -> Value {
    json!({ "format": "tracemark-vectors", "version": 1, "description": description, "cases": cases })
}

/// The trust setup of a case: anchors and the certificate/revocation records.
fn trust_json(trust: &TrustStore, records: &[&SignedRecord]) -> Value {
    let anchors: Vec<Value> = trust
        .anchors()
        .map(|(k, n)| json!({ "key": k.to_string(), "name": n }))
        .collect();
    let records: Vec<String> = records.iter().map(|r| hex(r.bytes())).collect();
    json!({ "anchors": anchors, "records": records })
}

/// A case whose outcome is computed by the library and then checked against what the
/// generator expects, so a vector can never pin a wrong outcome by accident.
fn case(
    name: &str,
    description: &str,
    trust: (&TrustStore, &[&SignedRecord]),
    records: &[SignedRecord],
    expect_verdict: &str,
    expect_records: &[(&str, &[&str])],
    expect_chain: &[&str],
) -> Result<Value> {
    let batch = verify_batch(records.to_vec(), trust.0);
    let got_records: Vec<(String, Vec<String>)> = batch
        .reports
        .iter()
        .map(|r| {
            (
                r.verdict.to_string(),
                r.findings.iter().map(|f| f.code.to_string()).collect(),
            )
        })
        .collect();
    let want_records: Vec<(String, Vec<String>)> = expect_records
        .iter()
        .map(|(v, f)| (v.to_string(), f.iter().map(|s| s.to_string()).collect()))
        .collect();
    let got_chain: Vec<String> = batch
        .chain_findings
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    let want_chain: Vec<String> = expect_chain.iter().map(|s| s.to_string()).collect();
    if got_records != want_records
        || got_chain != want_chain
        || batch.verdict().as_str() != expect_verdict
    {
        return Err(Error::InvalidValue(format!(
            "vector {name}: expected {expect_verdict} {want_records:?} {want_chain:?}, got {} {got_records:?} {got_chain:?}",
            batch.verdict()
        )));
    }
    let reports: Vec<Value> = records
        .iter()
        .zip(&batch.reports)
        .map(|(r, rep)| {
            json!({
                "id": r.id().to_string(),
                "verdict": rep.verdict,
                "findings": rep.findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "name": name,
        "description": description,
        "trust": trust_json(trust.0, trust.1),
        "records": records.iter().map(|r| hex(r.bytes())).collect::<Vec<_>>(),
        "views": records.iter().map(|r| serde_json::to_value(r.unverified()).unwrap_or(Value::Null)).collect::<Vec<_>>(),
        "expect": { "verdict": expect_verdict, "records": reports, "chain_findings": want_chain },
    }))
}

const NONE: &[&str] = &[];
const VALID: (&str, &[&str]) = ("valid", NONE);

fn records() -> Result<Value> {
    let demo = SupplyChain::build()?;
    let certs: Vec<&SignedRecord> = demo.records.iter().filter(|r| is_trust(r)).collect();
    let mut cases = Vec::new();
    for r in &demo.records {
        let kind = r.kind();
        let seq = r.unverified().seq;
        let who = signer_label(r.claimed_signer());
        cases.push(case(
            &format!("{kind}_{who}_{seq}"),
            &format!("A valid {kind} record, sequence number {seq} of the {who} key."),
            (&demo.trust, &certs),
            std::slice::from_ref(r),
            "valid",
            &[("valid", &[])],
            &[],
        )?);
    }
    // The signature of one record moved onto another: same signer, other content.
    let (a, b) = (&demo.records[2], &demo.records[3]);
    let mut swapped = b.bytes().to_vec();
    let n = swapped.len();
    swapped[n - 64..].copy_from_slice(&a.bytes()[a.bytes().len() - 64..]);
    let swapped = SignedRecord::decode(&swapped)?;
    cases.push(case(
        "signature_from_another_record",
        "A record carrying the signature of a different record by the same key.",
        (&demo.trust, &certs),
        &[swapped],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    // Content changed after signing: one character of the lot number.
    let mut tampered = demo.records[2].bytes().to_vec();
    let at = find(&tampered, b"M2603A")?;
    tampered[at + 5] = b'B';
    let tampered = SignedRecord::decode(&tampered)?;
    cases.push(case(
        "tampered_lot_number",
        "The commission record with its lot number changed from M2603A to M2603B after signing.",
        (&demo.trust, &certs),
        &[tampered],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    // Signed by a key other than the one the record names.
    let mut forged = demo.records[2].unverified().clone();
    forged.signer = sample::key("stranger").public_key();
    let forged = forged.sign(&sample::key("stranger"))?;
    let mut claimed = forged.bytes().to_vec();
    claimed[5..37].copy_from_slice(demo.dairy.public_key().as_bytes());
    let claimed = SignedRecord::decode(&claimed)?;
    cases.push(case(
        "wrong_key",
        "A record that names the dairy as signer but was signed by another key.",
        (&demo.trust, &certs),
        &[claimed],
        "invalid",
        &[("invalid", &["signature_invalid"])],
        &[],
    )?);
    cases.push(case(
        "validly_signed_by_unknown_key",
        "The same content, naming and signed by a key no anchor certified.",
        (&demo.trust, &certs),
        &[forged],
        "untrusted",
        &[("untrusted", &["signer_unknown"])],
        &[],
    )?);
    Ok(file(
        "Valid records of every kind from the sample supply chain, and tampered or forged copies.",
        cases,
    ))
}

fn is_trust(r: &SignedRecord) -> bool {
    matches!(
        r.kind(),
        RecordKind::KeyCertificate | RecordKind::KeyRevocation
    )
}

fn signer_label(key: &PublicKey) -> &'static str {
    LABELS
        .iter()
        .find(|l| sample::key(l).public_key() == *key)
        .copied()
        .unwrap_or("unknown")
}

fn find(haystack: &[u8], needle: &[u8]) -> Result<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .ok_or_else(|| Error::InvalidValue(format!("{needle:?} not found in the record")))
}

/// One event by `chain` at `hours` after the sample start: a copy of the sample commission.
fn event(chain: &mut ChainSigner, hours: i64) -> Result<SignedRecord> {
    chain.sign(sample::at(hours)?.at(), sample::first_commission().body)
}

fn trust() -> Result<Value> {
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
        let mut trust = demo.trust.clone();
        trust.add(&rev)?;
        let sale = demo.records[7].clone(); // hour 30
        let certs: Vec<&SignedRecord> = demo
            .records
            .iter()
            .filter(|r| is_trust(r))
            .chain([&rev])
            .collect();
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
        let mut trust = demo.trust.clone();
        trust.add(&rev)?;
        let certs: Vec<&SignedRecord> = demo
            .records
            .iter()
            .filter(|r| is_trust(r))
            .chain([&rev])
            .collect();
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
        let authority = sample::key("authority");
        let mut trust = TrustStore::new();
        trust.add_anchor(authority.public_key(), "Sample Food Safety Authority");
        let mut root = ChainSigner::new(authority, None);
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
    let authority = sample::key("authority");
    let mut trust = TrustStore::new();
    trust.add_anchor(authority.public_key(), "Sample Food Safety Authority");
    let mut root = ChainSigner::new(authority, None);
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

fn chains() -> Result<Value> {
    let demo = SupplyChain::build()?;
    let certs: Vec<&SignedRecord> = demo.records.iter().filter(|r| is_trust(r)).collect();
    let dairy: Vec<SignedRecord> = demo
        .records
        .iter()
        .filter(|r| *r.claimed_signer() == demo.dairy.public_key())
        .cloned()
        .collect();
    let mut cases = vec![case(
        "complete_chain",
        "The dairy's five records in order.",
        (&demo.trust, &certs),
        &dairy,
        "valid",
        &[VALID; 5],
        &[],
    )?];
    let mut gap = dairy.clone();
    gap.remove(2);
    cases.push(case(
        "gap",
        "The dairy's chain with sequence number 2 deleted.",
        (&demo.trust, &certs),
        &gap,
        "incomplete",
        &[VALID; 4],
        &["chain_gap"],
    )?);
    let mut reordered = dairy.clone();
    reordered.swap(1, 3);
    cases.push(case(
        "out_of_order",
        "The dairy's records delivered with sequence numbers 1 and 3 swapped.",
        (&demo.trust, &certs),
        &reordered,
        "incomplete",
        &[VALID; 5],
        &["chain_out_of_order"],
    )?);
    // Two different records with sequence number 2.
    let mut fork_signer =
        ChainSigner::resume(sample::key("dairy"), Some(demo.catalogue.dairy), &dairy[1]);
    let fork = event(&mut fork_signer, 3)?;
    let mut forked = dairy.clone();
    forked.insert(3, fork.clone());
    cases.push(case(
        "fork_same_sequence",
        "Besides its real record 2, the dairy signed a second, different record 2.",
        (&demo.trust, &certs),
        &forked,
        "invalid",
        &[VALID; 6],
        &["chain_fork"],
    )?);
    // Only the forged successor and the real predecessor: the link itself proves the fork.
    let mut successor_signer =
        ChainSigner::resume(sample::key("dairy"), Some(demo.catalogue.dairy), &fork);
    let successor = event(&mut successor_signer, 4)?;
    cases.push(case(
        "fork_broken_link",
        "The dairy's real record 2 and a record 3 that links to a different record 2.",
        (&demo.trust, &certs),
        &[dairy[2].clone(), successor],
        "invalid",
        &[VALID; 2],
        &["chain_fork"],
    )?);
    // The signer's clock runs backwards.
    let mut clock =
        ChainSigner::resume(sample::key("dairy"), Some(demo.catalogue.dairy), &dairy[4]);
    let backwards = event(&mut clock, 1)?;
    let mut regressed = dairy.clone();
    regressed.push(backwards);
    cases.push(case(
        "time_regression",
        "The dairy's record 5 claims a time before its record 4.",
        (&demo.trust, &certs),
        &regressed,
        "incomplete",
        &[VALID; 6],
        &["chain_time_regression"],
    )?);
    Ok(file(
        "Per-signer chains: gaps, reordering, forks and clock regressions.",
        cases,
    ))
}

fn malformed() -> Result<Value> {
    let demo = SupplyChain::build()?;
    let commission = demo.records[2].bytes().to_vec(); // the milk commission, seq 0
    let shipping = demo.records[5].bytes().to_vec();
    let cert = demo.records[0].bytes().to_vec();
    let mut cases = Vec::new();
    let mut add = |name: &str, description: &str, bytes: Vec<u8>, code: &str| -> Result<()> {
        let got = match SignedRecord::decode(&bytes) {
            Ok(_) => "decoded".to_owned(),
            Err(e) => e.code().to_owned(),
        };
        if got != code {
            return Err(Error::InvalidValue(format!(
                "malformed vector {name}: expected {code}, got {got}"
            )));
        }
        cases.push(json!({
            "name": name,
            "description": description,
            "records": [hex(&bytes)],
            "expect": { "error": code },
        }));
        Ok(())
    };
    add("empty", "No bytes at all.", vec![], "decode_truncated")?;
    add(
        "magic_only",
        "Only the magic.",
        b"tmrk".to_vec(),
        "decode_truncated",
    )?;
    add(
        "bad_magic",
        "The magic is \"tmrx\".",
        with(&commission, 3, b"x"),
        "decode_bad_magic",
    )?;
    add(
        "unknown_version",
        "Format version 2.",
        with(&commission, 4, &[2]),
        "decode_unsupported_version",
    )?;
    add(
        "version_zero",
        "Format version 0.",
        with(&commission, 4, &[0]),
        "decode_unsupported_version",
    )?;
    add(
        "header_and_signature_only",
        "Magic, version and 64 signature bytes, no record.",
        [&commission[..5], &[0u8; 64][..]].concat(),
        "decode_truncated",
    )?;
    add(
        "truncated_by_one",
        "The last byte is missing.",
        commission[..commission.len() - 1].to_vec(),
        "decode_truncated",
    )?;
    add(
        "truncated_half",
        "Only the first half of the bytes.",
        commission[..commission.len() / 2].to_vec(),
        "decode_truncated",
    )?;
    add(
        "trailing_byte",
        "One byte appended.",
        [&commission[..], &[0][..]].concat(),
        "decode_trailing_bytes",
    )?;
    // seq is the varint right after the 32-byte key: 0x00. As 0xFB 0x00 0x00 it says 0 in three bytes.
    add(
        "non_minimal_varint",
        "The sequence number 0 written as a three-byte varint (0xFB 0x00 0x00).",
        splice(&commission, 37, 1, &[0xFB, 0x00, 0x00]),
        "decode_non_canonical",
    )?;
    // Option tag 2 for `prev`.
    add(
        "option_tag_2",
        "The previous-record option has tag 2.",
        with(&commission, 38, &[2]),
        "decode_invalid_value",
    )?;
    // Body tag: after key (32), seq (1), prev (1), signed_at (9), party (1 + 9).
    let body_tag = 5 + 32 + 1 + 1 + 9 + 1 + 9;
    if commission[body_tag] != 0 {
        return Err(Error::InvalidValue(
            "the commission's body tag is not where expected".into(),
        ));
    }
    add(
        "unknown_record_kind",
        "The record-kind tag is 9, one past the last kind.",
        with(&commission, body_tag, &[9]),
        "decode_invalid_value",
    )?;
    let lot = find(&commission, b"M2603A")?;
    add(
        "lot_not_utf8",
        "A byte of the lot number is 0xFF.",
        with(&commission, lot + 1, &[0xFF]),
        "decode_invalid_value",
    )?;
    add(
        "lot_outside_cset82",
        "A space in the lot number.",
        with(&commission, lot + 1, b" "),
        "invalid_lot",
    )?;
    add(
        "declared_length_4gib",
        "The lot number declares 2^32 - 1 bytes (0xFC + u32) in a record of a few hundred.",
        splice(&commission, lot - 1, 1, &[0xFC, 0xFF, 0xFF, 0xFF, 0xFF]),
        "decode_limit_exceeded",
    )?;
    let reason = find(demo.records[8].bytes(), b"Listeria")?;
    add(
        "declared_length_beyond_input",
        "The recall reason declares 4000 bytes (within the text limit) but fewer remain.",
        splice(demo.records[8].bytes(), reason - 1, 1, &[0xFB, 0xA0, 0x0F]),
        "decode_truncated",
    )?;
    // GTIN: the varint 0xFD + u64 LE before the lot string; add one to break the check digit.
    let gtin_at = lot - 1 - 8;
    let mut bad_gtin = commission.clone();
    bad_gtin[gtin_at] = bad_gtin[gtin_at].wrapping_add(1);
    add(
        "gtin_check_digit",
        "The milk GTIN with its last digit off by one.",
        bad_gtin,
        "invalid_gtin",
    )?;
    // The shipment's two documents swapped: a set out of order.
    let desadv = document(Some("desadv"), "DA-2026-0042");
    let po = document(Some("po"), "PO-7731");
    // Canonical order is by member bytes: "po" (length 2) sorts before "desadv" (length 6).
    let both = [po.clone(), desadv.clone()].concat();
    let at = find(&shipping, &both)?;
    add(
        "set_out_of_order",
        "The shipment's two reference documents in descending order.",
        splice(
            &shipping,
            at,
            both.len(),
            &[desadv.clone(), po.clone()].concat(),
        ),
        "decode_non_canonical",
    )?;
    add(
        "set_duplicate_member",
        "The shipment's despatch advice listed twice.",
        splice(
            &shipping,
            at,
            both.len(),
            &[desadv.clone(), desadv].concat(),
        ),
        "decode_non_canonical",
    )?;
    // The transformation's extension "…#line" = "B" (tag 3, length 1) replaced by lists
    // nested 40 deep (tag 4, one member), past the depth limit of 16.
    let transformation = demo.records[3].bytes();
    let line = find(transformation, b"dairy#line")? + b"dairy#line".len();
    if transformation[line..line + 3] != [3, 1, b'B'] {
        return Err(Error::InvalidValue(
            "the extension value is not where expected".into(),
        ));
    }
    let deep = [[4u8, 1].repeat(40), vec![0]].concat();
    add(
        "extension_nested_too_deep",
        "An extension value of lists nested 40 deep; at most 16 levels are allowed.",
        splice(transformation, line, 3, &deep),
        "decode_limit_exceeded",
    )?;
    add(
        "certificate_signer_key_not_a_point",
        "The signer key is 32 bytes that are not an Ed25519 point.",
        splice(&cert, 5, 32, &[0xFF; 32]),
        "invalid_key",
    )?;
    // seq 0 with a previous-record id: re-sign so only the rule is broken.
    let mut rule = demo.records[2].unverified().clone();
    rule.seq = 1;
    let resigned = {
        let mut r: Record = rule.clone();
        r.prev = Some(demo.records[2].id());
        r.sign(&sample::key("dairy"))?
    };
    let mut prev_on_zero = resigned.bytes().to_vec();
    prev_on_zero[37] = 0;
    add(
        "previous_record_on_sequence_zero",
        "Sequence number 0 with a previous-record id (only the first record has none).",
        prev_on_zero,
        "invalid_record",
    )?;
    Ok(file(
        "Bytes that are not one canonical record. Decoding must fail with exactly the code given.",
        cases,
    ))
}

fn with(bytes: &[u8], at: usize, replacement: &[u8]) -> Vec<u8> {
    splice(bytes, at, replacement.len(), replacement)
}

fn splice(bytes: &[u8], at: usize, remove: usize, insert: &[u8]) -> Vec<u8> {
    [&bytes[..at], insert, &bytes[at + remove..]].concat()
}

/// The canonical bytes of a reference document: option tag, type, number.
fn document(kind: Option<&str>, id: &str) -> Vec<u8> {
    let mut out = Vec::new();
    match kind {
        Some(k) => {
            out.push(1);
            out.push(k.len() as u8);
            out.extend_from_slice(k.as_bytes());
        }
        None => out.push(0),
    }
    out.push(id.len() as u8);
    out.extend_from_slice(id.as_bytes());
    out
}
