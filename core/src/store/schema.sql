-- tracemark store, schema version 3. One SQLite file in WAL mode, readable by any SQLite tool.
-- Append-only: rows are inserted, never updated or deleted. Migrations live in store/mod.rs.

-- Key/value facts about the database itself: schema_version.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Records that verified when they were stored. `bytes` is the canonical encoding, signature
-- included; the other columns are copies of its facts for querying.
CREATE TABLE records (
    arrival     INTEGER PRIMARY KEY,   -- version 3: storing order, so rows append in place
    id          BLOB NOT NULL UNIQUE,  -- 32-byte content id
    bytes       BLOB NOT NULL,
    kind        TEXT NOT NULL,         -- record kind, e.g. 'commission'
    signer      BLOB NOT NULL,         -- 32-byte public key
    seq         INTEGER NOT NULL,      -- the signer's sequence number
    signed_at   INTEGER NOT NULL,      -- ms since the Unix epoch
    event_time  INTEGER,               -- ms since the Unix epoch; events only
    party       TEXT,                  -- GLN the signer spoke for
    stored_at   INTEGER NOT NULL       -- ms since the Unix epoch, by the storing machine
) STRICT;
CREATE INDEX records_by_signer ON records (signer, seq);
CREATE INDEX records_by_event_time ON records (event_time);
CREATE INDEX records_by_kind ON records (kind);

-- Every GS1 identifier a stored record mentions, with its role in the record, for trace and
-- recall: 'object', 'quantity', 'parent', 'child', 'input', 'output', 'recall'. Version 3: the
-- identifier is one key in GS1 Digital Link path form, '01/{gtin}', '01/{gtin}/10/{lot}',
-- '01/{gtin}/21/{serial}' or '00/{sscc}', so one B-tree serves every lookup (a GTIN's
-- mentions are the range of keys that start with '01/{gtin}'). The lot or serial is always
-- the last part, so a '/' inside it is not ambiguous.
CREATE TABLE mentions (
    key     TEXT NOT NULL,
    record  BLOB NOT NULL,             -- records.id, written in the same transaction
    role    TEXT NOT NULL,
    PRIMARY KEY (key, record, role)
) STRICT, WITHOUT ROWID;

-- Records that did not verify, never mixed with the verified ones and never dropped: the bytes
-- as received and the verification report (JSON).
CREATE TABLE quarantine (
    id          BLOB PRIMARY KEY,
    bytes       BLOB NOT NULL,
    verdict     TEXT NOT NULL,
    report      TEXT NOT NULL,
    received_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Version 2. The keys this store trusts as roots, so that every later import verifies against
-- the same anchors (certificates and revocations are records, stored like any other).
CREATE TABLE anchors (
    key      BLOB PRIMARY KEY,         -- 32-byte public key
    name     TEXT NOT NULL,            -- shown in reports
    added_at INTEGER NOT NULL          -- ms since the Unix epoch
) STRICT, WITHOUT ROWID;
