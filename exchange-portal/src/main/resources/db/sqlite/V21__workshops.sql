-- Workshops: an instructor's exercises with targets, and participants' graded submissions.
-- The join code is kept in plain text so the instructor can show it to the room again; it
-- only lets a signed-in person join this one workshop.

CREATE TABLE workshops (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          VARCHAR(200) NOT NULL,
    held_on        VARCHAR(10) NOT NULL,
    instructor_id  BIGINT NOT NULL REFERENCES users (id),
    cohort_id      BIGINT REFERENCES cohorts (id),
    join_code      VARCHAR(40) UNIQUE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE workshop_members (
    workshop_id  BIGINT NOT NULL REFERENCES workshops (id),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workshop_id, user_id)
);

CREATE TABLE workshop_exercises (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id  BIGINT NOT NULL REFERENCES workshops (id),
    title        VARCHAR(200) NOT NULL,
    task         TEXT NOT NULL,
    target_kind  VARCHAR(12) NOT NULL,
    num_qubits   INTEGER NOT NULL,
    target       TEXT NOT NULL,
    threshold    DOUBLE PRECISION NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workshop_exercises_workshop ON workshop_exercises (workshop_id);

CREATE TABLE workshop_submissions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id  BIGINT NOT NULL REFERENCES workshop_exercises (id),
    user_id      BIGINT NOT NULL REFERENCES users (id),
    qasm         TEXT NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    passed       BOOLEAN NOT NULL,
    detail       VARCHAR(500) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workshop_submissions_exercise ON workshop_submissions (exercise_id);
