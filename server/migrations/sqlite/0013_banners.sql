-- Banners of the public portal (issue #17): an image of the media library in a placement, with
-- a link, shown from a start day to an end day (both included, YYYY-MM-DD in
-- Asia/Ho_Chi_Minh, compared as text) in an order within the placement. The foreign key keeps
-- a media item a banner shows from being deleted.

CREATE TABLE banners (
    id              INTEGER PRIMARY KEY,
    placement       TEXT    NOT NULL CHECK (placement IN ('home_top', 'home_middle', 'sidebar')),
    title           TEXT    NOT NULL,
    media_id        INTEGER NOT NULL REFERENCES media_items (id),
    link            TEXT    NOT NULL,
    starts_on       TEXT    NOT NULL CHECK (length(starts_on) = 10),
    ends_on         TEXT    NOT NULL CHECK (length(ends_on) = 10),
    position        INTEGER NOT NULL CHECK (position >= 0),
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_by_name TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL CHECK (version > 0),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX banners_by_placement ON banners (placement, position, id);
CREATE INDEX banners_by_media ON banners (media_id);
CREATE INDEX banners_by_end ON banners (ends_on);
