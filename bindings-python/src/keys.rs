//! `tracemark.keys`: Ed25519 keys.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::IntoPy;

/// An Ed25519 public key. `str(key)` is its text form, `ed25519:` + base64url.
#[pyclass(module = "tracemark", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey(pub tracemark::keys::PublicKey);

#[pymethods]
impl PublicKey {
    /// Parses the text form `ed25519:...`.
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        text.parse().py().map(PublicKey)
    }

    /// The key from its 32 bytes.
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        let bytes: [u8; 32] = data.try_into().map_err(|_| {
            crate::errors::to_py(tracemark::Error::InvalidKey(format!(
                "{} bytes where a public key has 32",
                data.len()
            )))
        })?;
        tracemark::keys::PublicKey::from_bytes(&bytes)
            .py()
            .map(PublicKey)
    }

    /// The 32 bytes.
    fn __bytes__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.as_bytes())
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("PublicKey('{}')", self.0)
    }
}

/// An Ed25519 secret key, zeroized when dropped. Its repr never shows the secret.
#[pyclass(module = "tracemark", frozen)]
pub struct SecretKey(pub tracemark::keys::SecretKey);

#[pymethods]
impl SecretKey {
    /// The key for a 32-byte seed. Use `tracemark.generate_secret_key()` for a random one.
    #[staticmethod]
    fn from_seed(seed: &[u8]) -> PyResult<Self> {
        let seed: [u8; 32] = seed.try_into().map_err(|_| {
            crate::errors::to_py(tracemark::Error::InvalidKey(format!(
                "{} bytes where a seed has 32",
                seed.len()
            )))
        })?;
        Ok(SecretKey(tracemark::keys::SecretKey::from_seed(seed)))
    }

    /// Reads the secret text form `ed25519-secret:...`.
    #[staticmethod]
    fn from_secret_text(text: &str) -> PyResult<Self> {
        tracemark::keys::SecretKey::from_secret_text(text)
            .py()
            .map(SecretKey)
    }

    /// The secret text form. Keep it secret.
    fn to_secret_text(&self) -> String {
        self.0.to_secret_text().to_string()
    }

    /// The public half.
    #[getter]
    fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }

    fn __repr__(&self) -> String {
        format!("SecretKey(public='{}')", self.0.public_key())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PublicKey>()?;
    m.add_class::<SecretKey>()
}
