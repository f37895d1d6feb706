-- Visitor statistics of the public portal (issue #4); mirrors migrations/sqlite/0004.
--
-- No IP address and no user agent is stored anywhere. A visitor is a keyed hash of
-- site + IP + user agent with a salt that rotates at local midnight; only the current and the
-- previous day's salts exist, so a hash can never be linked across days or recomputed later.
-- Queries read the hourly and daily rollups only; raw events are kept a configurable number
-- of days (realtime and audits) and then deleted.
--
-- Days are DATE (Asia/Ho_Chi_Minh calendar days, bound as chrono::NaiveDate); instants are
-- milliseconds (events, visits) or seconds (hours) since the epoch, UTC.

CREATE TABLE stats_salts (
    day  DATE PRIMARY KEY,
    salt BYTEA NOT NULL
);

CREATE TABLE stats_visits (
    id         BIGINT PRIMARY KEY,  -- assigned by the engine
    visitor    BIGINT NOT NULL,     -- keyed daily hash
    started_at BIGINT NOT NULL,     -- ms since the epoch, UTC
    last_at    BIGINT NOT NULL,
    pageviews  BIGINT NOT NULL,
    source     TEXT NOT NULL,
    referrer   TEXT,                -- host only
    device     TEXT NOT NULL,
    browser    TEXT NOT NULL,
    entry_path TEXT NOT NULL
);
CREATE INDEX stats_visits_last ON stats_visits (last_at);

CREATE TABLE stats_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         BIGINT NOT NULL,     -- ms since the epoch, UTC
    visit_id   BIGINT,              -- NULL for bots
    visitor    BIGINT,              -- NULL for bots
    path       TEXT NOT NULL,
    article_id BIGINT,
    referrer   TEXT,                -- host only
    bot        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX stats_events_at ON stats_events (at);

CREATE TABLE stats_hourly (
    hour          BIGINT PRIMARY KEY,   -- start of the hour, s since the epoch
    visitors      BIGINT NOT NULL DEFAULT 0,
    visits        BIGINT NOT NULL DEFAULT 0,
    pageviews     BIGINT NOT NULL DEFAULT 0,
    bounces       BIGINT NOT NULL DEFAULT 0,
    visit_seconds BIGINT NOT NULL DEFAULT 0,
    bot_pageviews BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE stats_daily (
    day           DATE PRIMARY KEY,
    visitors      BIGINT NOT NULL DEFAULT 0,
    visits        BIGINT NOT NULL DEFAULT 0,
    pageviews     BIGINT NOT NULL DEFAULT 0,
    bounces       BIGINT NOT NULL DEFAULT 0,
    visit_seconds BIGINT NOT NULL DEFAULT 0,
    bot_pageviews BIGINT NOT NULL DEFAULT 0
);

-- Breakdowns: one row per day, dimension (0 pages, 1 articles, 2 sources, 3 referrers,
-- 4 devices, 5 browsers) and key.
CREATE TABLE stats_dims (
    dim       BIGINT NOT NULL,
    day       DATE NOT NULL,
    key       TEXT NOT NULL,
    visitors  BIGINT NOT NULL DEFAULT 0,
    visits    BIGINT NOT NULL DEFAULT 0,
    pageviews BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, day, key)
);
