//! Verification: reports as plain objects (`{ id, verdict, findings: [{ code, message,
//! evidence }] }`), single and batch.

use wasm_bindgen::prelude::*;

use crate::errors::to_value;
use crate::record::SignedRecord;
use crate::trust::TrustStore;

fn set(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value).map(|_| ())
}

/// `{ report, record }` from a core verification.
pub fn verification(v: tracemark::verify::Verification) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    set(&out, "report", &to_value(&v.report)?)?;
    if let Ok(verified) = &v.outcome {
        set(&out, "record", &to_value(verified.record())?)?;
    }
    Ok(out.into())
}

/// Verifies one record against a trust store.
#[wasm_bindgen(js_name = verifyRecord)]
pub fn verify_record(record: &SignedRecord, trust: &TrustStore) -> Result<JsValue, JsValue> {
    verification(tracemark::verify::verify_record(record.0.clone(), &trust.0))
}

/// Verifies every record, then the chains of those whose signatures verified:
/// `{ verdict, reports, chainFindings, counts }`.
#[wasm_bindgen(js_name = verifyBatch)]
pub fn verify_batch(records: Vec<SignedRecord>, trust: &TrustStore) -> Result<JsValue, JsValue> {
    let batch =
        tracemark::verify::verify_batch(records.into_iter().map(|r| r.0).collect(), &trust.0);
    let out = js_sys::Object::new();
    set(
        &out,
        "verdict",
        &JsValue::from_str(batch.verdict().as_str()),
    )?;
    set(&out, "reports", &to_value(&batch.reports)?)?;
    set(&out, "chainFindings", &to_value(&batch.chain_findings)?)?;
    let counts: std::collections::BTreeMap<&str, usize> = batch
        .counts()
        .into_iter()
        .map(|(v, n)| (v.as_str(), n))
        .collect();
    set(&out, "counts", &to_value(&counts)?)?;
    Ok(out.into())
}
