//! The GS1 EPCIS event hash (full build only).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;

/// The hash of every event of an EPCIS 2.0 JSON or JSON-LD document, in document order:
/// `[{hash, prehash}, …]`. `cbvVersion` is "2.0" (default) or "2.1".
#[wasm_bindgen(js_name = eventHashes)]
pub fn event_hashes(document: &str, cbv_version: Option<String>) -> Result<Array, JsValue> {
    let version = cbv_version.as_deref().unwrap_or("2.0").parse().js()?;
    let out = Array::new();
    for h in tracemark::epcis::event_hashes(document, version).js()? {
        let o = Object::new();
        Reflect::set(&o, &"hash".into(), &h.hash.into())?;
        Reflect::set(&o, &"prehash".into(), &h.prehash.into())?;
        out.push(&o);
    }
    Ok(out)
}
