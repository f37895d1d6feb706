-- 0002 made the system user with INSERT OR IGNORE: a person whose username already was
-- `system` kept it, and the server would have taken them for its own actor (hidden from the
-- user list, refused at login, unchangeable by the admin). Such an account is renamed
-- `system.<id>` (the admin tells its owner), and the real system user is made.
UPDATE users SET username = 'system.' || id
 WHERE username = 'system' AND NOT (password_hash = '!' AND active = 0 AND roles = '[]');

INSERT OR IGNORE INTO users (username, full_name, email, roles, active, password_hash, version,
                             created_at, updated_at)
VALUES ('system', 'Hệ thống', NULL, '[]', 0, '!', 1,
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
