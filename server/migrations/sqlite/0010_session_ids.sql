-- Security (issue #7).
-- Sessions get a number the administrator can name to end one (`DELETE /sessions/{id}`)
-- without ever seeing the token's hash; AUTOINCREMENT never hands a number out twice, so an
-- old number cannot end a newer session. Live sessions are kept.
CREATE TABLE sessions_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash          TEXT    NOT NULL UNIQUE,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          TEXT    NOT NULL,
    idle_expires_at     TEXT    NOT NULL,
    absolute_expires_at TEXT    NOT NULL
);
INSERT INTO sessions_new (token_hash, user_id, created_at, idle_expires_at, absolute_expires_at)
    SELECT token_hash, user_id, created_at, idle_expires_at, absolute_expires_at
    FROM sessions ORDER BY created_at;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_by_user ON sessions (user_id);

-- The audit viewer filters by date range (newest first by id).
CREATE INDEX audit_log_by_at ON audit_log (at);
