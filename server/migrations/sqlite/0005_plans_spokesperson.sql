-- The annual operation plan (versions per year) and the spokesperson (issue #5).

CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    version_no       INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'superseded')),
    content          TEXT NOT NULL,            -- PlanContent as JSON
    return_comment   TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       INTEGER NOT NULL REFERENCES users (id),
    updated_by_name  TEXT NOT NULL,
    submitted_at     TEXT,
    approved_at      TEXT,
    approved_by_name TEXT,
    version          INTEGER NOT NULL,
    UNIQUE (year, version_no)
);
-- At most one version of a year being worked on, and one in force.
CREATE UNIQUE INDEX plans_one_open_per_year ON plans (year) WHERE state IN ('draft', 'submitted');
CREATE UNIQUE INDEX plans_one_in_force_per_year ON plans (year) WHERE state = 'approved';

CREATE TABLE plan_history (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    plan_id    INTEGER NOT NULL REFERENCES plans (id),
    year       INTEGER NOT NULL,
    version_no INTEGER NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES users (id),
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    comment    TEXT
);
CREATE INDEX plan_history_by_year ON plan_history (year, id);
CREATE TRIGGER plan_history_no_update BEFORE UPDATE ON plan_history
BEGIN
    SELECT RAISE(ABORT, 'plan_history is append-only');
END;
CREATE TRIGGER plan_history_no_delete BEFORE DELETE ON plan_history
BEGIN
    SELECT RAISE(ABORT, 'plan_history is append-only');
END;

-- Every saved version of the spokesperson's details; the current one is the last.
CREATE TABLE spokesperson_versions (
    version      INTEGER PRIMARY KEY,
    content      TEXT NOT NULL,                -- SpokespersonContent as JSON
    at           TEXT NOT NULL,
    by_id        INTEGER NOT NULL REFERENCES users (id),
    by_name      TEXT NOT NULL,
    -- 'save' (details changed) or 'confirm' (checked, unchanged)
    kind         TEXT NOT NULL CHECK (kind IN ('save', 'confirm'))
);
CREATE TRIGGER spokesperson_versions_no_update BEFORE UPDATE ON spokesperson_versions
BEGIN
    SELECT RAISE(ABORT, 'spokesperson_versions is append-only');
END;
CREATE TRIGGER spokesperson_versions_no_delete BEFORE DELETE ON spokesperson_versions
BEGIN
    SELECT RAISE(ABORT, 'spokesperson_versions is append-only');
END;
