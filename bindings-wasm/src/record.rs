//! Signed records: decode, ids, JSON views, signing in a chain.

use wasm_bindgen::prelude::*;

use crate::errors::{IntoJs, from_value, to_value};
use crate::keys::{PublicKey, SecretKey};
use crate::trust::TrustStore;

/// A record with its signature, as received: not yet verified. Its facts are reachable only
/// through `unverified()`; `verify(trust)` decides.
#[wasm_bindgen]
#[derive(Clone)]
pub struct SignedRecord(pub(crate) tracemark::record::SignedRecord);

#[wasm_bindgen]
impl SignedRecord {
    /// Reads a record from its canonical bytes; throws a `DecodeError` (or another
    /// `TracemarkError`) if they are not exactly one record.
    pub fn decode(bytes: &[u8]) -> Result<SignedRecord, JsValue> {
        tracemark::record::SignedRecord::decode(bytes)
            .js()
            .map(SignedRecord)
    }

    /// A copy (functions that take records by value consume them; the package's `verifyBatch`
    /// and `checkChains` pass copies so the caller's records stay usable).
    #[wasm_bindgen(js_name = clone)]
    pub fn copy(&self) -> SignedRecord {
        self.clone()
    }

    /// The content id, `rec:` + 64 hex digits.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id().to_string()
    }

    /// The canonical bytes, signature included.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.bytes().to_vec()
    }

    /// The record kind, such as `commission`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.0.kind().as_str().to_owned()
    }

    /// The key the record claims as its signer.
    #[wasm_bindgen(getter, js_name = claimedSigner)]
    pub fn claimed_signer(&self) -> PublicKey {
        PublicKey(*self.0.claimed_signer())
    }

    /// Whether the signature verifies against the claimed signer (says nothing about trust).
    #[wasm_bindgen(js_name = signatureIsValid)]
    pub fn signature_is_valid(&self) -> bool {
        self.0.signature_is_valid()
    }

    /// The record's facts as a plain object, NOT verified.
    pub fn unverified(&self) -> Result<JsValue, JsValue> {
        to_value(self.0.unverified())
    }

    /// Verifies the record against a trust store: `{ report, record }`, where `record` is the
    /// verified view, present only when the verdict is `valid`.
    pub fn verify(&self, trust: &TrustStore) -> Result<JsValue, JsValue> {
        crate::verify::verification(tracemark::verify::verify_record(self.0.clone(), &trust.0))
    }
}

/// Signs a record given as its JSON view with `key`, which must be the named signer.
#[wasm_bindgen(js_name = signRecord)]
pub fn sign_record(view: JsValue, key: &SecretKey) -> Result<SignedRecord, JsValue> {
    let record: tracemark::record::Record = from_value(view)?;
    record.sign(&key.0).js().map(SignedRecord)
}

/// Signs records in one chain: numbers them and links each to the previous one.
#[wasm_bindgen]
pub struct ChainSigner(tracemark::chain::ChainSigner);

#[wasm_bindgen]
impl ChainSigner {
    /// A signer at the start of its chain, speaking for `party` (a GLN), if given.
    #[wasm_bindgen(constructor)]
    pub fn new(key: &SecretKey, party: Option<String>) -> Result<ChainSigner, JsValue> {
        let party = party.as_deref().map(str::parse).transpose().js()?;
        Ok(ChainSigner(tracemark::chain::ChainSigner::new(
            key.0.clone(),
            party,
        )))
    }

    /// Signs the next record: `signedAt` in RFC 3339, `body` a record body view.
    pub fn sign(&mut self, signed_at: &str, body: JsValue) -> Result<SignedRecord, JsValue> {
        let at = signed_at.parse().js()?;
        let body: tracemark::record::Body = from_value(body)?;
        self.0.sign(at, body).js().map(SignedRecord)
    }

    /// The sequence number the next record will get.
    #[wasm_bindgen(getter, js_name = nextSeq)]
    pub fn next_seq(&self) -> f64 {
        self.0.next_seq() as f64
    }
}

/// The fixed sample supply chain of the spec: its records.
#[wasm_bindgen(js_name = sampleRecords)]
pub fn sample_records() -> Result<Vec<SignedRecord>, JsValue> {
    let demo = tracemark::sample::SupplyChain::build().js()?;
    Ok(demo.records.into_iter().map(SignedRecord).collect())
}

/// The fixed sample supply chain of the spec: its trust store.
#[wasm_bindgen(js_name = sampleTrust)]
pub fn sample_trust() -> Result<TrustStore, JsValue> {
    tracemark::sample::SupplyChain::build()
        .js()
        .map(|d| TrustStore(d.trust))
}
