package org.qise.portal.workshops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;
import static org.qise.portal.api.ApiNameAssertions.assertBothNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * The workshops API names its fields in camelCase like the rest of the API (issue 16); for one
 * release its answers also carry the old snake_case names with the same values, and its requests
 * accept the old names (both names of one field at once is 400).
 */
class WorkshopApiNamesTest {
    private static final String MINUS = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\nh q[0];\n";

    static TestPortal portal;
    static String teacher;
    static String ada;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        teacher = portal.token(portal.user("teacher@example.org", Role.INSTRUCTOR, null));
        ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static JsonNode created(Map<String, Object> body) {
        var r = portal.json("POST", "/api/v1/workshops", teacher, body);
        assertStatus(201, r);
        return parse(r);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"opensAt, closesAt", "opens_at, closes_at"})
    void aWorkshopTakesItsWindowUnderEitherNameAndAnswersWithBoth(String opensName, String closesName) {
        JsonNode w = created(Map.of("title", "Window", "date", "2026-12-01", opensName, "2026-12-01T09:00:00Z",
                closesName, "2026-12-01T17:00+01:00"));
        assertBothNames(w, "joinCode", "opensAt", "closesAt", "openNow");
        assertEquals("2026-12-01T09:00:00Z", w.get("opensAt").asText());
        assertEquals("2026-12-01T16:00:00Z", w.get("closesAt").asText(), "stored as UTC");

        var patched = portal.json("PATCH", "/api/v1/workshops/" + w.get("id").asLong(), teacher, Map.of(closesName, "2026-12-02T00:00:00Z"));
        assertStatus(200, patched);
        assertEquals("2026-12-02T00:00:00Z", parse(patched).get("closesAt").asText());
        assertEquals("2026-12-01T09:00:00Z", parse(patched).get("opensAt").asText(), "a field left out keeps its value");
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource({"POST, /api/v1/workshops, opensAt, opens_at", "PATCH, /api/v1/workshops/{id}, closesAt, closes_at",
            "POST, /api/v1/workshops/{id}/exercises, referenceQasm, reference_qasm",
            "PUT, /api/v1/workshops/{id}/exercise-order, exerciseIds, exercise_ids"})
    void bothNamesOfOneFieldAreRefusedNamingBoth(String method, String path, String name, String old) {
        long id = created(Map.of("title", "Both", "date", "2026-12-01")).get("id").asLong();
        Object value = name.equals("exerciseIds") ? List.of() : name.equals("referenceQasm") ? MINUS : "2026-12-01T09:00:00Z";
        var r = portal.json(method, path.replace("{id}", String.valueOf(id)), teacher,
                Map.of("title", "Both", "date", "2026-12-01", "kind", "state", name, value, old, value));
        assertStatus(400, r);
        assertEquals("give \"" + name + "\" or its old name \"" + old + "\", not both", parse(r).get("error").asText());
    }

    @Test
    void exercisesSubmissionsAndResultsUseCamelCaseAndKeepTheOldNames() {
        JsonNode w = created(Map.of("title", "Names", "date", "2026-12-01"));
        long id = w.get("id").asLong();
        String base = "/api/v1/workshops/" + id;
        assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", w.get("joinCode").asText())));

        var first = portal.json("POST", base + "/exercises", teacher, Map.of("title", "Minus", "kind", "state", "referenceQasm", MINUS,
                "noiseModel", "example:depolarizing"));
        assertStatus(201, first);
        long minus = parse(first).get("id").asLong();
        var second = portal.json("POST", base + "/exercises", teacher, Map.of("title", "Minus again", "kind", "state", "reference_qasm", MINUS));
        assertStatus(201, second);
        long again = parse(second).get("id").asLong();

        var order = portal.json("PUT", base + "/exercise-order", teacher, Map.of("exerciseIds", List.of(again, minus)));
        assertStatus(200, order);
        assertEquals(again, parse(order).get(0).get("id").asLong());
        assertBothNames(parse(order).get(1), "noiseModelSha256");
        assertStatus(200, portal.json("PUT", base + "/exercise-order", teacher, Map.of("exercise_ids", List.of(minus, again))));

        var patched = portal.json("PATCH", base + "/exercises/" + again, teacher, Map.of("noiseModel", "example:depolarizing"));
        assertStatus(200, patched);
        assertBothNames(parse(patched), "noiseModelSha256");
        assertEquals(parse(order).get(1).get("noiseModelSha256"), parse(patched).get("noiseModelSha256"), "the same model, the same hash");

        var submitted = portal.json("POST", base + "/exercises/" + again + "/submissions", ada, Map.of("qasm", MINUS));
        assertStatus(201, submitted);
        assertBothNames(parse(submitted), "exerciseId");
        assertEquals(again, parse(submitted).get("exerciseId").asLong());

        JsonNode seen = parse(portal.get(base, ada));
        assertBothNames(seen, "opensAt", "closesAt", "openNow");
        assertTrue(!seen.has("joinCode") && !seen.has("join_code"), "a participant is not shown the join code");
        JsonNode exercise = seen.get("exercises").get(1);
        assertEquals(again, exercise.get("id").asLong());
        assertBothNames(exercise, "myBest");
        assertBothNames(exercise.get("myBest"), "exerciseId");

        long adaId = parse(portal.get("/api/v1/me", ada)).get("id").asLong();
        JsonNode history = parse(portal.get(base + "/participants/" + adaId + "/submissions", teacher));
        assertBothNames(history, "userId");
        assertEquals(adaId, history.get("userId").asLong());
        assertBothNames(history.get("submissions").get(0), "exerciseId", "submittedAt");

        JsonNode results = parse(portal.get(base + "/results", teacher));
        assertBothNames(results.get("participants").get(0), "userId");
        assertEquals(adaId, results.get("participants").get(0).get("userId").asLong());
    }
}
