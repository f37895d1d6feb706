-- Monthly norm settings per year and quarterly submissions of model articles (issue #6).

-- The norms the board set for a year; used when the year has no approved plan.
CREATE TABLE norm_settings (
    year            INTEGER PRIMARY KEY,
    months          TEXT NOT NULL,             -- [MonthNorm; 12] as JSON
    updated_at      TEXT NOT NULL,
    updated_by      INTEGER NOT NULL REFERENCES users (id),
    updated_by_name TEXT NOT NULL,
    version         INTEGER NOT NULL
);

-- Model articles sent to the VSS portal board; a record is never changed or deleted.
CREATE TABLE quarterly_submissions (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    quarter          INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    sent_on          TEXT NOT NULL,            -- YYYY-MM-DD, Asia/Ho_Chi_Minh
    articles         TEXT NOT NULL,            -- [SubmittedArticle] as JSON
    note             TEXT NOT NULL,
    recorded_by      INTEGER NOT NULL REFERENCES users (id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
);
CREATE INDEX quarterly_submissions_by_quarter ON quarterly_submissions (year, quarter, id);
CREATE TRIGGER quarterly_submissions_no_update BEFORE UPDATE ON quarterly_submissions
BEGIN
    SELECT RAISE(ABORT, 'quarterly_submissions is append-only');
END;
CREATE TRIGGER quarterly_submissions_no_delete BEFORE DELETE ON quarterly_submissions
BEGIN
    SELECT RAISE(ABORT, 'quarterly_submissions is append-only');
END;
