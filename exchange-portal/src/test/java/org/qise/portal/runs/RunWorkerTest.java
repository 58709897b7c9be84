package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;
import static org.qise.portal.runs.WorkerFixture.id;
import static org.qise.portal.runs.WorkerFixture.portalConfig;
import static org.qise.portal.runs.WorkerFixture.worker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.db.Database;
import org.qise.portal.people.Role;
import org.qise.sim.Result;
import org.qise.sim.Simulator;

/**
 * The run queue shared through PostgreSQL: claims never hand one run to two workers, a lease
 * that expired lets another worker take the run over, and only the attempt that holds the run
 * may store its result; a worker in this JVM runs a portal's queued runs (a reproduction too)
 * to the results an in-process simulation gives.
 */
class RunWorkerTest {
    @Test
    void twoClaimsTakeTwoRunsAndAnExpiredLeaseIsTakenOverAsTheNextAttemptWhoseResultAloneIsStored() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_lease_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("lease.alice@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private");
            long first = id(pg, Runs.start(portal, token, circuit, 100, 1));
            long second = id(pg, Runs.start(portal, token, circuit, 100, 2));
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                var a = leases.claim("worker-a", Duration.ofSeconds(30), 3).orElseThrow();
                var b = leases.claim("worker-b", Duration.ofSeconds(30), 3).orElseThrow();
                assertEquals(List.of(first, second), List.of(a.run().id(), b.run().id()));
                assertEquals(1, a.attempt());
                assertTrue(leases.claim("worker-c", Duration.ofSeconds(30), 3).isEmpty(), "both runs are held");

                pg.execute("UPDATE runs SET lease_expires_at = now() - INTERVAL '1 second' WHERE id = " + first);
                var takeover = leases.claim("worker-c", Duration.ofSeconds(30), 3).orElseThrow();
                assertEquals(first, takeover.run().id());
                assertEquals(2, takeover.attempt());
                assertFalse(leases.renew(a, Duration.ofSeconds(30), 0.5), "the first attempt lost the run");

                RunStore store = leases.store();
                Instant now = Instant.now();
                assertFalse(store.finishDone(first, 1, Map.of("0", 1L), null, null, Map.of(), "stale", null, now),
                        "the stale attempt may not store a result");
                assertTrue(store.finishDone(first, 2, Map.of("0", 1L), null, null, Map.of(), "fresh", null, now));
                assertFalse(store.finishDone(first, 2, Map.of("0", 1L), null, null, Map.of(), "again", null, now),
                        "a done run is not stored twice");
                assertEquals("fresh", store.find(first).orElseThrow().resultSha256());
                assertTrue(leases.release(b));
                assertEquals(RunStatus.QUEUED, store.find(second).orElseThrow().status());
            }
        }
    }

    @Test
    void aRunAWorkerGaveBackAndThePortalThenStartedNamesNoWorkerForThePortalsAttempt() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_lease_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("lease.erin@example.org", Role.FELLOW, null));
            long run = id(pg, Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private"), 10, 1));
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                assertTrue(leases.release(leases.claim("worker-a", Duration.ofSeconds(30), 3).orElseThrow()));
                assertEquals(2, leases.store().markRunning(run, Instant.now()), "the portal's start is the second attempt");
                assertEquals(0, pg.count("SELECT COUNT(*) FROM runs WHERE id = " + run + " AND lease_owner IS NOT NULL"),
                        "the portal's attempt is not worker-a's");
            }
        }
    }

    @Test
    void aRunWhoseWorkersKeepDyingFailsAfterTheAllowedAttempts() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_lease_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("lease.bob@example.org", Role.FELLOW, null));
            long run = id(pg, Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private"), 10, 1));
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(attempt, leases.claim("w", Duration.ofSeconds(30), 2).orElseThrow().attempt());
                    pg.execute("UPDATE runs SET lease_expires_at = now() - INTERVAL '1 second' WHERE id = " + run);
                }
                assertTrue(leases.claim("w", Duration.ofSeconds(30), 2).isEmpty());
                Run failed = leases.store().find(run).orElseThrow();
                assertEquals(RunStatus.FAILED, failed.status());
                assertTrue(failed.message().contains("started 2 times"), failed.message());
            }
        }
    }

    @Test
    void aReproductionGivenUpAfterTheAllowedAttemptsFailsWithAnInconclusiveVerdictInTheSameClaim() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_lease_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("lease.gina@example.org", Role.FELLOW, null));
            long original = id(pg, Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private"), 10, 1));
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                RunStore store = leases.store();
                var claim = leases.claim("w", Duration.ofSeconds(30), 2).orElseThrow();
                assertTrue(store.finishDone(original, claim.attempt(), Map.of("0", 10L), null, null, Map.of(), "sha", null, Instant.now()));
                Run o = store.find(original).orElseThrow();
                long rerun = store.insertQueued(new RunStore.NewRun(o.circuitId(), o.circuitVersion(), o.ownerId(), Origin.REPRODUCTION,
                        original, false, o.shots(), o.seed(), o.engine(), List.of(), o.circuitQasm(), o.circuitSha256(), o.numQubits()),
                        Instant.now());
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(rerun, leases.claim("w", Duration.ofSeconds(30), 2).orElseThrow().run().id());
                    pg.execute("UPDATE runs SET lease_expires_at = now() - INTERVAL '1 second' WHERE id = " + rerun);
                }
                assertTrue(leases.claim("w", Duration.ofSeconds(30), 2).isEmpty());
                assertEquals(RunStatus.FAILED, store.find(rerun).orElseThrow().status());
                assertEquals(1, pg.count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = " + rerun + " AND run_id = " + original
                        + " AND verdict = 'inconclusive' AND detail LIKE '%started 2 times%'"));
            }
        }
    }

    @Test
    void aWorkerRunsThePortalsQueuedRunsToTheInProcessResultsAndJudgesAReproduction() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_worker_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String alice = portal.token(portal.user("w.alice@example.org", Role.FELLOW, null));
            String bob = portal.token(portal.user("w.bob@example.org", Role.FELLOW, null));
            String sampled = Runs.circuit(portal, alice, "worker circuit", Runs.SAMPLED, "private");
            String bell = Runs.circuit(portal, bob, "worker circuit", Runs.BELL, "private");
            Map<String, String> ids = new java.util.LinkedHashMap<>(); // run → its owner's token
            for (int seed = 1; seed <= 3; seed++) {
                ids.put(Runs.start(portal, alice, sampled, 500, seed), alice);
                ids.put(Runs.start(portal, bob, bell, 200, seed), bob);
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "test-worker", 2, Duration.ofSeconds(10), log)) {
                worker.start();
                RunStore store = new RunStore(db.jdbc());
                for (var e : ids.entrySet()) {
                    long id = id(pg, e.getKey());
                    Runs.awaitDone(portal, e.getValue(), e.getKey());
                    Run run = store.find(id).orElseThrow();
                    Result reference = reference(run);
                    assertEquals(reference.sha256(), run.resultSha256(), "run " + id);
                    assertEquals(new TreeMap<>(reference.counts()), run.counts(), "run " + id);
                }
                // The reproduction runs on the worker too; the portal waits for its verdict in the database.
                String first = ids.keySet().iterator().next();
                var r = portal.json("POST", "/api/v1/runs/" + first + "/reproduce", alice, Map.of());
                assertStatus(200, r);
                assertEquals("bit-exact", parse(r).get("verdict").asText(), r.body());
            }
            String out = log.toString(StandardCharsets.UTF_8);
            for (String pub : ids.keySet()) {
                long id = id(pg, pub);
                assertTrue(out.contains("run " + id + " done, attempt 1, by test-worker"), out);
            }
        }
    }

    /**
     * {@code refused}: which ending writes of the first attempt the database refuses. All of them,
     * as an unreachable database would; or only the result, so that a failure mark would get
     * through: the simulation succeeded, so the run must not end up failed for a storage error.
     */
    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {"NEW.status <> 'RUNNING'", "NEW.status = 'DONE'"})
    void whenTheDatabaseRefusesToEndARunTheWorkerGoesOnAndTheRunIsStoredOnceByALaterAttempt(String refusedWhen) throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_worker_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("w.dave@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private");
            String refused = Runs.start(portal, token, circuit, 300, 1);
            String next = Runs.start(portal, token, circuit, 300, 2);
            long refusedId = id(pg, refused);
            pg.execute("CREATE FUNCTION " + pg.schema + ".refuse_first_attempt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.id = " + refusedId + " AND NEW.attempt = 1 AND " + refusedWhen + " THEN"
                    + " RAISE EXCEPTION 'the database refused (test)'; END IF; RETURN NEW; END $$");
            pg.execute("CREATE TRIGGER refuse_first_attempt BEFORE UPDATE ON " + pg.schema + ".runs FOR EACH ROW"
                    + " EXECUTE FUNCTION " + pg.schema + ".refuse_first_attempt()");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "test-worker", 1, Duration.ofSeconds(1), log)) {
                worker.start();
                // One slot: the next run is done only if the slot outlived the failure, and the refused run
                // only once its lease (1 s, no longer renewed) expired and it was taken as attempt 2.
                Runs.awaitDone(portal, token, next);
                Runs.awaitDone(portal, token, refused);
                RunStore store = new RunStore(db.jdbc());
                Run run = store.find(refusedId).orElseThrow();
                assertEquals(2, pg.count("SELECT attempt FROM runs WHERE id = " + refusedId));
                Result reference = reference(run);
                assertEquals(reference.sha256(), run.resultSha256());
                assertEquals(new TreeMap<>(reference.counts()), run.counts());
            }
            String out = log.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("run " + refusedId + " done, attempt 2, by test-worker"), out);
            assertFalse(out.contains("run " + refusedId + " done, attempt 1"), out);
            assertTrue(out.contains("run " + id(pg, next) + " done, attempt 1, by test-worker"), out);
        }
    }

    @Test
    void whenTheDatabaseRefusesAReproductionsVerdictTheWorkerStoresNeitherResultNorVerdictAndALaterAttemptStoresBoth()
            throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_worker_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("w.frank@example.org", Role.FELLOW, null));
            String original = Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private"), 300, 5);
            // The verdict on a reproduction's first attempt is refused: the result written just before it must not stay.
            pg.execute("CREATE FUNCTION " + pg.schema + ".refuse_first_verdict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF (SELECT attempt FROM " + pg.schema + ".runs WHERE id = NEW.rerun_id) = 1 THEN"
                    + " RAISE EXCEPTION 'the database refused the verdict (test)'; END IF; RETURN NEW; END $$");
            pg.execute("CREATE TRIGGER refuse_first_verdict BEFORE INSERT ON " + pg.schema + ".run_verifications FOR EACH ROW"
                    + " EXECUTE FUNCTION " + pg.schema + ".refuse_first_verdict()");
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            long rerunId;
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "test-worker", 1, Duration.ofSeconds(1), log)) {
                worker.start();
                Runs.awaitDone(portal, token, original);
                var r = portal.json("POST", "/api/v1/runs/" + original + "/reproduce", token, Map.of());
                String rerun = parse(r).get("rerunId").asText();
                Runs.awaitDone(portal, token, rerun);
                rerunId = id(pg, rerun);
                // Read as soon as the rerun shows done: its verdict is there already, from the same transaction.
                assertEquals(1, pg.count("SELECT COUNT(*) FROM run_verifications WHERE rerun_id = " + rerunId
                        + " AND verdict = 'bit-exact'"), "one bit-exact verdict with the result");
                assertEquals(2, pg.count("SELECT attempt FROM runs WHERE id = " + rerunId), "stored by the second attempt");
            }
            String out = log.toString(StandardCharsets.UTF_8);
            assertFalse(out.contains("run " + rerunId + " done, attempt 1"), out);
            assertTrue(out.contains("run " + rerunId + " done, attempt 2, by test-worker"), out);
        }
    }

    /** The same run simulated here, as the portal's executor sets the simulator up. */
    static Result reference(Run run) {
        var circuit = QasmCheck.parse(run.circuitQasm());
        try (Simulator sim = Simulator.builder().engine(run.engine()).threads(1).shots(run.shots()).seed(run.seed())
                .keepState(circuit.numQubits() <= RunConfig.MAX_STORED_STATE_QUBITS || !run.expect().isEmpty()).build()) {
            return sim.run(circuit);
        }
    }

    @Test
    void cancellingARunThatAWorkerHoldsStopsItsSimulationAndNothingOfItIsStored() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_worker_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("w.carol@example.org", Role.FELLOW, null));
            String pub = Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.slow(), "private"), Runs.SLOW_SHOTS, 3);
            long id = id(pg, pub);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "test-worker", 1, Duration.ofSeconds(1), log)) {
                worker.start();
                Runs.await(portal, token, pub, "running");
                assertStatus(200, portal.json("POST", "/api/v1/runs/" + pub + "/cancel", token, Map.of()));
                // The heartbeat (every third of the 1 s lease) finds the lease gone and stops the simulation:
                // the worker is free again for the next run, which it finishes.
                String next = Runs.start(portal, token, Runs.circuit(portal, token, "worker circuit", Runs.SAMPLED, "private"), 100, 1);
                Runs.awaitDone(portal, token, next);
                Run cancelled = new RunStore(db.jdbc()).find(id).orElseThrow();
                assertEquals(RunStatus.CANCELLED, cancelled.status());
                assertEquals(null, cancelled.resultSha256());
            }
            String out = log.toString(StandardCharsets.UTF_8);
            assertFalse(out.contains("run " + id + " "), out);
        }
    }
}
