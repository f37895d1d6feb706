-- Royalties and remuneration (issue #6): the settings (coefficient table per kind, history of
-- unit values) and each article's assessment and payment.

-- Every saved version of the settings; the current one is the last. Before the first save the
-- server uses the defaults (Decree 18 caps, 234.000 ₫ from 01/07/2024).
CREATE TABLE royalty_settings (
    version      INTEGER PRIMARY KEY,
    coefficients TEXT NOT NULL CHECK (json_valid(coefficients)),   -- [CoefficientRange]
    unit_values  TEXT NOT NULL CHECK (json_valid(unit_values)),    -- [UnitValue]
    at           TEXT NOT NULL,
    by_id        INTEGER NOT NULL REFERENCES users (id),
    by_name      TEXT NOT NULL
);
CREATE TRIGGER royalty_settings_no_update BEFORE UPDATE ON royalty_settings
BEGIN
    SELECT RAISE(ABORT, 'royalty_settings is append-only');
END;
CREATE TRIGGER royalty_settings_no_delete BEFORE DELETE ON royalty_settings
BEGIN
    SELECT RAISE(ABORT, 'royalty_settings is append-only');
END;

-- An article's assessment (coefficient, remuneration entries) and payment. Amounts are
-- computed when read, from the article's authors and the unit value of its publication day.
CREATE TABLE article_royalties (
    article_id         INTEGER PRIMARY KEY REFERENCES articles (id),
    coefficient_tenths INTEGER CHECK (coefficient_tenths IS NULL OR coefficient_tenths > 0),
    remunerations      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(remunerations)),
    assessed_at        TEXT,
    assessed_by_name   TEXT,
    paid_on            TEXT,                                  -- YYYY-MM-DD, Asia/Ho_Chi_Minh
    paid_by_name       TEXT,
    version            INTEGER NOT NULL CHECK (version > 0)
);
