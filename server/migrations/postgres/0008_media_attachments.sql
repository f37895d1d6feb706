-- A video's poster and a video's or a sound's captions (issue #17): stored names of files of
-- their own (ab/cd/<sha-256>.<ext>), also listed in media_files so the sweep keeps them.
ALTER TABLE media_items ADD COLUMN poster TEXT;
ALTER TABLE media_items ADD COLUMN captions TEXT;
