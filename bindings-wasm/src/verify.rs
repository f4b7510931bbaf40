//! Verification: reports as plain objects (`{ id, verdict, findings: [{ code, message,
//! evidence }] }`), single and batch. Built by hand rather than through serde: a report is
//! three fields, and the serde machinery would cost the browser build more than the rest of
//! this module.

use tracemark::verify::{Finding, VerificationReport};
use wasm_bindgen::prelude::*;

use crate::record::SignedRecord;
use crate::trust::TrustStore;

pub(crate) fn set(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(object, &JsValue::from_str(key), value).map(|_| ())
}

/// `{ code, message, evidence: { name: text } }`.
pub(crate) fn finding_to_js(finding: &Finding) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    set(&out, "code", &finding.code.as_str().into())?;
    set(&out, "message", &finding.message.as_str().into())?;
    let evidence = js_sys::Object::new();
    for (name, value) in &finding.evidence {
        set(&evidence, name, &value.as_str().into())?;
    }
    set(&out, "evidence", &evidence)?;
    Ok(out.into())
}

/// An array of findings.
pub(crate) fn findings_to_js(findings: &[Finding]) -> Result<JsValue, JsValue> {
    let out = js_sys::Array::new();
    for finding in findings {
        out.push(&finding_to_js(finding)?);
    }
    Ok(out.into())
}

fn report_to_js(report: &VerificationReport) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    set(&out, "id", &report.id.to_string().into())?;
    set(&out, "verdict", &report.verdict.as_str().into())?;
    set(&out, "findings", &findings_to_js(&report.findings)?)?;
    Ok(out.into())
}

/// `{ report, record }` from a core verification; `record` (the verified record's view) only
/// when the verdict is `valid` and the build has JSON views.
pub fn verification(v: tracemark::verify::Verification) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    set(&out, "report", &report_to_js(&v.report)?)?;
    #[cfg(feature = "json")]
    if let Ok(verified) = &v.outcome {
        set(&out, "record", &crate::errors::to_value(verified.record())?)?;
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
    set(&out, "verdict", &batch.verdict().as_str().into())?;
    let reports = js_sys::Array::new();
    for report in &batch.reports {
        reports.push(&report_to_js(report)?);
    }
    set(&out, "reports", &reports)?;
    set(
        &out,
        "chainFindings",
        &findings_to_js(&batch.chain_findings)?,
    )?;
    let counts = js_sys::Object::new();
    for (verdict, n) in batch.counts() {
        set(&counts, verdict.as_str(), &(n as f64).into())?;
    }
    set(&out, "counts", &counts)?;
    Ok(out.into())
}
