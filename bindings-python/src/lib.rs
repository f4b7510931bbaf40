//! Python bindings for tracemark. The pyo3 module arrives with the bindings issue; until then
//! this crate only proves that the workspace builds with it in place.
