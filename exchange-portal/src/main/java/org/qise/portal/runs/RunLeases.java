package org.qise.portal.runs;

import java.time.Duration;
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

    /**
     * Takes the next run for {@code worker} under a lease of {@code lease}, or empty when none
     * waits. Runs are served by how few of their owner's runs are running now, then oldest first,
     * so one person's hundred runs do not hold up another's one. A run whose lease expired
     * {@code maxAttempts} times (it keeps killing its workers) fails instead of being taken again.
     */
    Optional<Claim> claim(String worker, Duration lease, int maxAttempts) {
        long leaseMillis = lease.toMillis();
        return jdbc.transaction(tx -> {
            tx.update("UPDATE runs SET status = 'FAILED', finished_at = now(), message = ? WHERE status = 'RUNNING'"
                    + " AND lease_expires_at < now() AND attempt >= ?", "the run was started " + maxAttempts
                    + " times and each time its worker stopped answering; it is not tried again", maxAttempts);
            Optional<Long> id = tx.queryOne("SELECT r.id FROM runs r WHERE r.status = 'QUEUED'"
                    + " OR (r.status = 'RUNNING' AND r.lease_expires_at < now())"
                    + " ORDER BY (SELECT COUNT(*) FROM runs o WHERE o.owner_id = r.owner_id AND o.status = 'RUNNING'), r.id"
                    + " LIMIT 1 FOR UPDATE OF r SKIP LOCKED", rs -> rs.getLong(1));
            if (id.isEmpty()) return Optional.empty();
            tx.update("UPDATE runs SET status = 'RUNNING', started_at = now(), progress = 0, attempt = attempt + 1,"
                    + " lease_owner = ?, lease_expires_at = now() + ? * INTERVAL '1 millisecond' WHERE id = ?",
                    worker, leaseMillis, id.get());
            Run run = new RunStore(tx).find(id.get()).orElseThrow();
            int attempt = (int) tx.count("SELECT attempt FROM runs WHERE id = ?", id.get());
            return Optional.of(new Claim(run, attempt));
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

    RunStore store() { return store; }
}
