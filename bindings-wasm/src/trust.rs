//! Trust stores: anchors, certificates and revocations.

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;
use crate::keys::PublicKey;
use crate::record::SignedRecord;

/// The anchors a verifier trusts and the certificates and revocations it knows.
#[wasm_bindgen]
pub struct TrustStore(pub(crate) tracemark::trust::TrustStore);

#[wasm_bindgen]
impl TrustStore {
    /// An empty store: it trusts nobody.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TrustStore {
        TrustStore(tracemark::trust::TrustStore::new())
    }

    /// Trusts `key` as a root, under a name shown in reports.
    #[wasm_bindgen(js_name = addAnchor)]
    pub fn add_anchor(&mut self, key: &PublicKey, name: &str) {
        self.0.add_anchor(key.0, name);
    }

    /// Adds a key certificate or revocation record (its signature must verify).
    pub fn add(&mut self, record: &SignedRecord) -> Result<(), JsValue> {
        self.0.add(&record.0).js()
    }
}

impl Default for TrustStore {
    fn default() -> Self {
        TrustStore::new()
    }
}
