//! Core errors become the package's `Error` subclasses, chosen by the core's error family.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(
        family: &str,
        code: &str,
        message: &str,
        rule: Option<String>,
        ai: Option<String>,
        position: Option<usize>,
        path: Option<String>,
    ) -> JsValue;
}

/// The thrown value for a core error; a GS1 syntax error also says which rule, which AI and
/// where, an EPCIS one which rule and at which JSON path.
pub fn to_js(err: tracemark::Error) -> JsValue {
    let (rule, ai, position, path) = match &err {
        tracemark::Error::Gs1(g) => (
            Some(g.rule.to_owned()),
            g.ai.clone(),
            Some(g.position),
            None,
        ),
        tracemark::Error::Epcis(p) => (Some(p.rule.to_owned()), None, None, Some(p.path.clone())),
        _ => (None, None, None, None),
    };
    make_error(
        err.family(),
        err.code(),
        &err.to_string(),
        rule,
        ai,
        position,
        path,
    )
}

#[cfg(feature = "json")]
/// An `invalid_json` error for a value that did not convert.
pub fn json(err: impl std::fmt::Display) -> JsValue {
    to_js(tracemark::Error::InvalidJson(err.to_string()))
}

/// `Result` with the core error, mapped on the way out.
pub trait IntoJs<T> {
    /// Maps the error to the package's exception.
    fn js(self) -> Result<T, JsValue>;
}

impl<T> IntoJs<T> for Result<T, tracemark::Error> {
    fn js(self) -> Result<T, JsValue> {
        self.map_err(to_js)
    }
}

#[cfg(feature = "json")]
/// A serde value as a plain JavaScript value. Through JSON text, so that the one serde_json
/// the core already carries does the work (serde-wasm-bindgen doubled the wasm's size).
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(json)?;
    js_sys::JSON::parse(&text)
}

#[cfg(feature = "json")]
/// A plain JavaScript value read as `T`.
pub fn from_value<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    // `undefined`, functions and symbols stringify to `undefined`; cycles and BigInts throw.
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| JsValue::from(s).as_string())
        .ok_or_else(|| json("the value is not JSON data"))?;
    serde_json::from_str(&text).map_err(json)
}
