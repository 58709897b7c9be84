package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** Everything lives in the data directory: a restarted portal on the same directory has it all. */
class RestartTest {
    @Test
    void dataSurvivesARestart() {
        Path dir = TestPortal.tempDir();
        try {
            String token;
            String circuitId;
            try (TestPortal first = TestPortal.startKeeping(TestPortal.config(dir))) {
                User u = first.user("keeper@example.org", Role.FELLOW, first.cohort("Kept cohort"));
                var r = first.json("POST", "/api/v1/auth/token", null, Map.of("email", "keeper@example.org", "password", TestPortal.PASSWORD));
                assertStatus(201, r);
                token = parse(r).get("token").asText();
                var c = first.json("POST", "/api/v1/circuits", token, Map.of("title", "Kept circuit", "visibility", "private",
                        "qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n"));
                assertStatus(201, c);
                circuitId = parse(c).get("id").asText();
                assertEquals(u.id(), first.server.services().users().findByEmail("keeper@example.org").orElseThrow().id());
            }
            try (TestPortal second = TestPortal.startKeeping(TestPortal.config(dir))) {
                assertStatus(200, second.get("/api/v1/circuits", token));
                User again = second.server.services().users().findByEmail("keeper@example.org").orElseThrow();
                assertEquals("Kept cohort", again.cohorts().getFirst().name());
                var c = second.get("/api/v1/circuits/" + circuitId, token);
                assertStatus(200, c);
                assertEquals("Kept circuit", parse(c).get("title").asText());
                assertEquals(2, parse(c).get("numGates").asInt());
            }
        } finally {
            TestPortal.deleteTree(dir);
        }
    }
}
