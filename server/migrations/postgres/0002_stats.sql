-- Visitor statistics (mirrors migrations/sqlite/0004).
SELECT 1;
