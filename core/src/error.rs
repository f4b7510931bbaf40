//! The one error type of tracemark, with stable codes.
//!
//! An [`Error`] means the input could not be read at all: malformed bytes, an identifier that is
//! not valid, a key in the wrong form. Anything that can be read but fails a check (a bad
//! signature, an untrusted signer, a chain fork) is not an error: it is a finding in a
//! [`VerificationReport`](crate::verify::VerificationReport).
//!
//! Every variant has a stable snake_case [`code`](Error::code). Python and JavaScript carry the
//! same code on their exceptions, and the spec's vectors pin it, so a code is never renamed.

/// What went wrong, with a stable code ([`Error::code`]) and a message for people.
///
/// `#[non_exhaustive]`: new codes are added as the format grows; match on [`Error::code`] or keep
/// a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes do not start with the record magic `tmrk`.
    #[error("not a tracemark record: the bytes do not start with the magic \"tmrk\"")]
    BadMagic,
    /// The format version byte names a version this library does not know.
    #[error("unsupported format version {0}: this library reads version 1")]
    UnsupportedVersion(u8),
    /// The input ended before the value it declares.
    #[error("truncated input: {0}")]
    Truncated(String),
    /// Bytes remain after a complete record.
    #[error("{0} trailing bytes after the end of the record")]
    TrailingBytes(usize),
    /// The bytes decode, but are not the one canonical encoding of what they decode to.
    #[error("non-canonical encoding: {0}")]
    NonCanonical(String),
    /// A size or count is over a limit of the spec.
    #[error("limit exceeded: {0}")]
    LimitExceeded(String),
    /// A value is out of its range or of an unknown kind (a record kind, an enum tag, UTF-8).
    #[error("invalid value: {0}")]
    InvalidValue(String),
    /// A GTIN is not 8, 12, 13 or 14 digits with a correct check digit.
    #[error("invalid GTIN: {0}")]
    InvalidGtin(String),
    /// A GLN is not 13 digits with a correct check digit, or its extension is not valid.
    #[error("invalid GLN: {0}")]
    InvalidGln(String),
    /// An SSCC is not 18 digits with a correct check digit.
    #[error("invalid SSCC: {0}")]
    InvalidSscc(String),
    /// A GS1 company prefix is not 4 to 12 digits.
    #[error("invalid GS1 company prefix: {0}")]
    InvalidCompanyPrefix(String),
    /// A serial number (AI 21) is empty, longer than 20 characters or outside GS1 CSET 82.
    #[error("invalid serial number: {0}")]
    InvalidSerial(String),
    /// A batch or lot number (AI 10) is empty, longer than 20 characters or outside CSET 82.
    #[error("invalid lot number: {0}")]
    InvalidLot(String),
    /// A time, date or UTC offset is out of range or not in the expected form.
    #[error("invalid time: {0}")]
    InvalidTime(String),
    /// A quantity or decimal number is not valid.
    #[error("invalid quantity: {0}")]
    InvalidQuantity(String),
    /// A URI or CBV vocabulary term is not valid.
    #[error("invalid term: {0}")]
    InvalidTerm(String),
    /// A key or signature, in text or bytes, is not valid.
    #[error("invalid key: {0}")]
    InvalidKey(String),
    /// A record id text form is not valid.
    #[error("invalid record id: {0}")]
    InvalidRecordId(String),
    /// The record is well-formed bytes but breaks a rule of the model (for example a sequence
    /// number of 0 with a previous-record hash, or a record with nothing in it).
    #[error("invalid record: {0}")]
    InvalidRecord(String),
    /// A JSON document could not be read as what was asked for.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// A signature does not verify where only a valid one can be accepted (adding a
    /// certificate to a trust store). Verification reports this as a finding instead.
    #[error("signature does not verify: {0}")]
    SignatureInvalid(String),
    /// The store could not read or write (I/O, a locked or corrupt database, a schema from a
    /// newer version).
    #[error("store: {0}")]
    Storage(String),
    /// A GS1 element string, Digital Link URI or EPC URI breaks a rule of the GS1 standards:
    /// which rule, for which AI, at which position of the input.
    #[error("{0}")]
    Gs1(Box<crate::ids::Gs1Error>),
    /// A record of the wrong kind was given where another was needed (for example an event
    /// where a key certificate was expected).
    #[error("wrong record kind: {0}")]
    WrongKind(String),
    /// Reading or writing a stream failed.
    #[error("input/output: {0}")]
    Io(String),
    /// An EPCIS document or event breaks a rule of EPCIS 2.0; the problem names the JSON path.
    #[error("{0}")]
    Epcis(Box<crate::epcis::Problem>),
}

impl Error {
    /// The stable snake_case code of this error. Codes are part of the spec and never change.
    ///
    /// ```
    /// let err = "09506000134353".parse::<tracemark::ids::Gtin>().unwrap_err();
    /// assert_eq!(err.code(), "invalid_gtin");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadMagic => "decode_bad_magic",
            Error::UnsupportedVersion(_) => "decode_unsupported_version",
            Error::Truncated(_) => "decode_truncated",
            Error::TrailingBytes(_) => "decode_trailing_bytes",
            Error::NonCanonical(_) => "decode_non_canonical",
            Error::LimitExceeded(_) => "decode_limit_exceeded",
            Error::InvalidValue(_) => "decode_invalid_value",
            Error::InvalidGtin(_) => "invalid_gtin",
            Error::InvalidGln(_) => "invalid_gln",
            Error::InvalidSscc(_) => "invalid_sscc",
            Error::InvalidCompanyPrefix(_) => "invalid_company_prefix",
            Error::InvalidSerial(_) => "invalid_serial",
            Error::InvalidLot(_) => "invalid_lot",
            Error::InvalidTime(_) => "invalid_time",
            Error::InvalidQuantity(_) => "invalid_quantity",
            Error::InvalidTerm(_) => "invalid_term",
            Error::InvalidKey(_) => "invalid_key",
            Error::InvalidRecordId(_) => "invalid_record_id",
            Error::InvalidRecord(_) => "invalid_record",
            Error::Gs1(e) => e.syntax.code(),
            Error::InvalidJson(_) => "invalid_json",
            Error::SignatureInvalid(_) => "signature_invalid",
            Error::Storage(_) => "storage",
            Error::WrongKind(_) => "wrong_kind",
            Error::Epcis(_) => "invalid_epcis",
            Error::Io(_) => "io",
        }
    }

    /// The family of the error, which the bindings turn into an exception class: `decode`
    /// (the bytes are not a record), `identifier` (a GS1 key or attribute), `signature`,
    /// `kind` (a record of the wrong kind), or `input` (any other malformed value).
    pub fn family(&self) -> &'static str {
        match self {
            Error::BadMagic
            | Error::UnsupportedVersion(_)
            | Error::Truncated(_)
            | Error::TrailingBytes(_)
            | Error::NonCanonical(_)
            | Error::LimitExceeded(_)
            | Error::InvalidValue(_) => "decode",
            Error::InvalidGtin(_)
            | Error::InvalidGln(_)
            | Error::InvalidSscc(_)
            | Error::InvalidCompanyPrefix(_)
            | Error::InvalidSerial(_)
            | Error::InvalidLot(_)
            | Error::Gs1(_) => "identifier",
            Error::SignatureInvalid(_) => "signature",
            Error::WrongKind(_) => "kind",
            Error::Storage(_) | Error::Io(_) => "storage",
            Error::InvalidTime(_)
            | Error::InvalidQuantity(_)
            | Error::InvalidTerm(_)
            | Error::InvalidKey(_)
            | Error::InvalidRecordId(_)
            | Error::InvalidRecord(_)
            | Error::InvalidJson(_)
            | Error::Epcis(_) => "input",
        }
    }

    /// Every code an [`Error`] can carry, for bindings and docs that list them.
    pub const CODES: &'static [&'static str] = &[
        "decode_bad_magic",
        "decode_unsupported_version",
        "decode_truncated",
        "decode_trailing_bytes",
        "decode_non_canonical",
        "decode_limit_exceeded",
        "decode_invalid_value",
        "invalid_gtin",
        "invalid_gln",
        "invalid_sscc",
        "invalid_company_prefix",
        "invalid_serial",
        "invalid_lot",
        "invalid_time",
        "invalid_quantity",
        "invalid_term",
        "invalid_key",
        "invalid_record_id",
        "invalid_record",
        "invalid_element_string",
        "invalid_digital_link",
        "invalid_epc_uri",
        "invalid_json",
        "signature_invalid",
        "storage",
        "wrong_kind",
        "invalid_epcis",
        "io",
    ];
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
