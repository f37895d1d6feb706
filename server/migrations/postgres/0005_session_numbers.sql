-- Security (issue #7): sessions get a number the administrator can name to end one
-- (`DELETE /sessions/{id}`) without ever seeing the token's hash; an identity never hands a
-- number out twice. Live sessions are numbered as they are.
ALTER TABLE sessions ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;

-- The audit viewer filters by date range (newest first by id).
CREATE INDEX audit_log_by_at ON audit_log (at);
