package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;

/**
 * The same migrations and queries on PostgreSQL. Runs only where a server is given, e.g.
 * {@code QISE_TEST_POSTGRES_URL=jdbc:postgresql://localhost/qise QISE_TEST_POSTGRES_USER=…
 * QISE_TEST_POSTGRES_PASSWORD=…}; it works in a schema of its own and drops it afterwards.
 */
class PostgresTest {
    @Test
    void portalRunsOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("qise_test_")) {
            // The data directory is unused with PostgreSQL but must be a valid path.
            PortalConfig config = pg.configure(TestPortal.config(java.nio.file.Path.of("unused")));
            String circuitId;
            String token;
            try (TestPortal portal = TestPortal.startKeeping(config)) {
                var cohort = portal.cohort("PG cohort");
                token = portal.token(portal.user("pg.alice@example.org", Role.FELLOW, cohort));
                String bob = portal.token(portal.user("pg.bob@example.org", Role.FELLOW, null));
                var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "On Postgres", "visibility", "cohort",
                        "tags", List.of("pg"), "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n"));
                assertStatus(201, r);
                circuitId = parse(r).get("id").asText();
                assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + circuitId, token,
                        Map.of("title", "On Postgres v2", "qasm", "OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0];\n")));
                assertStatus(404, portal.get("/api/v1/circuits/" + circuitId, bob));
                assertStatus(201, portal.json("POST", "/api/v1/circuits/" + circuitId + "/comments", token, Map.of("body", "hi")));
                assertEquals(1, parse(portal.get("/api/v1/circuits?tag=pg", token)).size());
                Browser b = new Browser(portal);
                assertEquals(303, b.login("pg.alice@example.org", TestPortal.PASSWORD).statusCode());
                assertEquals(200, b.get("/circuits/" + circuitId).statusCode());
            }
            try (TestPortal again = TestPortal.startKeeping(config)) {
                var c = parse(again.get("/api/v1/circuits/" + circuitId, token));
                assertEquals("On Postgres v2", c.get("title").asText());
                assertEquals(2, parse(again.get("/api/v1/circuits/" + circuitId + "/versions", token)).size());
            }
        }
    }
}
