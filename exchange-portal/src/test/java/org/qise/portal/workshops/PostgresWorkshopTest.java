package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.PostgresSchema;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * Workshop editing on PostgreSQL (QISE_TEST_POSTGRES_URL, _USER, _PASSWORD; skipped without,
 * failing under CI=true): migration V70 applies, a time given with an offset comes back as the
 * same UTC instant from a TIMESTAMP WITH TIME ZONE column, a closed window refuses, and the order
 * and CSV read the same as on SQLite.
 */
class PostgresWorkshopTest {
    @Test
    void editingDatesOrderAndCsvWorkOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.create("workshops")) {
            var config = pg.configure(TestPortal.config(TestPortal.tempDir()));
            try (TestPortal portal = TestPortal.start(config)) {
                String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
                String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
                var created = parse(portal.json("POST", "/api/v1/workshops", t, Map.of("title", "pg", "date", "2026-12-01")));
                long id = created.get("id").asLong();
                assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", created.get("join_code").asText())));
                long a = exercise(portal, t, id, "A");
                long b = exercise(portal, t, id, "B");
                var edited = portal.json("PATCH", "/api/v1/workshops/" + id, t,
                        Map.of("opens_at", "2020-01-01T10:00+01:00", "closes_at", "2020-01-02T09:00:00Z", "description", "*pg*"));
                assertStatus(200, edited);
                assertEquals("2020-01-01T09:00:00Z", parse(edited).get("opens_at").asText());
                assertEquals("2020-01-02T09:00:00Z", parse(portal.get("/api/v1/workshops/" + id, ada)).get("closes_at").asText());
                var late = portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + a + "/submissions", ada,
                        Map.of("qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\nh q[0];\n"));
                assertStatus(409, late);
                assertTrue(parse(late).get("error").asText().contains("2020-01-02 09:00 UTC"));
                assertStatus(200, portal.json("PUT", "/api/v1/workshops/" + id + "/exercise-order", t, Map.of("exercise_ids", List.of(b, a))));
                assertEquals(b, parse(portal.get("/api/v1/workshops/" + id, ada)).get("exercises").get(0).get("id").asLong());
                assertEquals("participant,institution,exercise,status,score,submitted at,run id\r\n"
                        + "Name of ada@example.org,Test University,B,not submitted,,,\r\n"
                        + "Name of ada@example.org,Test University,A,not submitted,,,\r\n",
                        portal.get("/api/v1/workshops/" + id + "/results.csv", t).body());
            }
        }
    }

    private static long exercise(TestPortal portal, String token, long workshop, String title) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", token,
                Map.of("title", title, "kind", "checker:minus-state"));
        assertStatus(201, r);
        return parse(r).get("id").asLong();
    }
}
