//! Ed25519 keys and signatures, with text forms that name the algorithm.
//!
//! Verification is always strict (`verify_strict`: canonical `S`, no small-order `A` or `R`), so
//! a signature cannot be mauled into a second valid one and a weak key cannot sign for everyone.
//! Secret keys are zeroized on drop, and randomness is always passed in by the caller: the
//! library never reaches for an operating-system RNG, which keeps it usable in a browser.

use std::fmt;
use std::hash::{Hash, Hasher};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL_NOPAD;
use ed25519_dalek::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const PUBLIC_PREFIX: &str = "ed25519:";
/// Distinct keys remembered per thread before the cache starts over.
const KEY_CACHE_CAPACITY: usize = 4096;

thread_local! {
    static KEY_CACHE: std::cell::RefCell<std::collections::HashMap<[u8; 32], VerifyingKey>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}
const SECRET_PREFIX: &str = "ed25519-secret:";
const SIGNATURE_PREFIX: &str = "ed25519-sig:";

/// An Ed25519 public key: who signed a record.
///
/// It can only hold a valid curve point. Its text form is `ed25519:` followed by the 32 bytes in
/// unpadded base64url.
///
/// ```
/// use tracemark::keys::{PublicKey, SecretKey};
/// let key = SecretKey::from_seed([7; 32]).public_key();
/// let text = key.to_string();
/// assert!(text.starts_with("ed25519:"));
/// assert_eq!(text.parse::<PublicKey>().unwrap(), key);
/// ```
#[derive(Clone, Copy)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// Reads a public key from its 32 bytes; fails if they are not a point on the curve.
    /// A point has one encoding here: dalek also accepts the non-canonical encodings
    /// (y ≥ p) of some points, which would give one key two byte forms, so they are refused.
    ///
    /// Decompressing a point costs about a fifth of a signature check, and a verifier sees the
    /// same few signers over and over, so valid keys are remembered per thread.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<PublicKey> {
        if let Some(key) = KEY_CACHE.with(|c| c.borrow().get(bytes).copied()) {
            return Ok(PublicKey(key));
        }
        let key = VerifyingKey::from_bytes(bytes)
            .map_err(|_| Error::InvalidKey("the 32 bytes are not an Ed25519 public key".into()))?;
        if key.to_edwards().compress().to_bytes() != *bytes {
            return Err(Error::InvalidKey(
                "the 32 bytes are a non-canonical encoding of an Ed25519 point".into(),
            ));
        }
        KEY_CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            if cache.len() >= KEY_CACHE_CAPACITY {
                cache.clear();
            }
            cache.insert(*bytes, key);
        });
        Ok(PublicKey(key))
    }

    /// The 32 bytes of the key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The 32 bytes of the key, borrowed.
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// Strict Ed25519 verification of a raw message. Records never use this directly: they sign
    /// a domain-separated message (see [`crate::record`]); it is public for conformance tests.
    pub fn verify_raw(&self, message: &[u8], signature: &Signature) -> bool {
        let sig = ed25519_dalek::Signature::from_bytes(&signature.0);
        self.0.verify_strict(message, &sig).is_ok()
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}
impl Eq for PublicKey {}
impl Hash for PublicKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state)
    }
}
impl PartialOrd for PublicKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PublicKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PUBLIC_PREFIX}{}",
            BASE64URL_NOPAD.encode(self.as_bytes())
        )
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl std::str::FromStr for PublicKey {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        let body = text.strip_prefix(PUBLIC_PREFIX).ok_or_else(|| {
            Error::InvalidKey(format!("a public key starts with \"{PUBLIC_PREFIX}\""))
        })?;
        PublicKey::from_bytes(&decode_fixed::<32>(body, "public key")?)
    }
}

/// An Ed25519 secret key. Zeroized when dropped; its `Debug` form never shows the secret.
///
/// Its text form, `ed25519-secret:` and the 32-byte seed in base64url, is only produced by
/// [`SecretKey::to_secret_text`], so it does not end up in a log by accident.
#[derive(Clone)]
pub struct SecretKey(SigningKey);

impl SecretKey {
    /// A new key from the caller's cryptographic RNG.
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> SecretKey {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(&mut seed[..]);
        SecretKey::from_seed(*seed)
    }

    /// The key for a 32-byte seed. Use a seed from a cryptographic RNG; fixed seeds are for
    /// test vectors and examples.
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        let seed = Zeroizing::new(seed);
        SecretKey(SigningKey::from_bytes(&seed))
    }

    /// The public half.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// The secret text form, `ed25519-secret:` followed by the seed in base64url.
    pub fn to_secret_text(&self) -> Zeroizing<String> {
        let seed = Zeroizing::new(self.0.to_bytes());
        Zeroizing::new(format!(
            "{SECRET_PREFIX}{}",
            BASE64URL_NOPAD.encode(&seed[..])
        ))
    }

    /// Reads the secret text form.
    pub fn from_secret_text(text: &str) -> Result<SecretKey> {
        let body = text.strip_prefix(SECRET_PREFIX).ok_or_else(|| {
            Error::InvalidKey(format!("a secret key starts with \"{SECRET_PREFIX}\""))
        })?;
        let seed = Zeroizing::new(decode_fixed::<32>(body, "secret key")?);
        Ok(SecretKey::from_seed(*seed))
    }

    /// Signs a raw message. Records sign a domain-separated message instead (see
    /// [`crate::record`]).
    pub fn sign_raw(&self, message: &[u8]) -> Signature {
        use ed25519_dalek::Signer;
        Signature(self.0.sign(message).to_bytes())
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey(public: {})", self.public_key())
    }
}

/// A 64-byte Ed25519 signature. Holding one says nothing about its validity: that is decided by
/// verification against a key and a message.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature(pub(crate) [u8; 64]);

impl Signature {
    /// Wraps 64 signature bytes.
    pub fn from_bytes(bytes: &[u8; 64]) -> Signature {
        Signature(*bytes)
    }

    /// The 64 bytes.
    pub fn to_bytes(&self) -> [u8; 64] {
        self.0
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SIGNATURE_PREFIX}{}", BASE64URL_NOPAD.encode(self.0))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl std::str::FromStr for Signature {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        let body = text.strip_prefix(SIGNATURE_PREFIX).ok_or_else(|| {
            Error::InvalidKey(format!("a signature starts with \"{SIGNATURE_PREFIX}\""))
        })?;
        Ok(Signature(decode_fixed::<64>(body, "signature")?))
    }
}

fn decode_fixed<const N: usize>(text: &str, what: &str) -> Result<[u8; N]> {
    let bytes = BASE64URL_NOPAD
        .decode(text)
        .map_err(|e| Error::InvalidKey(format!("{what}: not unpadded base64url ({e})")))?;
    let len = bytes.len();
    <[u8; N]>::try_from(bytes)
        .map_err(|_| Error::InvalidKey(format!("{what}: {len} bytes where {N} are needed")))
}

macro_rules! serde_via_text {
    ($ty:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_via_text;

serde_via_text!(PublicKey);
impl bincode::Encode for PublicKey {
    fn encode<E: bincode::enc::Encoder>(
        &self,
        e: &mut E,
    ) -> std::result::Result<(), bincode::error::EncodeError> {
        self.as_bytes().encode(e)
    }
}

impl bincode::Decode<crate::codec::Ctx> for PublicKey {
    fn decode<D: bincode::de::Decoder<Context = crate::codec::Ctx>>(
        d: &mut D,
    ) -> std::result::Result<Self, bincode::error::DecodeError> {
        let bytes = <[u8; 32]>::decode(d)?;
        PublicKey::from_bytes(&bytes).map_err(|e| crate::codec::fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(PublicKey, crate::codec::Ctx);

serde_via_text!(Signature);

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn text_forms_round_trip_and_reject_garbage() {
        let secret = SecretKey::from_seed([1; 32]);
        let public = secret.public_key();
        let sig = secret.sign_raw(b"hello");
        assert!(public.verify_raw(b"hello", &sig));
        assert!(!public.verify_raw(b"hellp", &sig));
        assert_eq!(sig.to_string().parse::<Signature>().unwrap(), sig);
        let again = SecretKey::from_secret_text(&secret.to_secret_text()).unwrap();
        assert_eq!(again.public_key(), public);
        for bad in ["", "ed25519:", "ed25519:AAAA", "rsa:abc", "ed25519:!!!"] {
            assert_eq!(bad.parse::<PublicKey>().unwrap_err().code(), "invalid_key");
        }
        assert!(!format!("{secret:?}").contains(&*secret.to_secret_text()));
    }
}
