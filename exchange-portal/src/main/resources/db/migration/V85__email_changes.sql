-- Shared by SQLite and PostgreSQL (see db/Database).
-- Pending email changes: the new address waits here until the one-time link mailed to it is
-- used. Only the SHA-256 of the link's secret is stored; a link works once (used_at) and until
-- expires_at, and a newer request for the same account spends the older ones.
CREATE TABLE email_changes (
    id          ${auto_id},
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    new_email   VARCHAR(254) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX email_changes_user ON email_changes (user_id);
