-- Shared by SQLite and PostgreSQL (see db/Database).
-- Runs may be taken from the database by `qise worker` processes (PostgreSQL only). Each start
-- of a run counts one attempt; a result is stored only for the attempt that currently holds the
-- run, so a run that was taken over after its worker died is never stored twice. A worker holds
-- its run under a lease that it renews while the run goes on; a lease that has expired (the
-- worker was killed or lost the network) lets another worker take the run again. Runs started
-- by the portal's own embedded workers have no lease (lease_expires_at stays NULL).
ALTER TABLE runs ADD COLUMN attempt INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE runs ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE runs ADD COLUMN lease_expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX runs_status_lease ON runs (status, lease_expires_at);
