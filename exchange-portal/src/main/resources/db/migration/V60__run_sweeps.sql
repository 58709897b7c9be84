-- Shared by SQLite, H2 and PostgreSQL (see db/Database).
-- A sweep is a run of a parametric circuit over many parameter points (issue 13, item 6). The
-- run row carries the circuit, seed, shots, engine and status as for any run; run_sweeps holds
-- the points it covers (JSON: names and values, or the grid's axes), and run_sweep_points one
-- row per finished point: its parameter values, its expectation values, and its rows exactly as
-- `qise sweep` writes them in CSV and JSON Lines, so downloads are byte-identical to the CLI.
CREATE TABLE run_sweeps (
    run_id      BIGINT NOT NULL PRIMARY KEY REFERENCES runs (id),
    spec        TEXT NOT NULL,
    sweep_id    VARCHAR(16) NOT NULL,
    points      INTEGER NOT NULL
);
CREATE TABLE run_sweep_points (
    run_id        BIGINT NOT NULL REFERENCES runs (id),
    point_index   INTEGER NOT NULL,
    parameters    TEXT NOT NULL,
    expectations  TEXT,
    csv_row       TEXT NOT NULL,
    jsonl_row     TEXT NOT NULL,
    PRIMARY KEY (run_id, point_index)
);
