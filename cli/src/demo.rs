//! The end-to-end demo: trust, signing, verification, and two attacks caught.

use serde_json::json;
use tracemark::chain::{ChainSigner, ForkProof};
use tracemark::record::{Record, SignedRecord};
use tracemark::sample::{self, SupplyChain};
use tracemark::verify::{FindingCode, Verdict, verify_batch, verify_record};

use crate::Failure;

/// Runs the demo; exit code 0 when every step came out as it must, 1 otherwise.
pub fn run(json: bool, db: Option<std::path::PathBuf>, small: bool) -> Result<u8, Failure> {
    let demo = SupplyChain::build().map_err(Failure::input)?;
    let mut ok = true;
    let mut steps = Vec::new();
    let mut say = |json_step: serde_json::Value, text: String| {
        if !json {
            println!("{text}");
        }
        steps.push(json_step);
    };

    say(
        json!({ "step": "trust", "anchor": demo.authority.public_key().to_string() }),
        format!(
            "1. Trust\n   authority  {}  trust anchor\n   dairy      {}  certified for GS1 prefix {}\n   shop       {}  certified for GS1 prefix {}",
            demo.authority.public_key(),
            demo.dairy.public_key(),
            demo.catalogue.dairy_prefix,
            demo.shop.public_key(),
            demo.catalogue.shop_prefix
        ),
    );

    let batch = verify_batch(demo.records.clone(), &demo.trust);
    let mut table = String::from(
        "2. Supply chain, signed and verified\n   signer    seq  kind             verdict  id\n",
    );
    for (r, report) in demo.records.iter().zip(&batch.reports) {
        let who = label(r);
        let rec = r.unverified();
        table.push_str(&format!(
            "   {who:<9} {:>3}  {:<16} {:<8} {}\n",
            rec.seq,
            r.kind().as_str(),
            report.verdict.as_str(),
            r.id()
        ));
    }
    table.push_str(&format!("   verdict for the set: {}", batch.verdict()));
    ok &= batch.verdict() == Verdict::Valid;
    say(
        json!({ "step": "verify", "records": demo.records.len(), "verdict": batch.verdict() }),
        table,
    );

    // A lot number changed after signing.
    let original = &demo.records[2];
    let mut bytes = original.bytes().to_vec();
    let at = bytes
        .windows(6)
        .position(|w| w == b"M2603A")
        .ok_or_else(|| Failure::new(1, "demo_broken", "the sample commission has no lot M2603A"))?;
    bytes[at + 5] = b'B';
    let tampered = SignedRecord::decode(&bytes).map_err(Failure::input)?;
    let report = verify_record(tampered, &demo.trust).report;
    let caught = report.verdict == Verdict::Invalid;
    ok &= caught;
    say(
        json!({ "step": "tamper", "verdict": report.verdict, "findings": codes(&report.findings) }),
        format!(
            "3. Tampering: lot M2603A changed to M2603B after signing\n   verdict {}  findings {:?}",
            report.verdict,
            codes(&report.findings)
        ),
    );

    // The dairy signs a second, different record 2: a fork.
    let dairy_records: Vec<SignedRecord> = demo
        .records
        .iter()
        .filter(|r| *r.claimed_signer() == demo.dairy.public_key())
        .cloned()
        .collect();
    let mut forker = ChainSigner::resume(
        sample::key("dairy"),
        Some(demo.catalogue.dairy),
        &dairy_records[1],
    );
    let other = forker
        .sign(
            sample::at(3).map_err(Failure::input)?.at(),
            sample::first_commission().body,
        )
        .map_err(Failure::input)?;
    let mut with_fork = dairy_records.clone();
    with_fork.insert(3, other);
    let batch = verify_batch(with_fork, &demo.trust);
    let fork = batch
        .chain_findings
        .iter()
        .find(|f| f.code == FindingCode::ChainFork);
    let proven = fork
        .and_then(|f| ForkProof::from_finding(f).ok())
        .and_then(|p| p.check())
        .map(|k| k.as_str());
    ok &= proven.is_some();
    say(
        json!({ "step": "fork", "verdict": batch.verdict(), "proof": proven }),
        format!(
            "4. Equivocation: the dairy signs two different records with sequence number 2\n   verdict {}  finding chain_fork  proof checked by a third party: {}",
            batch.verdict(),
            proven.unwrap_or("NOT PROVEN")
        ),
    );

    // A key nobody certified signs for the dairy.
    let stranger = sample::key("stranger");
    let forged = Record {
        signer: stranger.public_key(),
        ..original.unverified().clone()
    }
    .sign(&stranger)
    .map_err(Failure::input)?;
    let report = verify_record(forged, &demo.trust).report;
    ok &= report.verdict == Verdict::Untrusted;
    say(
        json!({ "step": "impostor", "verdict": report.verdict, "findings": codes(&report.findings) }),
        format!(
            "5. Impostor: a key no authority certified signs for the dairy\n   verdict {}  findings {:?}",
            report.verdict,
            codes(&report.findings)
        ),
    );

    for (step_ok, step_json, step_text) in crate::scale::run(db, small)? {
        ok &= step_ok;
        if !json {
            println!("{step_text}");
        }
        steps.push(step_json);
    }

    if json {
        println!("{}", json!({ "ok": ok, "steps": steps }));
    } else {
        println!("{}", if ok { "demo ok" } else { "demo FAILED" });
    }
    Ok(if ok { 0 } else { 1 })
}

fn codes(findings: &[tracemark::verify::Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn label(r: &SignedRecord) -> &'static str {
    ["authority", "dairy", "shop"]
        .into_iter()
        .find(|l| sample::key(l).public_key() == *r.claimed_signer())
        .unwrap_or("?")
}
