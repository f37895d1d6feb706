-- The media library (issue #17): one row per item, and every stored file an item refers to
-- (its original and its variants), so that a file shared by two items (the same content
-- uploaded twice) is deleted only with the last of them, and the sweep knows what to keep.

CREATE TABLE media_items (
    id               INTEGER PRIMARY KEY,
    kind             TEXT    NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'document')),
    filename         TEXT    NOT NULL,
    content_type     TEXT    NOT NULL,
    bytes            INTEGER NOT NULL CHECK (bytes > 0),
    width            INTEGER,
    height           INTEGER,
    alt              TEXT    NOT NULL,
    caption          TEXT    NOT NULL,
    -- The stored name of the file served at the item's url: ab/cd/<sha-256>.<ext>.
    file             TEXT    NOT NULL,
    -- JSON [{width, file, content_type}], narrowest first.
    variants         TEXT    NOT NULL DEFAULT '[]',
    -- fold_vi(filename + alt + caption): searching without diacritics.
    search_folded    TEXT    NOT NULL,
    uploaded_by      INTEGER NOT NULL REFERENCES users (id),
    uploaded_by_name TEXT    NOT NULL,
    uploaded_at      TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL CHECK (version > 0)
);
CREATE INDEX media_items_by_upload ON media_items (uploaded_at, id);
CREATE INDEX media_items_by_kind ON media_items (kind, uploaded_at);

CREATE TABLE media_files (
    item_id INTEGER NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    name    TEXT    NOT NULL,
    PRIMARY KEY (item_id, name)
);
CREATE INDEX media_files_by_name ON media_files (name);
