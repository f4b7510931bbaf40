//! GS1 identifiers: parse and normalise, with the core's error codes.

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;

/// Parses a GTIN (8, 12, 13 or 14 digits, check digit verified); returns its 14 digits.
#[wasm_bindgen(js_name = parseGtin)]
pub fn parse_gtin(text: &str) -> Result<String, JsValue> {
    text.parse::<tracemark::ids::Gtin>()
        .js()
        .map(|g| g.to_string())
}

/// Parses a GLN (13 digits, check digit verified).
#[wasm_bindgen(js_name = parseGln)]
pub fn parse_gln(text: &str) -> Result<String, JsValue> {
    text.parse::<tracemark::ids::Gln>()
        .js()
        .map(|g| g.to_string())
}

/// Parses an SSCC (18 digits, check digit verified).
#[wasm_bindgen(js_name = parseSscc)]
pub fn parse_sscc(text: &str) -> Result<String, JsValue> {
    text.parse::<tracemark::ids::Sscc>()
        .js()
        .map(|g| g.to_string())
}

/// Checks a serial number (AI 21: 1 to 20 characters of GS1 CSET 82).
#[wasm_bindgen(js_name = parseSerial)]
pub fn parse_serial(text: &str) -> Result<String, JsValue> {
    text.parse::<tracemark::ids::Serial>()
        .js()
        .map(|g| g.to_string())
}

/// Checks a lot number (AI 10: 1 to 20 characters of GS1 CSET 82).
#[wasm_bindgen(js_name = parseLot)]
pub fn parse_lot(text: &str) -> Result<String, JsValue> {
    text.parse::<tracemark::ids::Lot>()
        .js()
        .map(|g| g.to_string())
}
