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
    FclNetwork,
    Finding,
    ForkProof,
    Gln,
    Gtin,
    ImportedEvent,
    Lot,
    PrefixLengths,
    PublicKey,
    RecallImpact,
    RejectedEvent,
    SecretKey,
    Serial,
    SignedRecord,
    Sscc,
    TraceGraph,
    TrustStore,
    Verification,
    VerificationReport,
    VerifiedRecord,
    assess_recall,
    check_chains,
    event_hashes,
    export_epcis,
    fsma_file,
    fsma_spreadsheet,
    import_epcis,
    outbreak_scores,
    parse_identifier,
    sample_supply_chain,
    sign_record,
    sign_unsigned,
    synthetic_supply_chain,
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


def to_arrow(columns: "dict[str, list[object]]") -> "object":
    """A column table (what traces, recall impacts, spreadsheets and scores return) as a
    ``pyarrow.Table``; needs ``pyarrow`` (``pip install tracemark[arrow]``)."""
    import pyarrow

    return pyarrow.table(columns)


def to_pandas(columns: "dict[str, list[object]]") -> "object":
    """A column table as a ``pandas.DataFrame``; needs ``pandas`` (``tracemark[pandas]``)."""
    import pandas

    return pandas.DataFrame(columns)


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
    "FclNetwork",
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
    "RecallImpact",
    "RejectedEvent",
    "SecretKey",
    "Serial",
    "SignatureError",
    "SignedRecord",
    "StorageError",
    "Sscc",
    "TraceGraph",
    "TracemarkError",
    "TrustStore",
    "Verification",
    "VerificationReport",
    "VerifiedRecord",
    "WrongKindError",
    "assess_recall",
    "check_chains",
    "event_hashes",
    "export_epcis",
    "fsma_file",
    "fsma_spreadsheet",
    "generate_secret_key",
    "import_epcis",
    "outbreak_scores",
    "parse_identifier",
    "sample_supply_chain",
    "sign_record",
    "sign_unsigned",
    "synthetic_supply_chain",
    "to_arrow",
    "to_pandas",
    "unsigned_bytes",
    "verify_batch",
    "verify_record",
]
