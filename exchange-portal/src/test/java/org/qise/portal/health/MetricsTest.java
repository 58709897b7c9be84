package org.qise.portal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/** {@code GET /metrics}: queue length, runs per state and run durations in the Prometheus text format. */
class MetricsTest {

    @Test
    void anEmptyPortalReportsZeroesInThePrometheusTextFormat() {
        try (TestPortal portal = TestPortal.start()) {
            var r = portal.get("/metrics", null);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
            List<String> lines = r.body().lines().toList();
            assertTrue(lines.contains("qise_runs_queued 0"), r.body());
            assertTrue(lines.contains("qise_runs{state=\"timed_out\"} 0"), r.body());
            assertTrue(lines.contains("qise_run_duration_seconds_count 0"), r.body());
            assertTrue(lines.contains("# TYPE qise_run_duration_seconds histogram"), r.body());
        }
    }

    @Test
    void runsAreCountedByStateAndTheirDurationsFallIntoBuckets() {
        try (TestPortal portal = TestPortal.start()) {
            var owner = portal.user("metrics@example.org", Role.FELLOW, null);
            var created = portal.json("POST", "/api/v1/circuits", portal.token(owner), Map.of("title", "m", "visibility", "private",
                    "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n"));
            assertEquals(201, created.statusCode(), created.body());
            long circuit = portal.server.services().database().jdbc().queryOne("SELECT id FROM circuits WHERE public_id = ?",
                    rs -> rs.getLong(1), TestPortal.parse(created).get("id").asText()).orElseThrow(); // the internal id runs refer to
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            // three queued, one running, and four that ended after 0.05 s, 2 s, 2 s and 100 s
            for (int i = 0; i < 3; i++) insert(portal, circuit, owner.id(), "QUEUED", t, null, null);
            insert(portal, circuit, owner.id(), "RUNNING", t, t, null);
            insert(portal, circuit, owner.id(), "DONE", t, t, t.plusMillis(50));
            insert(portal, circuit, owner.id(), "DONE", t, t, t.plusSeconds(2));
            insert(portal, circuit, owner.id(), "FAILED", t, t, t.plusSeconds(2));
            insert(portal, circuit, owner.id(), "TIMED_OUT", t, t, t.plusSeconds(100));
            String body = portal.get("/metrics", null).body();
            List<String> lines = body.lines().toList();
            for (String expected : List.of("qise_runs_queued 3", "qise_runs{state=\"queued\"} 3", "qise_runs{state=\"running\"} 1",
                    "qise_runs{state=\"done\"} 2", "qise_runs{state=\"failed\"} 1", "qise_runs{state=\"cancelled\"} 0",
                    "qise_runs{state=\"timed_out\"} 1",
                    "qise_run_duration_seconds_bucket{le=\"0.1\"} 1", "qise_run_duration_seconds_bucket{le=\"1.0\"} 1",
                    "qise_run_duration_seconds_bucket{le=\"5.0\"} 3", "qise_run_duration_seconds_bucket{le=\"60.0\"} 3",
                    "qise_run_duration_seconds_bucket{le=\"300.0\"} 4", "qise_run_duration_seconds_bucket{le=\"+Inf\"} 4",
                    "qise_run_duration_seconds_sum 104.05", "qise_run_duration_seconds_count 4")) {
                assertTrue(lines.contains(expected), expected + " in\n" + body);
            }
        }
    }

    @Test
    void withoutItsDatabaseThePortalSaysSo() {
        try (TestPortal portal = TestPortal.start()) {
            portal.server.services().database().close();
            assertEquals(503, portal.get("/metrics", null).statusCode());
        }
    }

    private static void insert(TestPortal portal, long circuit, long owner, String status, Instant queued, Instant started, Instant finished) {
        portal.server.services().database().jdbc().insert("INSERT INTO runs (circuit_id, circuit_version, owner_id, origin, status, shots, seed,"
                        + " engine, expect, circuit_qasm, circuit_sha256, num_qubits, progress, queued_at, started_at, finished_at)"
                        + " VALUES (?, 1, ?, 'server', ?, 10, 1, 'fast', '[]', 'x', 'x', 1, 0, ?, ?, ?)",
                circuit, owner, status, queued, started, finished);
    }
}
