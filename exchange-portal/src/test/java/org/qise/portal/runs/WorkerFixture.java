package org.qise.portal.runs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import org.qise.portal.PortalConfig;
import org.qise.portal.PostgresSchema;
import org.qise.portal.db.Database;

/**
 * What the tests of the run queue shared through PostgreSQL have in common: a portal that leaves
 * its runs to external workers, workers in this JVM, and the internal ids that leases, the store
 * and a worker's log speak of.
 */
final class WorkerFixture {
    private WorkerFixture() {}

    /** Two cores' worth of limits, and no worker inside the portal: the queue waits for {@code qise worker}. */
    static final RunConfig RUNS = RunConfig.forCores(2).withExternalWorkers();

    /** A portal over this schema (the data directory is unused with PostgreSQL but must be a valid path). */
    static PortalConfig portalConfig(PostgresSchema pg) {
        return pg.configure(Runs.config(Path.of("unused"), RUNS));
    }

    /**
     * A worker over the portal's database, as {@code qise worker} sets one up: {@code slots}
     * runs at once, polling every 50 ms when idle, and at most 3 attempts a run. Not started.
     */
    static RunWorker worker(Database db, String name, int slots, Duration lease, OutputStream log) {
        return new RunWorker(db.jdbc(), RUNS.withWorkers(slots), new RunWorker.Settings(name, slots, lease, Duration.ofMillis(50), 3),
                Clock.systemUTC(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** The internal id behind a run's public id (what the API answers). */
    static long id(PostgresSchema pg, String publicId) throws Exception {
        try (Connection c = pg.connect(); var s = c.prepareStatement("SELECT id FROM runs WHERE public_id = ?")) {
            s.setString(1, publicId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no run " + publicId);
                return rs.getLong(1);
            }
        }
    }
}
