// Errors thrown by the tracemark package: real Error subclasses with a stable `code` (the
// same codes as the Rust core and the Python package). The wasm side constructs them by family.

export class TracemarkError extends Error {
  constructor(code, message, detail = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    // For GS1 syntax errors (invalid_element_string, invalid_digital_link, invalid_epc_uri):
    // the rule broken, the AI and the offset in the input; undefined otherwise.
    this.rule = detail.rule;
    this.ai = detail.ai;
    this.position = detail.position;
    // For an EPCIS document that cannot be read (invalid_epcis): the rule and the JSON path
    // (`$.epcisBody.eventList[3].bizStep`); undefined otherwise.
    this.path = detail.path;
  }
}

/** The bytes are not exactly one canonical record (codes `decode_*`). */
export class DecodeError extends TracemarkError {}
/** A GS1 key or attribute is not valid. */
export class IdentifierError extends TracemarkError {}
/** A time, quantity, term, key, record id, JSON view or record rule is not valid. */
export class InvalidInputError extends TracemarkError {}
/** A signature does not verify where only a valid one is accepted. */
export class SignatureError extends TracemarkError {}
/** A record of the wrong kind was given. */
export class WrongKindError extends TracemarkError {}
/** The store could not read or write. */
export class StorageError extends TracemarkError {}

const FAMILIES = {
  decode: DecodeError,
  identifier: IdentifierError,
  signature: SignatureError,
  kind: WrongKindError,
  storage: StorageError,
  input: InvalidInputError,
};

export function makeError(family, code, message, rule, ai, position, path) {
  const Class = FAMILIES[family] ?? TracemarkError;
  return new Class(code, message, { rule, ai, position, path });
}
