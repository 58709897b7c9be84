-- Initial portal schema, SQLite dialect: the same tables as db/identity/V1 (H2, PostgreSQL), with
-- AUTOINCREMENT ids, which SQLite never hands out twice, not even after the newest row is deleted.
-- Timestamps are UTC text of fixed width (uuuu-MM-ddTHH:mm:ss.ffffffZ, so text order is time
-- order); secrets (session ids, API tokens, invite codes) are stored only as SHA-256 hex digests.

CREATE TABLE cohorts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        VARCHAR(100) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          VARCHAR(254) NOT NULL UNIQUE,
    name           VARCHAR(200) NOT NULL,
    institution    VARCHAR(200) NOT NULL,
    country        VARCHAR(100) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    disabled       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_cohorts (
    user_id    BIGINT NOT NULL REFERENCES users (id),
    cohort_id  BIGINT NOT NULL REFERENCES cohorts (id),
    PRIMARY KEY (user_id, cohort_id)
);

CREATE TABLE invites (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash   VARCHAR(64) NOT NULL UNIQUE,
    role        VARCHAR(20) NOT NULL,
    cohort_id   BIGINT REFERENCES cohorts (id),
    created_by  BIGINT NOT NULL REFERENCES users (id),
    uses_left   INTEGER NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sessions (
    id_hash       VARCHAR(64) PRIMARY KEY,
    user_id       BIGINT REFERENCES users (id),
    csrf_token    VARCHAR(64) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       BIGINT NOT NULL REFERENCES users (id),
    name          VARCHAR(100) NOT NULL,
    token_hash    VARCHAR(64) NOT NULL UNIQUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE circuits (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id              BIGINT NOT NULL REFERENCES users (id),
    visibility            VARCHAR(10) NOT NULL,
    cohort_id             BIGINT REFERENCES cohorts (id),
    latest_version        INTEGER NOT NULL,
    forked_from_id        BIGINT REFERENCES circuits (id),
    forked_from_version   INTEGER,
    deleted               BOOLEAN NOT NULL DEFAULT FALSE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX circuits_owner ON circuits (owner_id);

CREATE TABLE circuit_versions (
    circuit_id   BIGINT NOT NULL REFERENCES circuits (id),
    version      INTEGER NOT NULL,
    title        VARCHAR(200) NOT NULL,
    description  TEXT NOT NULL,
    qasm         TEXT NOT NULL,
    num_qubits   INTEGER NOT NULL,
    num_gates    INTEGER NOT NULL,
    author_id    BIGINT NOT NULL REFERENCES users (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (circuit_id, version)
);

CREATE TABLE circuit_tags (
    circuit_id  BIGINT NOT NULL REFERENCES circuits (id),
    tag         VARCHAR(40) NOT NULL,
    PRIMARY KEY (circuit_id, tag)
);
CREATE INDEX circuit_tags_tag ON circuit_tags (tag);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    circuit_id  BIGINT NOT NULL REFERENCES circuits (id),
    author_id   BIGINT NOT NULL REFERENCES users (id),
    body        TEXT NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX comments_circuit ON comments (circuit_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id   BIGINT,
    action     VARCHAR(40) NOT NULL,
    subject    VARCHAR(300) NOT NULL,
    client     VARCHAR(100)
);
CREATE INDEX audit_log_at ON audit_log (at);
