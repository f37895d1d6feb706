-- The editorial workflow: bodies as structured blocks, the publish checklist, who changed an
-- article last, a change sequence for the board's changes feed, version snapshots, the
-- editorial discussion, the system user of scheduled publishing and public full-text search.
--
-- Databases made by 0001 exist in the field, so existing rows are converted, not dropped.

-- 1. Plain-text bodies become blocks: one paragraph per blank-line-separated chunk.
CREATE TEMP TABLE body_parts (article_id INTEGER, n INTEGER, text TEXT);

WITH RECURSIVE parts (article_id, n, part, rest) AS (
    SELECT id, 0, NULL,
           replace(replace(body, char(13) || char(10), char(10)), char(13), char(10))
               || char(10) || char(10)
      FROM articles
    UNION ALL
    SELECT article_id, n + 1,
           CASE WHEN instr(rest, char(10) || char(10)) > 0
                THEN substr(rest, 1, instr(rest, char(10) || char(10)) - 1)
                ELSE rest END,
           CASE WHEN instr(rest, char(10) || char(10)) > 0
                THEN substr(rest, instr(rest, char(10) || char(10)) + 2)
                ELSE '' END
      FROM parts
     WHERE rest <> ''
)
INSERT INTO body_parts (article_id, n, text)
SELECT article_id, n, trim(part, ' ' || char(9) || char(10))
  FROM parts
 WHERE part IS NOT NULL AND trim(part, ' ' || char(9) || char(10)) <> '';

UPDATE articles SET body = (
    SELECT json_group_array(json_object(
               'type', 'paragraph',
               'spans', json_array(json_object('text', p.text))))
      FROM (SELECT text FROM body_parts WHERE article_id = articles.id ORDER BY n) AS p
);

DROP TABLE body_parts;

-- 2. New article columns.
-- Ids of the manual checklist items an editor has ticked.
ALTER TABLE articles ADD COLUMN checks TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(checks));
-- Who made the last change (save or transition).
ALTER TABLE articles ADD COLUMN updated_by INTEGER REFERENCES users (id);
ALTER TABLE articles ADD COLUMN updated_by_name TEXT NOT NULL DEFAULT '';
-- Required checklist items failing, for the list and the board; -1: not computed yet (the
-- store computes it when it opens the database).
ALTER TABLE articles ADD COLUMN checklist_failing INTEGER NOT NULL DEFAULT -1;
-- Raised past every other article's on each write (create, save, transition, comment,
-- scheduled publish), in the write's transaction: the cursor of `GET /changes`.
ALTER TABLE articles ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
-- fold_vi(title), fold_vi(lead), fold_vi(body text) of published articles live in
-- article_search; this flag says the store has not indexed the row yet (existing rows).
ALTER TABLE articles ADD COLUMN search_indexed INTEGER NOT NULL DEFAULT 0;

UPDATE articles SET
    updated_by = (SELECT actor_id FROM article_history h WHERE h.article_id = articles.id
                   ORDER BY h.id DESC LIMIT 1),
    updated_by_name = COALESCE((SELECT actor_name FROM article_history h
                                 WHERE h.article_id = articles.id ORDER BY h.id DESC LIMIT 1),
                               '');
UPDATE articles SET updated_by = created_by WHERE updated_by IS NULL;
UPDATE articles SET change_seq = (
    SELECT COUNT(*) FROM articles b
     WHERE b.updated_at < articles.updated_at
        OR (b.updated_at = articles.updated_at AND b.id <= articles.id)
);
CREATE UNIQUE INDEX articles_by_change ON articles (change_seq);
CREATE INDEX articles_by_schedule ON articles (stage, scheduled_at);

-- 3. The article at every version (append-only).
CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    version    INTEGER NOT NULL,
    at         TEXT    NOT NULL,
    -- The `Article` as JSON (its checklist is recomputed when read).
    snapshot   TEXT    NOT NULL CHECK (json_valid(snapshot)),
    PRIMARY KEY (article_id, version)
);

CREATE TRIGGER article_versions_no_update BEFORE UPDATE ON article_versions
BEGIN
    SELECT RAISE(ABORT, 'article_versions is append-only');
END;
CREATE TRIGGER article_versions_no_delete BEFORE DELETE ON article_versions
BEGIN
    SELECT RAISE(ABORT, 'article_versions is append-only');
END;

INSERT INTO article_versions (article_id, version, at, snapshot)
SELECT id, version, updated_at, json_object(
           'id', id, 'title', title, 'lead', lead, 'body', json(body), 'section', section,
           'topics', json(topics), 'kind', kind, 'authors', json(authors), 'source', source,
           'cover', json(cover), 'channels', json(channels), 'language', language,
           'model_example', json(CASE WHEN model_example THEN 'true' ELSE 'false' END),
           'checks', json(checks), 'checklist', json_object('items', json_array(), 'failing', 0),
           'stage', stage, 'scheduled_at', scheduled_at, 'published_at', published_at,
           'removal_reason', removal_reason, 'created_by', created_by,
           'created_at', created_at, 'updated_at', updated_at, 'updated_by', updated_by,
           'updated_by_name', updated_by_name, 'stage_changed_at', stage_changed_at,
           'version', version)
  FROM articles;

-- 4. The editorial discussion (append-only); transition comments and reasons are kept here
-- too, with the transition's action and stages.
CREATE TABLE article_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES articles (id),
    at          TEXT    NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES users (id),
    author_name TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    action      TEXT,
    from_stage  TEXT,
    to_stage    TEXT
);
CREATE INDEX article_comments_by_article ON article_comments (article_id, at, id);

CREATE TRIGGER article_comments_no_update BEFORE UPDATE ON article_comments
BEGIN
    SELECT RAISE(ABORT, 'article_comments is append-only');
END;
CREATE TRIGGER article_comments_no_delete BEFORE DELETE ON article_comments
BEGIN
    SELECT RAISE(ABORT, 'article_comments is append-only');
END;

INSERT INTO article_comments (article_id, at, author_id, author_name, text, action, from_stage,
                              to_stage)
SELECT article_id, at, actor_id, actor_name, comment, action, from_stage, to_stage
  FROM article_history
 WHERE comment IS NOT NULL AND trim(comment) <> ''
 ORDER BY id;

-- 5. The actor of scheduled publishing: inactive, no roles, a password hash nothing matches.
INSERT OR IGNORE INTO users (username, full_name, email, roles, active, password_hash, version,
                             created_at, updated_at)
VALUES ('system', 'Hệ thống', NULL, '[]', 0, '!', 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- 6. Public search over the folded text of published articles (rowid = article id), kept in
-- sync by the store on every write.
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, lead, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
