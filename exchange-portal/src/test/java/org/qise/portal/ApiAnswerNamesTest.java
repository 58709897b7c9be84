package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qise.portal.api.ApiNames;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * What the API really answers follows its one naming convention (issue 16), not only what the
 * OpenAPI document says it does: over the answers of every part of the API, each field name is
 * camelCase, or an old snake_case name right beside its camelCase twin with the same value.
 * Values that are documents in a format of their own (a run's manifest, counts keyed by
 * bitstring, parameter values, exercise targets) are not the API's names and are not walked.
 */
class ApiAnswerNamesTest {
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    /** Fields whose value is a document with its own names (or keys that are data, such as bitstrings). */
    private static final Set<String> OWN_NAMES = Set.of("manifest", "counts", "parameters", "target", "best", "noiseModel", "noise_model");
    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    private static final String MINUS = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\nh q[0];\n";

    @Test
    void everyAnswerOfEveryPartOfTheApiNamesItsFieldsInCamelCase() throws InterruptedException {
        try (TestPortal portal = TestPortal.start()) {
            User teacherUser = portal.user("teacher@example.org", Role.INSTRUCTOR, null);
            String teacher = portal.token(teacherUser);
            User adaUser = portal.user("ada@example.org", Role.FELLOW, null);
            String ada = portal.token(adaUser);

            var created = portal.json("POST", "/api/v1/circuits", ada, Map.of("title", "Bell", "visibility", "public", "qasm", BELL,
                    "tags", List.of("bell")));
            assertStatus(201, created);
            String circuit = parse(created).get("id").asText();
            assertStatus(201, portal.json("POST", "/api/v1/circuits/" + circuit + "/comments", teacher, Map.of("body", "Nice.")));
            assertStatus(200, portal.json("PUT", "/api/v1/circuits/" + circuit + "/star", teacher, Map.of()));
            var started = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", ada, Map.of("shots", 50, "seed", 1));
            assertStatus(202, started);
            String run = parse(started).get("id").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!parse(portal.get("/api/v1/runs/" + run, ada)).get("status").asText().equals("done")) {
                if (System.nanoTime() > deadline) throw new AssertionError("the run did not finish within a minute");
                Thread.sleep(50);
            }
            var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", ada, Map.of());

            var workshop = parse(portal.json("POST", "/api/v1/workshops", teacher, Map.of("title", "Names", "date", "2026-12-01")));
            String w = "/api/v1/workshops/" + workshop.get("id").asLong();
            assertStatus(200, portal.json("POST", "/api/v1/workshops/join", ada, Map.of("code", workshop.get("joinCode").asText())));
            long exercise = parse(portal.json("POST", w + "/exercises", teacher, Map.of("title", "Minus", "kind", "state",
                    "referenceQasm", MINUS))).get("id").asLong();
            var submitted = portal.json("POST", w + "/exercises/" + exercise + "/submissions", ada, Map.of("qasm", MINUS));

            List<String> problems = new ArrayList<>();
            Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();
            answers.put("POST circuits", parse(created));
            answers.put("POST runs", parse(started));
            answers.put("POST reproduce", parse(reproduced));
            answers.put("POST workshops", workshop);
            answers.put("POST submissions", parse(submitted));
            for (String path : List.of("/me", "/me/runs", "/tokens", "/licenses", "/me/stars", "/circuits", "/circuits/" + circuit,
                    "/circuits/" + circuit + "/versions", "/circuits/" + circuit + "/versions/1", "/circuits/" + circuit + "/comments",
                    "/circuits/" + circuit + "/credit", "/circuits/" + circuit + "/citation", "/circuits/" + circuit + "/runs",
                    "/runs/" + run, "/search?q=bell", "/tags", "/search/most-reproduced", "/search/recently-verified",
                    "/people/" + adaUser.id(), "/people/" + adaUser.id() + "/runs", "/workshops", w.substring("/api/v1".length()),
                    w.substring("/api/v1".length()) + "/results",
                    w.substring("/api/v1".length()) + "/participants/" + adaUser.id() + "/submissions")) {
                var r = portal.get("/api/v1" + path, path.startsWith("/workshops") ? teacher : ada);
                assertStatus(200, r);
                answers.put("GET " + path, parse(r));
            }
            answers.forEach((where, json) -> walk(json, where + " $", problems));
            assertEquals(List.of(), problems);
        }
    }

    private static void walk(JsonNode node, String where, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), where + "[" + i + "]", problems);
            return;
        }
        if (!node.isObject()) return;
        node.properties().forEach(e -> {
            String name = e.getKey();
            if (!CAMEL.matcher(name).matches()) {
                String twin = ApiNames.camel(name);
                if (!node.has(twin)) problems.add(where + "." + name + ": not camelCase and no camelCase twin");
                else if (!node.get(twin).equals(e.getValue())) problems.add(where + "." + name + ": differs from " + twin);
            }
            if (!OWN_NAMES.contains(name)) walk(e.getValue(), where + "." + name, problems);
        });
    }
}
