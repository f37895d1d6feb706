-- Required information (issue #6): the organisation structure, links to local departments'
-- portals and training sessions, each a page kept in every saved version; what the link
-- checker found; the staleness setting.

-- Every saved version of each page; a page's current one is its last.
CREATE TABLE info_versions (
    section  TEXT NOT NULL CHECK (section IN ('org', 'links', 'training')),
    version  INTEGER NOT NULL,
    content  TEXT NOT NULL,                  -- OrgContent, LinksContent or TrainingContent as JSON
    at       TEXT NOT NULL,
    by_id    INTEGER NOT NULL REFERENCES users (id),
    by_name  TEXT NOT NULL,
    -- 'save' (content changed) or 'confirm' (checked, unchanged)
    kind     TEXT NOT NULL CHECK (kind IN ('save', 'confirm')),
    PRIMARY KEY (section, version)
);
CREATE TRIGGER info_versions_no_update BEFORE UPDATE ON info_versions
BEGIN
    SELECT RAISE(ABORT, 'info_versions is append-only');
END;
CREATE TRIGGER info_versions_no_delete BEFORE DELETE ON info_versions
BEGIN
    SELECT RAISE(ABORT, 'info_versions is append-only');
END;

-- The last check of each URL (whether or not a page still lists it).
CREATE TABLE link_checks (
    url          TEXT PRIMARY KEY,
    alive        INTEGER NOT NULL CHECK (alive IN (0, 1)),
    status_code  INTEGER,
    checked_at   TEXT NOT NULL,
    error        TEXT
);

-- One row at most: the administrator's staleness threshold (none: the server's default).
CREATE TABLE info_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    stale_after_days  INTEGER NOT NULL CHECK (stale_after_days BETWEEN 1 AND 3650),
    version           INTEGER NOT NULL,
    updated_at        TEXT NOT NULL,
    updated_by_name   TEXT NOT NULL
);
