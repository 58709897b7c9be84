package org.qise.portal.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;

/**
 * The SQL by which {@code qise worker} processes share the portal's run queue on PostgreSQL:
 * a claim takes one queued run (or one whose lease expired) with {@code SELECT … FOR UPDATE
 * SKIP LOCKED}, so two workers never take the same row and none waits for another; the claim
 * counts an attempt and sets a lease that the worker renews while it runs. Times come from the
 * database's clock ({@code now()}), so workers on machines whose clocks disagree still agree on
 * when a lease has expired.
 */
final class RunLeases {
    /** A run claimed by this worker as {@code attempt}; results are stored only for that attempt. */
    record Claim(Run run, int attempt) {}

    private final Jdbc jdbc;
    private final RunStore store;

    RunLeases(Jdbc jdbc) {
        if (jdbc.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("run workers need PostgreSQL (FOR UPDATE SKIP LOCKED); got " + jdbc.dialect());
        }
        this.jdbc = jdbc;
        this.store = new RunStore(jdbc);
    }

    /** Key space of the per-owner advisory locks taken while claiming (owner ids go in the low bits). */
    private static final long OWNER_LOCK = 0x5153_4500_0000_0000L;

    /** Live runs of an owner: running under a lease that has not expired, or on a portal's embedded worker (no lease). */
    private static final String LIVE_RUNNING = "SELECT COUNT(*) FROM runs o WHERE o.owner_id = r.owner_id AND o.status = 'RUNNING'"
            + " AND (o.lease_expires_at IS NULL OR o.lease_expires_at >= now())";

    /** As {@link #claim(String, Duration, int, int)} with no limit on an owner's running runs. */
    Optional<Claim> claim(String worker, Duration lease, int maxAttempts) {
        return claim(worker, lease, maxAttempts, Integer.MAX_VALUE);
    }

    /**
     * Takes the next run for {@code worker} under a lease of {@code lease}, or empty when none
     * waits. Runs are served by how few of their owner's runs are running now, then oldest first,
     * so one person's hundred runs do not hold up another's one; a queued run whose owner already
     * has {@code maxRunningPerUser} runs running (on any worker) waits, as it would in a portal's
     * own queue. A run whose lease expired is taken over whatever its owner's count (it was counted
     * already). A run whose lease expired {@code maxAttempts} times (it keeps killing its workers)
     * fails instead of being taken again.
     */
    Optional<Claim> claim(String worker, Duration lease, int maxAttempts, int maxRunningPerUser) {
        long leaseMillis = lease.toMillis();
        return jdbc.transaction(tx -> {
            String given = " WHERE status = 'RUNNING' AND lease_expires_at < now() AND attempt >= ?";
            List<Long> reproductions = tx.query("SELECT id FROM runs" + given + " AND reproduces_id IS NOT NULL FOR UPDATE",
                    rs -> rs.getLong(1), maxAttempts);
            tx.update("UPDATE runs SET status = 'FAILED', finished_at = now(), message = ?" + given, "the run was started "
                    + maxAttempts + " times and each time its worker stopped answering; it is not tried again", maxAttempts);
            // Reproductions given up on get their (inconclusive) verdict with the failure, as every ending does.
            RunStore in = new RunStore(tx);
            for (long id : reproductions) Reproductions.judgeIfReproduction(in, id, java.time.Instant.now());
            List<Long> full = new ArrayList<>(); // owners found at their limit in this claim
            while (true) {
                String skip = full.isEmpty() ? "" : " AND r.owner_id NOT IN (" + String.join(",", java.util.Collections.nCopies(full.size(), "?")) + ")";
                List<Object> params = new ArrayList<>();
                params.add(maxRunningPerUser);
                params.addAll(full);
                Optional<long[]> pick = tx.queryOne("SELECT r.id, r.owner_id, CASE WHEN r.status = 'QUEUED' THEN 1 ELSE 0 END FROM runs r"
                        + " WHERE (r.status = 'QUEUED' AND (" + LIVE_RUNNING + ") < ?" + skip + ")"
                        + " OR (r.status = 'RUNNING' AND r.lease_expires_at < now())"
                        + " ORDER BY (" + LIVE_RUNNING + "), r.id"
                        + " LIMIT 1 FOR UPDATE OF r SKIP LOCKED", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                        params.toArray());
                if (pick.isEmpty()) return Optional.empty();
                long id = pick.get()[0], owner = pick.get()[1];
                if (pick.get()[2] == 1 && maxRunningPerUser != Integer.MAX_VALUE) {
                    // Two workers may pick two queued runs of one owner at once (SKIP LOCKED locks rows, not owners):
                    // take the owner's lock and count again, so that the claims of one owner are decided one after another.
                    tx.queryOne("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) l", rs -> 1, OWNER_LOCK | owner);
                    if (tx.count("SELECT COUNT(*) FROM runs o WHERE o.owner_id = ? AND o.status = 'RUNNING'"
                            + " AND (o.lease_expires_at IS NULL OR o.lease_expires_at >= now())", owner) >= maxRunningPerUser) {
                        full.add(owner);
                        continue;
                    }
                }
                tx.update("UPDATE runs SET status = 'RUNNING', started_at = now(), progress = 0, attempt = attempt + 1,"
                        + " lease_owner = ?, lease_expires_at = now() + ? * INTERVAL '1 millisecond' WHERE id = ?",
                        worker, leaseMillis, id);
                Run run = new RunStore(tx).find(id).orElseThrow();
                int attempt = (int) tx.count("SELECT attempt FROM runs WHERE id = ?", id);
                return Optional.of(new Claim(run, attempt));
            }
        });
    }

    /**
     * Renews the lease of a claimed run and stores its progress; false when the attempt no
     * longer holds the run (cancelled, or taken over after the lease expired): the worker stops it.
     */
    boolean renew(Claim claim, Duration lease, double progress) {
        return jdbc.update("UPDATE runs SET lease_expires_at = now() + ? * INTERVAL '1 millisecond', progress = ?"
                + " WHERE id = ? AND attempt = ? AND status = 'RUNNING'", lease.toMillis(), progress, claim.run().id(),
                claim.attempt()) == 1;
    }

    /** Gives a claimed run back to the queue at once (the worker is stopping), if the attempt still holds it. */
    boolean release(Claim claim) {
        return jdbc.update("UPDATE runs SET status = 'QUEUED', started_at = NULL, progress = 0, lease_expires_at = NULL"
                + " WHERE id = ? AND attempt = ? AND status = 'RUNNING'", claim.run().id(), claim.attempt()) == 1;
    }

    /**
     * Records that {@code worker} is alive (table run_workers): at start, and at every heartbeat
     * whether or not it holds runs. {@code started} also clears rows no worker renewed for a day.
     */
    void heartbeat(String worker, Duration lease, int slots, boolean started) {
        jdbc.transaction(tx -> {
            if (started) tx.update("DELETE FROM run_workers WHERE last_seen_at < now() - INTERVAL '1 day'");
            tx.update("INSERT INTO run_workers (name, started_at, last_seen_at, lease_millis, slots) VALUES (?, now(), now(), ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET last_seen_at = now(), lease_millis = EXCLUDED.lease_millis, slots = EXCLUDED.slots"
                    + (started ? ", started_at = now()" : ""), worker, lease.toMillis(), slots);
            return null;
        });
    }

    /** Removes {@code worker}'s heartbeat row: it stopped cleanly. */
    void signOff(String worker) {
        jdbc.update("DELETE FROM run_workers WHERE name = ?", worker);
    }

    RunStore store() { return store; }
}
