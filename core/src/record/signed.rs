//! The signed envelope: magic, version, record, signature; the content id and signed message.

use std::sync::Arc;

use crate::codec::{self, MAX_RECORD_BYTES};
use crate::error::{Error, Result};
use crate::keys::{PublicKey, SecretKey, Signature};
use crate::record::{Record, RecordId, RecordKind};

/// The first four bytes of every record.
pub const MAGIC: [u8; 4] = *b"tmrk";
/// The format version this library writes and reads.
pub const FORMAT_VERSION: u8 = 1;
/// BLAKE3 key-derivation context of the content id.
pub const ID_CONTEXT: &str = "tracemark 2026 record id v1";
/// What the signed message starts with, before `0x00`, the version byte and the id.
pub const SIGNATURE_DOMAIN: &[u8] = b"tracemark/record-signature";

const HEADER_LEN: usize = MAGIC.len() + 1;
const SIGNATURE_LEN: usize = 64;

/// A record with its signature, as bytes and decoded. Whether the signature is good, and
/// whether the signer may say what the record says, is not known yet: the facts are behind
/// [`SignedRecord::unverified`], and [`crate::verify`] decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRecord {
    record: Record,
    id: RecordId,
    signature: Signature,
    bytes: Arc<[u8]>,
}

impl Record {
    /// Signs the record with the key it names as signer.
    ///
    /// ```
    /// use tracemark::keys::SecretKey;
    /// use tracemark::record::{Body, Record};
    /// # let record = tracemark::sample::first_commission();
    /// let key = SecretKey::from_seed([1; 32]);
    /// let record = Record { signer: key.public_key(), ..record };
    /// let signed = record.sign(&key)?;
    /// assert!(signed.signature_is_valid());
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn sign(self, key: &SecretKey) -> Result<SignedRecord> {
        let unsigned = self.to_unsigned_bytes()?;
        sign_checked(self, unsigned, key)
    }

    /// The record as its signer will sign it: a signed record's bytes without the final 64
    /// signature bytes (magic, version, canonical record). A service can prepare these bytes
    /// and hand them to whoever holds the key (a browser, a hardware-backed device), which
    /// signs them with [`Record::sign_unsigned_bytes`] after reading them back: the key never
    /// travels, and the signer signs only what it could decode.
    ///
    /// ```
    /// use tracemark::keys::SecretKey;
    /// use tracemark::record::Record;
    /// # let record = tracemark::sample::first_commission();
    /// let key = SecretKey::from_seed([1; 32]);
    /// let prepared = Record { signer: key.public_key(), ..record }.to_unsigned_bytes()?;
    /// let signed = Record::sign_unsigned_bytes(&prepared, &key)?;
    /// assert_eq!(&signed.bytes()[..prepared.len()], &prepared[..]);
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn to_unsigned_bytes(&self) -> Result<Vec<u8>> {
        self.validate()?;
        let mut bytes = Vec::with_capacity(256);
        bytes.extend_from_slice(&MAGIC);
        bytes.push(FORMAT_VERSION);
        bytes.extend_from_slice(&codec::to_bytes(self)?);
        // Only what decodes back to the same record may be signed: a value built by hand that
        // breaks an invariant of the encoding (an unsorted map, say) is refused here, not at
        // the verifier.
        let check: Record = codec::decode_exact(&bytes[HEADER_LEN..])?;
        if check != *self {
            return Err(Error::NonCanonical(
                "the record does not survive its own encoding".into(),
            ));
        }
        if bytes.len() + SIGNATURE_LEN > MAX_RECORD_BYTES {
            return Err(Error::LimitExceeded(format!(
                "record of {} bytes with its signature, at most {MAX_RECORD_BYTES} allowed",
                bytes.len() + SIGNATURE_LEN
            )));
        }
        Ok(bytes)
    }

    /// Reads bytes made by [`Record::to_unsigned_bytes`] (exactly one canonical record, with
    /// the same checks as [`SignedRecord::decode`]) and signs them with `key`, which must be
    /// the signer they name.
    pub fn sign_unsigned_bytes(unsigned: &[u8], key: &SecretKey) -> Result<SignedRecord> {
        if unsigned.len() + SIGNATURE_LEN > MAX_RECORD_BYTES {
            return Err(Error::LimitExceeded(format!(
                "{} bytes, a record has at most {MAX_RECORD_BYTES} with its signature",
                unsigned.len()
            )));
        }
        check_header(unsigned)?;
        if unsigned.len() == HEADER_LEN {
            return Err(Error::Truncated("no record after the header".into()));
        }
        let record: Record = codec::decode_exact(&unsigned[HEADER_LEN..])?;
        record.validate()?;
        sign_checked(record, unsigned.to_vec(), key)
    }
}

/// Signs canonical unsigned bytes of `record` with `key`, which must be its signer.
fn sign_checked(record: Record, mut bytes: Vec<u8>, key: &SecretKey) -> Result<SignedRecord> {
    if key.public_key() != record.signer {
        return Err(Error::InvalidKey(format!(
            "the record names signer {} but the key is {}",
            record.signer,
            key.public_key()
        )));
    }
    let id = content_id(&bytes);
    let signature = key.sign_raw(&signed_message(&id));
    bytes.extend_from_slice(&signature.to_bytes());
    Ok(SignedRecord {
        record,
        id,
        signature,
        bytes: bytes.into(),
    })
}

/// Checks magic and version.
fn check_header(bytes: &[u8]) -> Result<()> {
    match bytes.get(..MAGIC.len()) {
        None => return Err(Error::Truncated("shorter than the magic".into())),
        Some(m) if m != MAGIC => return Err(Error::BadMagic),
        Some(_) => {}
    }
    match bytes.get(MAGIC.len()) {
        None => Err(Error::Truncated("no version byte".into())),
        Some(&FORMAT_VERSION) => Ok(()),
        Some(&other) => Err(Error::UnsupportedVersion(other)),
    }
}

impl SignedRecord {
    /// Reads a record from its bytes. Fails only if the bytes are not exactly one canonical
    /// record; the signature is not checked here.
    pub fn decode(bytes: &[u8]) -> Result<SignedRecord> {
        if bytes.len() > MAX_RECORD_BYTES {
            return Err(Error::LimitExceeded(format!(
                "{} bytes, a record has at most {MAX_RECORD_BYTES}",
                bytes.len()
            )));
        }
        check_header(bytes)?;
        let body_end = bytes
            .len()
            .checked_sub(SIGNATURE_LEN)
            .filter(|end| *end > HEADER_LEN)
            .ok_or_else(|| Error::Truncated("no room for a record and its signature".into()))?;
        let record: Record = codec::decode_exact(&bytes[HEADER_LEN..body_end])?;
        record.validate()?;
        let mut sig = [0u8; SIGNATURE_LEN];
        sig.copy_from_slice(&bytes[body_end..]);
        Ok(SignedRecord {
            id: content_id(&bytes[..body_end]),
            record,
            signature: Signature::from_bytes(&sig),
            bytes: bytes.into(),
        })
    }

    /// The content id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The canonical bytes, signature included.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// The key the record claims as its signer (claimed until verified).
    pub fn claimed_signer(&self) -> &PublicKey {
        &self.record.signer
    }

    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        self.record.body.kind()
    }

    /// The facts of the record, NOT verified: use them only to decide what to verify, or to
    /// show a person what a rejected record claimed.
    pub fn unverified(&self) -> &Record {
        &self.record
    }

    /// Whether the signature is a valid strict Ed25519 signature of the claimed signer over
    /// this record. Says nothing about whether that key may sign it: see [`crate::verify`].
    pub fn signature_is_valid(&self) -> bool {
        self.record
            .signer
            .verify_raw(&signed_message(&self.id), &self.signature)
    }

    pub(crate) fn from_parts(
        record: Record,
        id: RecordId,
        signature: Signature,
        bytes: Arc<[u8]>,
    ) -> SignedRecord {
        SignedRecord {
            record,
            id,
            signature,
            bytes,
        }
    }

    pub(crate) fn into_parts(self) -> (Record, RecordId, Signature, Arc<[u8]>) {
        (self.record, self.id, self.signature, self.bytes)
    }
}

/// BLAKE3 in key-derivation mode with [`ID_CONTEXT`] over magic, version and record.
fn content_id(unsigned: &[u8]) -> RecordId {
    let mut hasher = blake3::Hasher::new_derive_key(ID_CONTEXT);
    hasher.update(unsigned);
    RecordId(*hasher.finalize().as_bytes())
}

/// `SIGNATURE_DOMAIN || 0x00 || version || id`: 60 bytes.
fn signed_message(id: &RecordId) -> [u8; 60] {
    let mut msg = [0u8; 60];
    let d = SIGNATURE_DOMAIN.len();
    msg[..d].copy_from_slice(SIGNATURE_DOMAIN);
    msg[d] = 0;
    msg[d + 1] = FORMAT_VERSION;
    msg[d + 2..].copy_from_slice(&id.0);
    msg
}
