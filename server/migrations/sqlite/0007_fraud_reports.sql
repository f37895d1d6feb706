-- Fraud reports from local offices (Official Dispatch 1466/BHXH-TT, issue #6): filed by a
-- local office, verified by the IT Centre, communicated by the Communication Centre.

CREATE TABLE fraud_reports (
    id               INTEGER PRIMARY KEY,
    occurred_at      TEXT    NOT NULL,
    location         TEXT    NOT NULL,
    channel          TEXT    NOT NULL CHECK (channel IN ('phone', 'sms', 'social_network',
                                                         'fake_website', 'app')),
    description      TEXT    NOT NULL,
    amount           INTEGER NOT NULL CHECK (amount >= 0),          -- đồng
    people_affected  INTEGER NOT NULL CHECK (people_affected >= 0),
    evidence_url     TEXT,
    office           TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('new', 'verified', 'communicated')),
    -- The warning article drafted from the report: one per report.
    article_id       INTEGER UNIQUE REFERENCES articles (id),
    reported_by      INTEGER NOT NULL REFERENCES users (id),
    reported_by_name TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL
);
CREATE INDEX fraud_reports_by_state ON fraud_reports (state, occurred_at);
CREATE INDEX fraud_reports_by_reporter ON fraud_reports (reported_by);

-- Who did what when; never changed, never deleted.
CREATE TABLE fraud_report_history (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES fraud_reports (id),
    at         TEXT    NOT NULL,
    actor_id   INTEGER NOT NULL REFERENCES users (id),
    actor_name TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    comment    TEXT,
    article_id INTEGER REFERENCES articles (id)
);
CREATE INDEX fraud_report_history_by_report ON fraud_report_history (report_id, id);
CREATE TRIGGER fraud_report_history_no_update BEFORE UPDATE ON fraud_report_history
BEGIN
    SELECT RAISE(ABORT, 'fraud_report_history is append-only');
END;
CREATE TRIGGER fraud_report_history_no_delete BEFORE DELETE ON fraud_report_history
BEGIN
    SELECT RAISE(ABORT, 'fraud_report_history is append-only');
END;
