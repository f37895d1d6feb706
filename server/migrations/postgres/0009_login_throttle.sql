-- Login throttling in the database (issue #18), so that every server process counts the same
-- attempts. A key is `pair:<client>:<username>` or `client:<client>`, where <client> is a keyed
-- hash of the address (never the address itself). Rows whose window ended a day ago are purged.
CREATE TABLE login_throttle (
    key             TEXT    PRIMARY KEY,
    attempts        BIGINT  NOT NULL,
    window_ends_at  TEXT    NOT NULL,
    strikes         BIGINT  NOT NULL DEFAULT 0,
    refusal_audited BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX login_throttle_window ON login_throttle (window_ends_at);

-- Secrets of the installation shared by its processes (the throttle's key for addresses).
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- When the session's user last typed their password again (re-authentication before changing
-- roles or another user's password, valid five minutes).
ALTER TABLE sessions ADD COLUMN reauthenticated_at TEXT;
