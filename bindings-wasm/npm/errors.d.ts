/** Base class of every error tracemark throws; `code` is the stable snake_case code. */
export declare class TracemarkError extends Error {
  readonly code: string;
  /** GS1 syntax and EPCIS errors only: the rule broken (e.g. `incorrect_check_digit`, `missing_field`). */
  readonly rule?: string;
  /** GS1 syntax errors only: the AI concerned, if any. */
  readonly ai?: string;
  /** GS1 syntax errors only: the byte offset in the input. */
  readonly position?: number;
  /** EPCIS errors only (`invalid_epcis`): the JSON path (`$.epcisBody.eventList[3].bizStep`). */
  readonly path?: string;
  constructor(
    code: string,
    message: string,
    detail?: { rule?: string; ai?: string; position?: number; path?: string },
  );
}
/** The bytes are not exactly one canonical record (codes `decode_*`). */
export declare class DecodeError extends TracemarkError {}
/** A GS1 key or attribute is not valid. */
export declare class IdentifierError extends TracemarkError {}
/** A time, quantity, term, key, record id, JSON view or record rule is not valid. */
export declare class InvalidInputError extends TracemarkError {}
/** A signature does not verify where only a valid one is accepted. */
export declare class SignatureError extends TracemarkError {}
/** A record of the wrong kind was given. */
export declare class WrongKindError extends TracemarkError {}
/** The store could not read or write. */
export declare class StorageError extends TracemarkError {}
