//! Chain vectors: gaps, reordering, forks, clock regression.

use serde_json::Value;
use tracemark::Result;
use tracemark::chain::ChainSigner;
use tracemark::record::SignedRecord;
use tracemark::sample::{self, SupplyChain};

use super::{VALID, case, event, file, is_trust};

pub fn chains() -> Result<Value> {
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
