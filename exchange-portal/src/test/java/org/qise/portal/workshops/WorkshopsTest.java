package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/** A workshop over HTTP: an instructor sets exercises, participants join and submit, the instructor sees the table. */
class WorkshopsTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    @Test
    void instructorSetsExercisesParticipantsSolveThemAndTheTableShowsWho() {
        try (TestPortal portal = TestPortal.start()) {
            User teacher = portal.user("teacher@example.org", Role.INSTRUCTOR, null);
            String t = portal.token(teacher);
            String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
            String bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
            String stranger = portal.token(portal.user("stranger@example.org", Role.FELLOW, null));

            assertStatus(403, portal.json("POST", "/api/v1/workshops", ada, Map.of("title", "Mine", "date", "2026-12-01")));
            var created = portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Entanglement 101", "date", "2026-12-01"));
            assertStatus(201, created);
            long id = parse(created).get("id").asLong();
            String code = parse(created).get("join_code").asText();

            long bell = exercise(portal, t, id, Map.of("title", "Make a Bell pair", "task", "Prepare (|00⟩+|11⟩)/√2.",
                    "kind", "state", "reference_qasm", HEADER + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n"));
            long not = exercise(portal, t, id, Map.of("title", "Build NOT", "kind", "unitary", "threshold", 0.999,
                    "target", List.of(List.of(0, 1), List.of(1, 0))));
            long coin = exercise(portal, t, id, Map.of("title", "Fair coin", "kind", "distribution", "threshold", 0.95,
                    "target", Map.of("0", 0.5, "1", 0.5)));
            var bad = portal.json("POST", "/api/v1/workshops/" + id + "/exercises", t,
                    Map.of("title", "Broken", "kind", "unitary", "target", List.of(List.of(1, 1), List.of(0, 1))));
            assertStatus(400, bad);
            assertTrue(parse(bad).get("error").asText().contains("not unitary"));

            assertStatus(404, portal.get("/api/v1/workshops/" + id, stranger));
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", code.toLowerCase())));
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", bob, Map.of("code", code)));
            JsonNode seen = parse(portal.get("/api/v1/workshops/" + id, ada));
            assertEquals(3, seen.get("exercises").size());
            assertFalse(seen.has("join_code"), "only the instructor is shown the join code");

            JsonNode adaBell = submit(portal, ada, id, bell, "qreg q[2];\nh q[0];\ncx q[0],q[1];\n");
            assertTrue(adaBell.get("passed").asBoolean());
            assertEquals(1.0, adaBell.get("score").asDouble(), 1e-12);
            JsonNode adaNot = submit(portal, ada, id, not, "qreg q[1];\nx q[0];\n");
            assertTrue(adaNot.get("passed").asBoolean());
            JsonNode bobBell = submit(portal, bob, id, bell, "qreg q[2];\nh q[0];\n");
            assertFalse(bobBell.get("passed").asBoolean());
            assertEquals(0.25, bobBell.get("score").asDouble(), 1e-12);
            JsonNode bobCoin = submit(portal, bob, id, coin, "qreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n");
            assertTrue(bobCoin.get("passed").asBoolean(), bobCoin.toString());
            var wrong = portal.json("POST", "/api/v1/workshops/" + id + "/exercises/" + not + "/submissions", bob, Map.of("qasm", "qreg q[1;"));
            assertStatus(422, wrong);
            assertTrue(parse(wrong).has("line"), "parse errors point at the line");

            assertStatus(403, portal.get("/api/v1/workshops/" + id + "/results", ada));
            JsonNode table = parse(portal.get("/api/v1/workshops/" + id + "/results", t));
            JsonNode people = table.get("participants");
            assertEquals(2, people.size());
            JsonNode adaRow = people.get(0).get("name").asText().contains("ada") ? people.get(0) : people.get(1);
            JsonNode bobRow = adaRow == people.get(0) ? people.get(1) : people.get(0);
            assertEquals(2, adaRow.get("solved").asInt());
            assertEquals(1, bobRow.get("solved").asInt());
            assertFalse(bobRow.get("best").get(String.valueOf(bell)).get("passed").asBoolean());

            Browser browser = new Browser(portal);
            assertStatus(303, browser.login("teacher@example.org", TestPortal.PASSWORD));
            var page = browser.get("/workshops/" + id + "/results");
            assertStatus(200, page);
            assertTrue(page.body().contains("http-equiv=\"refresh\""), "the instructor's table refreshes itself");
            assertTrue(page.body().contains("Make a Bell pair") && page.body().contains("2 / 3"), page.body());
        }
    }

    @Test
    void participantsUseTheFormsAndCohortMembersNeedNoCode() {
        try (TestPortal portal = TestPortal.start()) {
            var cohort = portal.cohort("Winter school");
            portal.user("lead@example.org", Role.INSTRUCTOR, cohort);
            portal.user("fellow@example.org", Role.FELLOW, cohort);
            Browser lead = new Browser(portal);
            assertStatus(303, lead.login("lead@example.org", TestPortal.PASSWORD));
            var made = lead.submit("/workshops", "/workshops", Map.of("title", "Cohort session", "date", "2026-12-02", "cohort", "Winter school"));
            assertStatus(303, made);
            String path = made.headers().firstValue("Location").orElseThrow();
            var added = lead.submit(path, path + "/exercises", Map.of("title", "Plus state", "kind", "state",
                    "target", "[0.7071067811865476, 0.7071067811865476]", "threshold", "0.99"));
            assertStatus(303, added);

            Browser fellow = new Browser(portal);
            assertStatus(303, fellow.login("fellow@example.org", TestPortal.PASSWORD));
            var page = fellow.get(path);
            assertStatus(200, page);
            String action = page.body().replaceAll("(?s).*action=\"(" + path + "/exercises/\\d+/submit)\".*", "$1");
            var graded = fellow.submit(path, action, Map.of("qasm", HEADER + "qreg q[1];\nh q[0];\n"));
            assertStatus(303, graded);
            String shown = graded.headers().firstValue("Location").orElseThrow();
            assertTrue(shown.startsWith(path + "?verdict=") && shown.endsWith("#exercise-" + action.replaceAll(".*/exercises/(\\d+)/submit", "$1")), shown);
            assertTrue(fellow.get(shown.replaceAll("#.*", "")).body().contains("Solved!"), "the verdict is shown after the redirect");
            String reloaded = fellow.get(shown.replaceAll("#.*", "")).body();
            assertFalse(reloaded.contains("Solved!"), "and only once");
            assertTrue(reloaded.contains("✔ solved"));
        }
    }

    @Test
    void aCheckerExerciseGradesWithTheNotebookCoursesCheckerAndItsMessage() {
        String teleport = String.join("\n", "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[3] q;", "bit[2] m;",
                "h q[1];", "cx q[1], q[2];", "cx q[0], q[1];", "h q[0];", "m[0] = measure q[0];", "m[1] = measure q[1];",
                "if (m[1] == 1) { x q[2]; }", "");
        String withZ = teleport + "if (m[0] == 1) { z q[2]; }\n";
        try (TestPortal portal = TestPortal.start()) {
            String t = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
            String ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
            var created = portal.json("POST", "/api/v1/workshops", t, Map.of("title", "Dynamic circuits", "date", "2026-12-03"));
            long id = parse(created).get("id").asLong();
            var unknown = portal.json("POST", "/api/v1/workshops/" + id + "/exercises", t,
                    Map.of("title", "Teleport", "kind", "checker:teleport"));
            assertStatus(400, unknown);
            assertTrue(parse(unknown).get("error").asText().contains("teleportation-program"), "the error lists the checkers");
            long ex = exercise(portal, t, id, Map.of("title", "Teleport in OpenQASM 3", "kind", "checker:teleportation-program"));
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", parse(created).get("join_code").asText())));
            JsonNode listed = parse(portal.get("/api/v1/workshops/" + id, ada)).get("exercises").get(0);
            assertEquals("checker", listed.get("kind").asText());
            assertEquals(3, listed.get("qubits").asInt());

            JsonNode right = submitRaw(portal, ada, id, ex, withZ);
            assertTrue(right.get("passed").asBoolean(), right.toString());
            assertEquals(1.0, right.get("score").asDouble());
            JsonNode noZ = submitRaw(portal, ada, id, ex, teleport);
            assertFalse(noZ.get("passed").asBoolean(), noZ.toString());
            assertEquals(0.0, noZ.get("score").asDouble());
            // The participant reads what the notebook's checker says about the same program.
            String notebook = org.qise.workshop.DynamicCircuitExercises.teleportationProgram(teleport).message();
            assertTrue(notebook.contains("Z when her bit from q[0] is 1"), notebook);
            assertTrue(noZ.get("detail").asText().contains(notebook), noZ.get("detail").asText());
        }
    }

    private static JsonNode submitRaw(TestPortal portal, String token, long workshop, long exercise, String qasm) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises/" + exercise + "/submissions", token, Map.of("qasm", qasm));
        assertStatus(201, r);
        return parse(r);
    }

    private static long exercise(TestPortal portal, String token, long workshop, Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises", token, body);
        assertStatus(201, r);
        return parse(r).get("id").asLong();
    }

    private static JsonNode submit(TestPortal portal, String token, long workshop, long exercise, String body) {
        var r = portal.json("POST", "/api/v1/workshops/" + workshop + "/exercises/" + exercise + "/submissions", token,
                Map.of("qasm", HEADER + body));
        assertStatus(201, r);
        return parse(r);
    }
}
