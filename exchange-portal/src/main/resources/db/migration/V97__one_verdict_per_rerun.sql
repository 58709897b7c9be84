-- Shared by SQLite and PostgreSQL (see db/Database).
-- A rerun gets one verdict. Two processes repairing unjudged reruns at the same start-up (two
-- portals, or a portal and a `qise worker`) could both find one without a verdict and both write
-- one; the run page then showed two. Keep the earliest verdict of each rerun, then let the
-- database refuse a second one. Verdicts tied to no rerun (rerun_id NULL: a pushed result whose
-- reproduction could not be queued) stay allowed in any number: SQLite, PostgreSQL (NULLS
-- DISTINCT is its default) and H2 all treat NULLs as distinct in a unique index.
DELETE FROM run_verifications
 WHERE rerun_id IS NOT NULL
   AND id > (SELECT MIN(v.id) FROM run_verifications v WHERE v.rerun_id = run_verifications.rerun_id);
CREATE UNIQUE INDEX run_verifications_rerun ON run_verifications (rerun_id);
