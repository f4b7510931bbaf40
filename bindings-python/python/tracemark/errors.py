"""Exceptions raised by tracemark.

Every error is a ``TracemarkError`` with a stable ``code`` (the same code the Rust core and the
JavaScript package use, listed in ``tracemark.ERROR_CODES``), and a subclass for its family. All
families are also ``ValueError``: the caller's input is at fault.
"""

from typing import Optional


class TracemarkError(Exception):
    """Base class of every tracemark error; ``code`` is the stable snake_case code.

    For a GS1 syntax error (``invalid_element_string``, ``invalid_digital_link``,
    ``invalid_epc_uri``) ``rule`` names the rule broken, ``ai`` the AI and ``position`` the
    offset in the input. For an EPCIS document that cannot be read (``invalid_epcis``), ``rule``
    names the rule and ``path`` the JSON path (``$.epcisBody.eventList[3].bizStep``). They are
    ``None`` otherwise.
    """

    code: str
    rule: Optional[str] = None
    path: Optional[str] = None
    ai: Optional[str] = None
    position: Optional[int] = None

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={str(self)!r})"


class DecodeError(TracemarkError, ValueError):
    """The bytes are not exactly one canonical record (codes ``decode_*``)."""


class IdentifierError(TracemarkError, ValueError):
    """A GS1 key or attribute is not valid (``invalid_gtin``, ``invalid_serial``, ...)."""


class InvalidInputError(TracemarkError, ValueError):
    """A time, quantity, term, key, record id, JSON view or record rule is not valid."""


class SignatureError(TracemarkError, ValueError):
    """A signature does not verify where only a valid one is accepted (``signature_invalid``)."""


class WrongKindError(TracemarkError, ValueError):
    """A record of the wrong kind was given (``wrong_kind``)."""


class StorageError(TracemarkError):
    """The store could not read or write (``storage``); not the caller's input at fault."""


__all__ = [
    "TracemarkError",
    "DecodeError",
    "IdentifierError",
    "InvalidInputError",
    "SignatureError",
    "WrongKindError",
    "StorageError",
]
