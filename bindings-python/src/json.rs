//! JSON views cross the boundary as Python objects through the standard `json` module.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::to_py;

/// A serde value as a Python object (dict, list, str, int, float, bool, None).
pub fn to_py_object<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| to_py(tracemark::Error::InvalidJson(e.to_string())))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A Python object (or a JSON string) read as `T`.
pub fn from_py_object<T: serde::de::DeserializeOwned>(value: &Bound<'_, PyAny>) -> PyResult<T> {
    let text: String = if value.is_instance_of::<PyString>() {
        value.extract()?
    } else {
        value
            .py()
            .import("json")?
            .call_method1("dumps", (value,))?
            .extract()?
    };
    serde_json::from_str(&text).map_err(|e| to_py(tracemark::Error::InvalidJson(e.to_string())))
}
