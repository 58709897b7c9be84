-- Shared by SQLite and PostgreSQL (see db/Database).
-- Profiles: an ORCID iD (stored as 0000-0000-0000-000X, its check digit verified by
-- people.Orcid before it is written) and a short plain-text bio, both optional.
ALTER TABLE users ADD COLUMN orcid VARCHAR(19);
ALTER TABLE users ADD COLUMN bio TEXT;

-- One-time password-reset links that an admin makes and hands over. Only the SHA-256 of the
-- link's secret is stored; a link works once (used_at) and until expires_at.
CREATE TABLE password_resets (
    id          ${auto_id},
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_by  BIGINT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX password_resets_user ON password_resets (user_id);
