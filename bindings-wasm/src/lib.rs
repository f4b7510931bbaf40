//! WebAssembly bindings for tracemark. The wasm-bindgen API arrives with the bindings issue;
//! until then this crate only proves that the workspace builds with it in place.
