package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * Migration V45 and the new columns on PostgreSQL: a noisy run of a parametric circuit is
 * stored, read back after a restart and reproduced bit-exact. Runs only where
 * QISE_TEST_POSTGRES_URL is given (as PostgresTest), in a schema of its own.
 */
class PostgresNoisyRunsTest {
    @Test
    void aNoisyParametricRunRoundTripsOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_test_noise_")) {
            var config = pg.configure(Runs.config(java.nio.file.Path.of("unused"), Runs.runConfig()));
            String run;
            String token;
            JsonNode done;
            try (TestPortal portal = TestPortal.startKeeping(config)) {
                token = portal.token(portal.user("pg.noise@example.org", Role.FELLOW, null));
                String circuit = Runs.circuit(portal, token, "Parametric on PG", ParametricRunsTest.PARAMETRIC, "private");
                run = Runs.start(portal, token, circuit, Map.of("shots", 300, "seed", 4, "noise_model", "example:depolarizing",
                        "parameters", Map.of("theta", 0.7, "phi", 0.4)));
                done = Runs.awaitDone(portal, token, run);
            }
            try (TestPortal again = TestPortal.startKeeping(config)) {
                JsonNode read = Runs.get(again, token, run);
                assertEquals(done.get("noise_model_sha256"), read.get("noise_model_sha256"));
                assertEquals(done.get("method"), read.get("method"));
                assertEquals(0.7, read.at("/parameters/theta").asDouble(), 0.0);
                var reproduced = again.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
                assertStatus(200, reproduced);
                assertEquals("bit-exact", parse(reproduced).get("verdict").asText(), reproduced.body());
            }
        }
    }
}
