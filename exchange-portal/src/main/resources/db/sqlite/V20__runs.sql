-- Server-side runs of circuits, results pushed from elsewhere, and their verifications.
-- A run carries the canonical text of the circuit it simulated, so it can be reproduced even
-- if the circuit changes later; JSON columns hold counts, expectation values, small states and
-- the reproducibility manifest.

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    circuit_id        BIGINT NOT NULL REFERENCES circuits (id),
    circuit_version   INTEGER NOT NULL,
    owner_id          BIGINT NOT NULL REFERENCES users (id),
    origin            VARCHAR(12) NOT NULL,
    reproduces_id     BIGINT REFERENCES runs (id),
    fresh_seed        BOOLEAN NOT NULL DEFAULT FALSE,
    status            VARCHAR(12) NOT NULL,
    shots             BIGINT NOT NULL,
    seed              BIGINT NOT NULL,
    engine            VARCHAR(40) NOT NULL,
    expect            TEXT NOT NULL,
    circuit_qasm      TEXT NOT NULL,
    circuit_sha256    VARCHAR(64) NOT NULL,
    num_qubits        INTEGER NOT NULL,
    progress          DOUBLE PRECISION NOT NULL,
    message           VARCHAR(2000),
    counts            TEXT,
    expectations      TEXT,
    state             TEXT,
    manifest          TEXT,
    result_sha256     VARCHAR(64),
    queued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX runs_circuit ON runs (circuit_id);
CREATE INDEX runs_status ON runs (status);
CREATE INDEX runs_reproduces ON runs (reproduces_id);

CREATE TABLE run_verifications (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id              BIGINT NOT NULL REFERENCES runs (id),
    rerun_id            BIGINT REFERENCES runs (id),
    verdict             VARCHAR(30) NOT NULL,
    method              VARCHAR(20) NOT NULL,
    p_value             DOUBLE PRECISION,
    statistic           DOUBLE PRECISION,
    degrees_of_freedom  INTEGER,
    threshold           DOUBLE PRECISION,
    detail              VARCHAR(2000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX run_verifications_run ON run_verifications (run_id);
