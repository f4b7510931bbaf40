//! Ed25519 keys.

use wasm_bindgen::prelude::*;

use crate::errors::{IntoJs, to_js};

/// An Ed25519 public key; `toString()` gives `ed25519:` + base64url.
#[wasm_bindgen]
#[derive(Clone)]
pub struct PublicKey(pub(crate) tracemark::keys::PublicKey);

#[wasm_bindgen]
impl PublicKey {
    /// Parses the text form `ed25519:...`.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str) -> Result<PublicKey, JsValue> {
        text.parse().js().map(PublicKey)
    }

    /// The key from its 32 bytes.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<PublicKey, JsValue> {
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| {
            to_js(tracemark::Error::InvalidKey(format!(
                "{} bytes where a public key has 32",
                bytes.len()
            )))
        })?;
        tracemark::keys::PublicKey::from_bytes(&bytes)
            .js()
            .map(PublicKey)
    }

    /// The 32 bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes().to_vec()
    }

    /// The text form.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_text(&self) -> String {
        self.0.to_string()
    }

    /// Whether two keys are the same.
    pub fn equals(&self, other: &PublicKey) -> bool {
        self.0 == other.0
    }
}

/// An Ed25519 secret key. Generate one from `crypto.getRandomValues` with `fromSeed`.
#[wasm_bindgen]
pub struct SecretKey(pub(crate) tracemark::keys::SecretKey);

#[wasm_bindgen]
impl SecretKey {
    /// The key for a 32-byte seed.
    #[wasm_bindgen(js_name = fromSeed)]
    pub fn from_seed(seed: &[u8]) -> Result<SecretKey, JsValue> {
        let seed: [u8; 32] = seed.try_into().map_err(|_| {
            to_js(tracemark::Error::InvalidKey(format!(
                "{} bytes where a seed has 32",
                seed.len()
            )))
        })?;
        Ok(SecretKey(tracemark::keys::SecretKey::from_seed(seed)))
    }

    /// Reads the secret text form `ed25519-secret:...`.
    #[wasm_bindgen(js_name = fromSecretText)]
    pub fn from_secret_text(text: &str) -> Result<SecretKey, JsValue> {
        tracemark::keys::SecretKey::from_secret_text(text)
            .js()
            .map(SecretKey)
    }

    /// The secret text form. Keep it secret.
    #[wasm_bindgen(js_name = toSecretText)]
    pub fn to_secret_text(&self) -> String {
        self.0.to_secret_text().to_string()
    }

    /// The public half.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }
}
