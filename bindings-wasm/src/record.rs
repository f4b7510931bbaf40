//! Signed records: decode, ids, JSON views, signing in a chain.

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;
#[cfg(feature = "json")]
use crate::errors::{from_value, to_value};
use crate::keys::{PublicKey, SecretKey};
use crate::trust::TrustStore;
use crate::verify::set;

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

    /// The signer's sequence number (claimed until verified).
    #[wasm_bindgen(getter)]
    pub fn seq(&self) -> f64 {
        self.0.unverified().seq as f64
    }

    /// The id of the signer's previous record, if any (claimed until verified).
    #[wasm_bindgen(getter)]
    pub fn prev(&self) -> Option<String> {
        self.0.unverified().prev.map(|p| p.to_string())
    }

    /// When the signer says it signed, RFC 3339 UTC (claimed until verified).
    #[wasm_bindgen(getter, js_name = signedAt)]
    pub fn signed_at(&self) -> String {
        self.0.unverified().signed_at.to_string()
    }

    /// The GLN of the party the signer speaks for, if named (claimed until verified).
    #[wasm_bindgen(getter)]
    pub fn party(&self) -> Option<String> {
        self.0.unverified().party.map(|p| p.to_string())
    }

    /// The GS1 identifiers the record mentions (claimed until verified): an array of
    /// `{ role, gtin?, lot?, serial?, sscc? }`. The lite build leaves out the identifiers
    /// inside a received EPCIS event (reading them takes the GS1 tables it does not carry).
    pub fn mentions(&self) -> Result<JsValue, JsValue> {
        let out = js_sys::Array::new();
        #[cfg(feature = "gs1")]
        let mentions = self.0.unverified().mentions();
        #[cfg(not(feature = "gs1"))]
        let mentions = self.0.unverified().field_mentions();
        for m in mentions {
            let o = js_sys::Object::new();
            set(&o, "role", &m.role.into())?;
            let parts = [
                ("gtin", m.gtin),
                ("lot", m.lot),
                ("serial", m.serial),
                ("sscc", m.sscc),
            ];
            for (name, value) in parts {
                if let Some(v) = value {
                    set(&o, name, &v.into())?;
                }
            }
            out.push(&o);
        }
        Ok(out.into())
    }

    /// Whether the signature verifies against the claimed signer (says nothing about trust).
    #[wasm_bindgen(js_name = signatureIsValid)]
    pub fn signature_is_valid(&self) -> bool {
        self.0.signature_is_valid()
    }

    /// The record's facts as a plain object, NOT verified.
    #[cfg(feature = "json")]
    pub fn unverified(&self) -> Result<JsValue, JsValue> {
        to_value(self.0.unverified())
    }

    /// Verifies the record against a trust store: `{ report, record }`, where `record` is the
    /// verified view, present only when the verdict is `valid`.
    pub fn verify(&self, trust: &TrustStore) -> Result<JsValue, JsValue> {
        crate::verify::verification(tracemark::verify::verify_record(self.0.clone(), &trust.0))
    }
}

/// Signs a record prepared elsewhere (`unsignedBytes` of the full package, or
/// `Record::to_unsigned_bytes` in Rust) with `key`, which must be the signer it names: the
/// key stays on this page, and it signs only what it could read back.
#[wasm_bindgen(js_name = signUnsigned)]
pub fn sign_unsigned(bytes: &[u8], key: &SecretKey) -> Result<SignedRecord, JsValue> {
    tracemark::record::Record::sign_unsigned_bytes(bytes, &key.0)
        .js()
        .map(SignedRecord)
}

/// The bytes a signer signs, for a record given as its JSON view: sign them with
/// `signUnsigned` where the key is.
#[cfg(feature = "json")]
#[wasm_bindgen(js_name = unsignedBytes)]
pub fn unsigned_bytes(view: JsValue) -> Result<Vec<u8>, JsValue> {
    let record: tracemark::record::Record = from_value(view)?;
    record.to_unsigned_bytes().js()
}

#[cfg(feature = "json")]
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

    #[cfg(feature = "json")]
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

#[cfg(feature = "json")]
/// The fixed sample supply chain of the spec: its records.
#[wasm_bindgen(js_name = sampleRecords)]
pub fn sample_records() -> Result<Vec<SignedRecord>, JsValue> {
    let demo = tracemark::sample::SupplyChain::build().js()?;
    Ok(demo.records.into_iter().map(SignedRecord).collect())
}

#[cfg(feature = "json")]
/// The fixed sample supply chain of the spec: its trust store.
#[wasm_bindgen(js_name = sampleTrust)]
pub fn sample_trust() -> Result<TrustStore, JsValue> {
    tracemark::sample::SupplyChain::build()
        .js()
        .map(|d| TrustStore(d.trust))
}
