//! Chain checks and fork proofs.

use wasm_bindgen::prelude::*;

use crate::errors::{IntoJs, to_js};
use crate::record::SignedRecord;
use crate::verify::findings_to_js;

/// Gaps, reordering, clock regressions and forks in the chains of `records`: an array of
/// findings.
#[wasm_bindgen(js_name = checkChains)]
pub fn check_chains(records: Vec<SignedRecord>) -> Result<JsValue, JsValue> {
    findings_to_js(&tracemark::chain::check_chains(
        records.iter().map(|r| &r.0),
    ))
}

/// What a `chain_fork` finding (as returned in a report) proves, checked from its evidence
/// alone: `"same_sequence"`, `"broken_link"`, or `undefined` if it proves nothing.
#[wasm_bindgen(js_name = checkForkProof)]
pub fn check_fork_proof(finding: JsValue) -> Result<Option<String>, JsValue> {
    let finding = finding_from_js(&finding)?;
    let proof = tracemark::chain::ForkProof::from_finding(&finding).js()?;
    Ok(proof.check().map(|k| k.as_str().to_owned()))
}

/// A finding as `finding_to_js` writes it; the message is not needed and may be absent.
fn finding_from_js(value: &JsValue) -> Result<tracemark::verify::Finding, JsValue> {
    let bad = |why: &str| to_js(tracemark::Error::InvalidJson(format!("a finding: {why}")));
    let field = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).ok();
    if !value.is_object() {
        return Err(bad("not an object"));
    }
    let code = field("code")
        .and_then(|c| c.as_string())
        .ok_or_else(|| bad("no code"))?;
    let code = tracemark::verify::FindingCode::parse(&code)
        .ok_or_else(|| bad(&format!("unknown finding code {code:?}")))?;
    let message = field("message")
        .and_then(|m| m.as_string())
        .unwrap_or_default();
    let mut finding = tracemark::verify::Finding::new(code, message);
    let evidence = field("evidence")
        .filter(JsValue::is_object)
        .ok_or_else(|| bad("no evidence object"))?;
    for entry in js_sys::Object::entries(&js_sys::Object::from(evidence)).iter() {
        let entry = js_sys::Array::from(&entry);
        match (entry.get(0).as_string(), entry.get(1).as_string()) {
            (Some(name), Some(text)) => finding = finding.with(&name, text),
            _ => return Err(bad("evidence values are strings")),
        }
    }
    Ok(finding)
}
