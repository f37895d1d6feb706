-- Visitor statistics of the public portal (issue #4).
--
-- No IP address and no user agent is stored anywhere. A visitor is a keyed hash of
-- site + IP + user agent with a salt that rotates at local midnight; only the current and the
-- previous day's salts exist, so a hash can never be linked across days or recomputed later.
-- Queries read the hourly and daily rollups only; raw events are kept a configurable number
-- of days (realtime and audits) and then deleted.

CREATE TABLE stats_salts (
    day  TEXT PRIMARY KEY,          -- YYYY-MM-DD, Asia/Ho_Chi_Minh
    salt BLOB NOT NULL
);

CREATE TABLE stats_visits (
    id         INTEGER PRIMARY KEY,
    visitor    INTEGER NOT NULL,    -- keyed daily hash
    started_at INTEGER NOT NULL,    -- ms since the epoch, UTC
    last_at    INTEGER NOT NULL,
    pageviews  INTEGER NOT NULL,
    source     TEXT NOT NULL,
    referrer   TEXT,                -- host only
    device     TEXT NOT NULL,
    browser    TEXT NOT NULL,
    entry_path TEXT NOT NULL
);
CREATE INDEX stats_visits_last ON stats_visits (last_at);

CREATE TABLE stats_events (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,    -- ms since the epoch, UTC
    visit_id   INTEGER,             -- NULL for bots
    visitor    INTEGER,             -- NULL for bots
    path       TEXT NOT NULL,
    article_id INTEGER,
    referrer   TEXT,                -- host only
    bot        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stats_events_at ON stats_events (at);

CREATE TABLE stats_hourly (
    hour          INTEGER PRIMARY KEY,  -- start of the hour, s since the epoch
    visitors      INTEGER NOT NULL DEFAULT 0,
    visits        INTEGER NOT NULL DEFAULT 0,
    pageviews     INTEGER NOT NULL DEFAULT 0,
    bounces       INTEGER NOT NULL DEFAULT 0,
    visit_seconds INTEGER NOT NULL DEFAULT 0,
    bot_pageviews INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stats_daily (
    day           TEXT PRIMARY KEY,     -- YYYY-MM-DD, Asia/Ho_Chi_Minh
    visitors      INTEGER NOT NULL DEFAULT 0,
    visits        INTEGER NOT NULL DEFAULT 0,
    pageviews     INTEGER NOT NULL DEFAULT 0,
    bounces       INTEGER NOT NULL DEFAULT 0,
    visit_seconds INTEGER NOT NULL DEFAULT 0,
    bot_pageviews INTEGER NOT NULL DEFAULT 0
);

-- Breakdowns: one row per day, dimension (0 pages, 1 articles, 2 sources, 3 referrers,
-- 4 devices, 5 browsers) and key.
CREATE TABLE stats_dims (
    dim       INTEGER NOT NULL,
    day       TEXT NOT NULL,
    key       TEXT NOT NULL,
    visitors  INTEGER NOT NULL DEFAULT 0,
    visits    INTEGER NOT NULL DEFAULT 0,
    pageviews INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;
