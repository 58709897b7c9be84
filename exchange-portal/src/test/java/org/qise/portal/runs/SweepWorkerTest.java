package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;
import static org.qise.portal.runs.WorkerFixture.portalConfig;
import static org.qise.portal.runs.WorkerFixture.worker;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Database;
import org.qise.portal.people.Role;

/**
 * A sweep queued in PostgreSQL is run by a {@code qise worker} process (here a worker in this
 * JVM), stores one row per point there, and downloads exactly what {@code qise sweep} writes.
 */
class SweepWorkerTest {
    @Test
    void aWorkerRunsAQueuedSweepToTheCliOutput() throws Exception {
        Path dir = TestPortal.tempDir();
        try (PostgresSchema pg = PostgresSchema.create("qise_sweep_");
             TestPortal portal = TestPortal.startKeeping(portalConfig(pg))) {
            String token = portal.token(portal.user("w.sweeper@example.org", Role.FELLOW, null));
            String circuit = Runs.circuit(portal, token, "Swept by a worker", ParametricRunsTest.PARAMETRIC, "private");
            // The grid's order is the sweep's column order (as --param order is for the CLI): an ordered map, not Map.of
            var grid = new java.util.LinkedHashMap<String, Object>();
            grid.put("theta", "0:1:4");
            grid.put("phi", 0.5);
            var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/sweeps", token,
                    Map.of("grid", grid, "expect", List.of("Z1"), "shots", 64, "seed", 4));
            assertStatus(202, r);
            String run = parse(r).get("id").asText();
            try (Database db = pg.open();
                 RunWorker worker = worker(db, "sweep-worker", 1, Duration.ofSeconds(10), new ByteArrayOutputStream())) {
                worker.start();
                Runs.awaitDone(portal, token, run);
            }
            assertEquals(4, pg.count("SELECT count(*) FROM run_sweep_points"));
            var csv = portal.get("/api/v1/runs/" + run + "/sweep.csv", token);
            assertStatus(200, csv);
            assertEquals(SweepApiTest.cliSweep(dir, "--param", "theta=0:1:4", "--param", "phi=0.5", "--expect", "Z1",
                    "--shots", "64", "--seed", "4"), csv.body());
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
