package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.runs.WorkerFixture.id;
import static org.qise.portal.runs.WorkerFixture.portalConfig;
import static org.qise.portal.runs.WorkerFixture.worker;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Database;
import org.qise.portal.people.Role;

/**
 * On PostgreSQL, what the run queue shared by {@code qise worker} processes promises beyond
 * leases: a person's running limit holds across all workers (a claim passes over the queued runs
 * of someone who has that many running, even when several workers claim at the same instant), and
 * each worker's heartbeat shows on /metrics while it lives and leaves it when it stops.
 */
class WorkerLimitsTest {
    @Test
    void aClaimPassesOverTheQueuedRunsOfSomeoneAtTheirRunningLimit() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_limit_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String alice = portal.token(portal.user("limit.alice@example.org", Role.FELLOW, null));
            String bob = portal.token(portal.user("limit.bob@example.org", Role.FELLOW, null));
            String ac = Runs.circuit(portal, alice, "limit circuit", Runs.SAMPLED, "private");
            String bc = Runs.circuit(portal, bob, "limit circuit", Runs.SAMPLED, "private");
            long a1 = id(pg, Runs.start(portal, alice, ac, 10, 1)), a2 = id(pg, Runs.start(portal, alice, ac, 10, 2)), a3 = id(pg, Runs.start(portal, alice, ac, 10, 3));
            long b1 = id(pg, Runs.start(portal, bob, bc, 10, 1));
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                Duration lease = Duration.ofSeconds(30);
                // fewest running first, then oldest: alice's first, bob's, alice's second; her third waits at her limit of 2
                List<Long> taken = new ArrayList<>();
                for (int i = 0; i < 3; i++) taken.add(leases.claim("w" + i, lease, 3, 2).orElseThrow().run().id());
                assertEquals(List.of(a1, b1, a2), taken);
                assertEquals(Optional.empty(), leases.claim("w3", lease, 3, 2).map(c -> c.run().id()),
                        "alice has 2 running; her third run waits although a worker is free");
                // a run of hers whose worker died is still taken over: it was one of her two already
                pg.execute("UPDATE runs SET lease_expires_at = now() - INTERVAL '1 second' WHERE id = " + a1);
                var takeover = leases.claim("w4", lease, 3, 2).orElseThrow();
                assertEquals(a1, takeover.run().id());
                assertEquals(2, takeover.attempt());
                // one of hers ends: the third may start
                assertTrue(leases.store().finishDone(a2, 1, Map.of("0", 1L), null, null, Map.of(), "x", null, Instant.now()));
                assertEquals(a3, leases.claim("w5", lease, 3, 2).orElseThrow().run().id());
            }
        }
    }

    @Test
    void workersClaimingAtTheSameInstantStillKeepOnePersonsLimit() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_limit_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String carol = portal.token(portal.user("limit.carol@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, carol, "limit circuit", Runs.SAMPLED, "private");
            for (int seed = 1; seed <= 8; seed++) Runs.start(portal, carol, circuit, 10, seed);
            int workers = 6;
            try (Database db = pg.open()) {
                RunLeases leases = new RunLeases(db.jdbc());
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                try {
                    for (int round = 0; round < 5; round++) {
                        pg.execute("UPDATE runs SET status = 'QUEUED', started_at = NULL, lease_expires_at = NULL, attempt = 0");
                        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(workers);
                        List<Callable<Boolean>> claims = new ArrayList<>();
                        for (int w = 0; w < workers; w++) {
                            String name = "w" + w;
                            claims.add(() -> {
                                together.await();
                                return leases.claim(name, Duration.ofSeconds(30), 3, 2).isPresent();
                            });
                        }
                        int claimed = 0;
                        for (Future<Boolean> f : pool.invokeAll(claims)) if (f.get()) claimed++;
                        assertEquals(2, claimed, "round " + round + ": six workers at once, eight queued runs, a limit of 2");
                        assertEquals(2, pg.count("SELECT COUNT(*) FROM runs WHERE status = 'RUNNING'"));
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void aWorkersHeartbeatShowsOnMetricsWhileItRunsAndLeavesWhenItStops() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_beat_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            List<String> before = portal.get("/metrics", null).body().lines().toList();
            assertTrue(before.contains("qise_workers_alive 0"), String.join("\n", before));
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "beat \"one\"", 1, Duration.ofSeconds(3), new ByteArrayOutputStream())) {
                worker.start();
                String body = portal.get("/metrics", null).body();
                assertTrue(body.lines().anyMatch("qise_workers_alive 1"::equals), body);
                String line = body.lines().filter(l -> l.startsWith("qise_worker_heartbeat_age_seconds{")).findFirst().orElseThrow();
                assertTrue(line.startsWith("qise_worker_heartbeat_age_seconds{worker=\"beat \\\"one\\\"\"} "), line);
                double age = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                assertTrue(age >= 0 && age < 3, "heard from within its 3 s lease: " + line);
                // a worker killed without signing off: its row ages past the lease and it no longer counts as alive
                pg.execute("UPDATE run_workers SET last_seen_at = now() - INTERVAL '1 hour'");
                String stale = portal.get("/metrics", null).body();
                assertTrue(stale.lines().anyMatch("qise_workers_alive 0"::equals), stale);
                assertTrue(stale.lines().anyMatch(l -> l.matches("qise_worker_heartbeat_age_seconds\\{.*} 36\\d\\d(\\.\\d+)?")), stale);
            }
            assertEquals(0, pg.count("SELECT COUNT(*) FROM run_workers"), "a worker that stops cleanly signs off");
        }
    }
}
