//! Chain checks and fork proofs.

use wasm_bindgen::prelude::*;

use crate::errors::{IntoJs, from_value, to_value};
use crate::record::SignedRecord;

/// Gaps, reordering, clock regressions and forks in the chains of `records`: an array of
/// findings.
#[wasm_bindgen(js_name = checkChains)]
pub fn check_chains(records: Vec<SignedRecord>) -> Result<JsValue, JsValue> {
    to_value(&tracemark::chain::check_chains(
        records.iter().map(|r| &r.0),
    ))
}

/// What a `chain_fork` finding (as returned in a report) proves, checked from its evidence
/// alone: `"same_sequence"`, `"broken_link"`, or `undefined` if it proves nothing.
#[wasm_bindgen(js_name = checkForkProof)]
pub fn check_fork_proof(finding: JsValue) -> Result<Option<String>, JsValue> {
    let finding: tracemark::verify::Finding = from_value(finding)?;
    let proof = tracemark::chain::ForkProof::from_finding(&finding).js()?;
    Ok(proof.check().map(|k| k.as_str().to_owned()))
}
