"""tracemark: signed product-traceability records, counterfeit detection and recall propagation.

Records have one canonical encoding, a BLAKE3 content id and a strict Ed25519 signature;
verification returns a report (verdict, findings with stable codes and evidence), never a bare
boolean. The native module ``tracemark._core`` does the work; this package re-exports it.

>>> import tracemark
>>> records, trust = tracemark.sample_supply_chain()
>>> record = tracemark.SignedRecord.decode(bytes(records[2]))
>>> record.verify(trust).report.verdict
'valid'
"""

import secrets as _secrets

from tracemark._core import (
    ERROR_CODES,
    FINDING_CODES,
    BatchVerification,
    ChainSigner,
    CompanyPrefix,
    DigitalLink,
    ElementStrings,
    EpcisImport,
    EpcisProblem,
    EpcUri,
    EventHash,
    EventQuery,
    Finding,
    ForkProof,
    Gln,
    Gtin,
    ImportedEvent,
    Lot,
    PrefixLengths,
    PublicKey,
    RejectedEvent,
    SecretKey,
    Serial,
    SignedRecord,
    Sscc,
    TrustStore,
    Verification,
    VerificationReport,
    VerifiedRecord,
    check_chains,
    event_hashes,
    export_epcis,
    import_epcis,
    parse_identifier,
    sample_supply_chain,
    sign_record,
    sign_unsigned,
    unsigned_bytes,
    verify_batch,
    verify_record,
)
from tracemark.errors import (
    DecodeError,
    IdentifierError,
    InvalidInputError,
    SignatureError,
    StorageError,
    TracemarkError,
    WrongKindError,
)


def generate_secret_key() -> SecretKey:
    """A new secret key from the operating system's cryptographic RNG."""
    return SecretKey.from_seed(_secrets.token_bytes(32))


__all__ = [
    "ERROR_CODES",
    "FINDING_CODES",
    "BatchVerification",
    "ChainSigner",
    "CompanyPrefix",
    "DecodeError",
    "DigitalLink",
    "ElementStrings",
    "EpcUri",
    "EpcisImport",
    "EpcisProblem",
    "EventHash",
    "EventQuery",
    "Finding",
    "ForkProof",
    "Gln",
    "Gtin",
    "IdentifierError",
    "ImportedEvent",
    "InvalidInputError",
    "Lot",
    "PrefixLengths",
    "PublicKey",
    "RejectedEvent",
    "SecretKey",
    "Serial",
    "SignatureError",
    "SignedRecord",
    "StorageError",
    "Sscc",
    "TracemarkError",
    "TrustStore",
    "Verification",
    "VerificationReport",
    "VerifiedRecord",
    "WrongKindError",
    "check_chains",
    "event_hashes",
    "export_epcis",
    "generate_secret_key",
    "import_epcis",
    "parse_identifier",
    "sample_supply_chain",
    "sign_record",
    "sign_unsigned",
    "unsigned_bytes",
    "verify_batch",
    "verify_record",
]
