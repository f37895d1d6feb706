-- Idempotency-Key records (issue #7): one per (session, key), kept a day.
-- `applied` is set inside the transaction of the write itself, so a retry after a crash knows
-- for certain whether the write happened.
CREATE TABLE idempotency_keys (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    lease_until TEXT NOT NULL,
    applied INTEGER NOT NULL DEFAULT 0,
    applied_target TEXT,
    status INTEGER,
    content_type TEXT,
    etag TEXT,
    location TEXT,
    body BLOB,
    UNIQUE (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
