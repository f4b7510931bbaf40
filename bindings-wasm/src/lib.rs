//! WebAssembly bindings for tracemark: type conversion and error mapping only, one module per
//! core module. Names are camelCase; errors are thrown as real `Error` subclasses with `.code`
//! (`js/errors.js`); no Rust panic crosses the boundary (the core has no panicking input
//! paths, and a panic aborts rather than unwinding into JavaScript).

mod chain;
#[cfg(feature = "gs1")]
mod epcis;
mod errors;
#[cfg(feature = "gs1")]
mod gs1;
mod ids;
mod keys;
mod record;
#[cfg(feature = "trace")]
mod trace;
mod trust;
mod verify;

use wasm_bindgen::prelude::*;

/// Every error code the package can throw.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    tracemark::Error::CODES
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// Every finding code a report can carry.
#[wasm_bindgen(js_name = findingCodes)]
pub fn finding_codes() -> Vec<String> {
    tracemark::verify::FindingCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}
