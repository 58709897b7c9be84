package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.TestStore;
import org.qise.portal.audit.AuditLog;
import org.qise.portal.auth.Passwords;
import org.qise.portal.circuits.CircuitDraft;
import org.qise.portal.circuits.CircuitService;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.circuits.Visibility;
import org.qise.portal.db.Database;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.InviteService;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.portal.people.UserService;
import org.sqlite.SQLiteDataSource;

/**
 * A rerun has one verdict, on SQLite and PostgreSQL: the database refuses a second (unique index
 * of migration V97, which first keeps the earliest of any a database already holds), and the
 * writers take that refusal as "another process judged it first", so two processes repairing
 * unjudged reruns at the same start-up store one verdict each, not two.
 */
class OneVerdictPerRerunTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aSecondVerdictForTheSameRerunLeavesTheFirstAloneWhileVerdictsTiedToNoRerunMayRepeat(String kind) throws Exception {
        try (TestStore store = TestStore.open(kind, "qise_test_verdict_")) {
            Jdbc jdbc = store.db().jdbc();
            RunStore runs = new RunStore(jdbc);
            long original = doneRun(jdbc);
            long rerun = unjudgedRerun(jdbc, original);
            assertTrue(runs.insertRerunVerdict(original, rerun, Verdicts.inconclusive(RunStatus.FAILED, "first"), NOW));
            assertFalse(runs.insertRerunVerdict(original, rerun, Verdicts.inconclusive(RunStatus.FAILED, "second"), NOW),
                    "the rerun had its verdict already");
            assertEquals(List.of("the rerun ended failed: first"), details(jdbc, "rerun_id = ?", rerun));
            runs.insertVerification(original, Verdicts.notReproduced("no rerun, once"), NOW);
            runs.insertVerification(original, Verdicts.notReproduced("no rerun, twice"), NOW);
            assertEquals(2, jdbc.count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id IS NULL"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void twoRepairersStartedTogetherOverTheSameUnjudgedRerunsStoreOneVerdictEach(String kind) throws Exception {
        try (TestStore store = TestStore.open(kind, "qise_test_verdict_")) {
            Jdbc jdbc = store.db().jdbc();
            long original = doneRun(jdbc);
            int reruns = 20;
            for (int i = 0; i < reruns; i++) unjudgedRerun(jdbc, original);
            // Two repairers on connections of their own, as two processes at one start-up.
            CyclicBarrier start = new CyclicBarrier(2);
            int judged = 0;
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                List<Future<Integer>> repairers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    repairers.add(threads.submit(() -> {
                        start.await(60, TimeUnit.SECONDS);
                        return new RunStore(jdbc).judgeUnjudged(NOW);
                    }));
                }
                for (var r : repairers) judged += r.get(60, TimeUnit.SECONDS);
            }
            assertEquals(reruns, judged, "each rerun is counted by the repairer whose verdict stands");
            assertEquals(reruns, jdbc.count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id IS NOT NULL"));
            assertEquals(reruns, jdbc.count("SELECT COUNT(DISTINCT rerun_id) FROM run_verifications"));
        }
    }

    /**
     * The interleaving that stored two verdicts before V97, made to happen: the first repairer has
     * written its verdict and not committed when the second finds the rerun unjudged. The second
     * now waits on the unique index; once the first commits, its insert does nothing.
     */
    @Test
    void onPostgresARepairerThatFoundTheRerunUnjudgedWhileAnotherWasJudgingItStoresNothing() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_test_verdict_race_");
             Database first = pg.open();
             Database second = Database.postgres(pg.schemaUrl + "&ApplicationName=" + pg.schema, pg.user, pg.password)) {
            long original = doneRun(first.jdbc());
            long rerun = unjudgedRerun(first.jdbc(), original);
            CompletableFuture<Integer> secondJudged = first.jdbc().transaction(tx -> {
                assertTrue(Reproductions.judgeIfReproduction(new RunStore(tx), rerun, NOW));
                CompletableFuture<Integer> repair = CompletableFuture.supplyAsync(() -> new RunStore(second.jdbc()).judgeUnjudged(NOW),
                        Thread::startVirtualThread);
                // Before V97 the second insert went straight in; now it waits for this transaction.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!repair.isDone() && first.jdbc().count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?"
                        + " AND wait_event_type = 'Lock'", pg.schema) == 0) {
                    assertTrue(System.nanoTime() < deadline, "the second repairer neither finished nor waited for the first");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                return repair;
            });
            assertEquals(0, secondJudged.get(60, TimeUnit.SECONDS), "the first repairer's verdict stands");
            assertEquals(1, first.jdbc().count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = ?", rerun));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theMigrationKeepsTheEarliestVerdictOfEachRerunAndEveryVerdictTiedToNoRerun(String kind) throws Exception {
        try (OlderStore older = OlderStore.beforeV97(kind)) {
            Jdbc before = new Jdbc(older.dataSource, older.dialect);
            long original = doneRun(before);
            long twice = unjudgedRerun(before, original);
            long once = unjudgedRerun(before, original);
            long earliest = verdict(before, original, twice, "earliest");
            verdict(before, original, once, "only");
            verdict(before, original, twice, "later");
            verdict(before, original, null, "no rerun 1");
            verdict(before, original, twice, "latest");
            verdict(before, original, null, "no rerun 2");
            try (Database migrated = older.open()) {
                Jdbc jdbc = migrated.jdbc();
                assertEquals(List.of("earliest"), details(jdbc, "rerun_id = ?", twice));
                assertEquals(earliest, jdbc.count("SELECT id FROM run_verifications WHERE rerun_id = ?", twice));
                assertEquals(List.of("only"), details(jdbc, "rerun_id = ?", once));
                assertEquals(List.of("no rerun 1", "no rerun 2"), details(jdbc, "rerun_id IS NULL"));
                assertFalse(new RunStore(jdbc).insertRerunVerdict(original, twice, Verdicts.inconclusive(RunStatus.FAILED, "x"), NOW),
                        "the index refuses what the migration removed");
            }
        }
    }

    /** A database of one kind migrated up to the last migration before V97, as a portal of that time left it. */
    private static final class OlderStore implements AutoCloseable {
        final DataSource dataSource;
        final Database.Dialect dialect;
        private final Path dir;
        private final PostgresSchema schema;

        private OlderStore(DataSource dataSource, Database.Dialect dialect, Path dir, PostgresSchema schema) {
            this.dataSource = dataSource;
            this.dialect = dialect;
            this.dir = dir;
            this.schema = schema;
        }

        static OlderStore beforeV97(String kind) throws Exception {
            if (kind.equals("sqlite")) {
                Path dir = Files.createTempDirectory("qise_test_verdict_v96_");
                SQLiteDataSource ds = new SQLiteDataSource();
                ds.setUrl("jdbc:sqlite:" + Database.sqliteFile(dir));
                migrateBeforeV97(ds, "INTEGER PRIMARY KEY AUTOINCREMENT", "classpath:db/sqlite", "classpath:db/migration");
                return new OlderStore(ds, Database.Dialect.SQLITE, dir, null);
            }
            PostgresSchema schema = PostgresSchema.create("qise_test_verdict_v96_");
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(schema.schemaUrl);
            ds.setUser(schema.user);
            ds.setPassword(schema.password);
            migrateBeforeV97(ds, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                    "classpath:db/identity", "classpath:db/migration", "classpath:db/postgresql");
            return new OlderStore(ds, Database.Dialect.POSTGRESQL, null, schema);
        }

        private static void migrateBeforeV97(DataSource ds, String autoId, String... locations) {
            var flyway = Flyway.configure().dataSource(ds).locations(locations).placeholders(Map.of("auto_id", autoId));
            MigrationVersion v97 = MigrationVersion.fromVersion("97");
            MigrationVersion last = java.util.Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
                    .filter(v -> v.compareTo(v97) < 0).max(MigrationVersion::compareTo).orElseThrow();
            flyway.target(last).load().migrate();
        }

        /** The same database opened as the portal opens it, which migrates it to the newest version. */
        Database open() {
            return schema != null ? schema.open() : Database.sqlite(dir);
        }

        @Override
        public void close() throws Exception {
            if (schema != null) schema.close();
            if (dir != null) TestPortal.deleteTree(dir);
        }
    }

    /** An owner, a circuit of theirs and a done run of it, made through the portal's own services. */
    private static long doneRun(Jdbc jdbc) {
        AuditLog audit = new AuditLog(jdbc);
        User owner = new UserService(jdbc, new Passwords(4), audit, new InviteService(jdbc)).createUser(new UserService.Registration(
                "vera@example.org", "correct horse battery", "Vera Verdict", "QISE", "NL"), Role.FELLOW, null);
        long circuit = new CircuitService(jdbc, new QasmCheck(256 * 1024, 64, 100_000), audit).create(owner,
                new CircuitDraft("Bell", "", BELL, Visibility.PRIVATE, List.of(), null));
        RunStore runs = new RunStore(jdbc);
        long run = runs.insertQueued(newRun(circuit, owner.id(), Origin.SERVER, null), NOW);
        assertTrue(runs.finishDone(run, runs.markRunning(run, NOW), Map.of("00", 6L, "11", 4L), null, null, Map.of(), "sha", null, NOW));
        return run;
    }

    /** A reproduction of {@code original} that ended without a verdict (ended by hand, or before verdicts went into the ending). */
    private static long unjudgedRerun(Jdbc jdbc, long original) {
        Run o = new RunStore(jdbc).find(original).orElseThrow();
        long rerun = new RunStore(jdbc).insertQueued(newRun(o.circuitId(), o.ownerId(), Origin.REPRODUCTION, original), NOW);
        jdbc.update("UPDATE runs SET status = 'FAILED', message = 'ended by hand', finished_at = ? WHERE id = ?", NOW, rerun);
        return rerun;
    }

    private static RunStore.NewRun newRun(long circuit, long owner, Origin origin, Long reproduces) {
        return new RunStore.NewRun(circuit, 1, owner, origin, reproduces, false, 10, 7, "fast", List.of(), BELL, "sha-of-bell", 2);
    }

    /** A verdict written as older portals could write it, with no check for one already there; returns its id. */
    private static long verdict(Jdbc jdbc, long original, Long rerun, String detail) {
        return jdbc.insert("INSERT INTO run_verifications (run_id, rerun_id, verdict, method, detail, created_at)"
                + " VALUES (?, ?, 'inconclusive', 'none', ?, ?)", original, rerun, detail, NOW);
    }

    private static List<String> details(Jdbc jdbc, String where, Object... params) {
        return jdbc.query("SELECT detail FROM run_verifications WHERE " + where + " ORDER BY id", rs -> rs.getString(1), params);
    }
}
