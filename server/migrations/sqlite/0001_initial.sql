-- Users, sessions, articles with their append-only history, and the append-only audit log.
-- Timestamps are UTC text `YYYY-MM-DDTHH:MM:SS.ffffffZ`, so they sort as text.
-- JSON columns hold arrays/objects of the contract's serde types.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    full_name     TEXT    NOT NULL,
    email         TEXT,
    roles         TEXT    NOT NULL CHECK (json_valid(roles)),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    password_hash TEXT    NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

-- Only the SHA-256 of a session token is stored.
CREATE TABLE sessions (
    token_hash          TEXT    PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          TEXT    NOT NULL,
    idle_expires_at     TEXT    NOT NULL,
    absolute_expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE articles (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT    NOT NULL,
    lead             TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    section          TEXT    NOT NULL,
    topics           TEXT    NOT NULL CHECK (json_valid(topics)),
    kind             TEXT    NOT NULL,
    authors          TEXT    NOT NULL CHECK (json_valid(authors)),
    source           TEXT    NOT NULL,
    cover            TEXT             CHECK (cover IS NULL OR json_valid(cover)),
    channels         TEXT    NOT NULL CHECK (json_valid(channels)),
    language         TEXT    NOT NULL,
    model_example    INTEGER NOT NULL CHECK (model_example IN (0, 1)),
    stage            TEXT    NOT NULL CHECK (stage IN ('draft', 'editing', 'review',
                         'pending_approval', 'approved', 'published', 'removal_requested',
                         'removed')),
    scheduled_at     TEXT,
    published_at     TEXT,
    removal_reason   TEXT,
    created_by       INTEGER NOT NULL REFERENCES users (id),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    stage_changed_at TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    -- fold_vi(title + lead + section): diacritic- and case-insensitive search.
    search_folded    TEXT    NOT NULL,
    -- fold_vi(title): sorting by title the way a reader expects.
    title_folded     TEXT    NOT NULL
);
CREATE INDEX articles_by_stage ON articles (stage, updated_at);
CREATE INDEX articles_by_updated ON articles (updated_at);
CREATE INDEX articles_by_creator ON articles (created_by);

CREATE TABLE article_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES articles (id),
    at          TEXT    NOT NULL,
    actor_id    INTEGER NOT NULL REFERENCES users (id),
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_stage  TEXT,
    to_stage    TEXT,
    comment     TEXT,
    version     INTEGER NOT NULL
);
CREATE INDEX article_history_by_article ON article_history (article_id, id);

CREATE TRIGGER article_history_no_update BEFORE UPDATE ON article_history
BEGIN
    SELECT RAISE(ABORT, 'article_history is append-only');
END;
CREATE TRIGGER article_history_no_delete BEFORE DELETE ON article_history
BEGIN
    SELECT RAISE(ABORT, 'article_history is append-only');
END;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES users (id),
    actor_name  TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('success', 'failure')),
    detail      TEXT
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
