-- Revisions after approval: an edit of an approved or published article is kept here (the
-- revised article as JSON, and where its review stands) until the chief editor approves it;
-- the article's own columns stay what was approved, which the public portal and search read.
ALTER TABLE articles ADD COLUMN revision TEXT;
ALTER TABLE articles ADD COLUMN revision_stage TEXT;
