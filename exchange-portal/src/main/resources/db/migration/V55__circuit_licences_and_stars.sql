-- Shared by SQLite and PostgreSQL (see db/Database).
-- Credit: each circuit carries the SPDX identifier of the licence its author chose at creation.
-- NULL (every circuit made before this migration, and forks) means "the origin's licence, or
-- CC-BY-4.0 for a circuit that is not a fork": a fork may not relicense its origin's work.
ALTER TABLE circuits ADD COLUMN license VARCHAR(40);
-- Stars (bookmarks): one row per person and circuit, so starring twice changes nothing.
CREATE TABLE circuit_stars (
    circuit_id  BIGINT NOT NULL REFERENCES circuits (id),
    user_id     BIGINT NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (circuit_id, user_id)
);
CREATE INDEX circuit_stars_user ON circuit_stars (user_id, created_at);
-- Fork counts and the fork chain walk circuits by their origin.
CREATE INDEX circuits_forked_from ON circuits (forked_from_id);
