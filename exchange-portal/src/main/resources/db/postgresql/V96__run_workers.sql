-- PostgreSQL only: `qise worker` processes need PostgreSQL (a portal on SQLite runs its runs itself).
-- Each worker writes a heartbeat here every third of its lease, busy or idle, so that /metrics can
-- say which workers are alive (heard from within their lease) and how long ago each was last heard
-- from. A worker that stops cleanly deletes its row; a killed one leaves it to age, and the next
-- worker to start removes rows not renewed for a day. Times come from the database's clock.
CREATE TABLE run_workers (
    name         VARCHAR(200) PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_millis BIGINT NOT NULL,
    slots        INTEGER NOT NULL
);
