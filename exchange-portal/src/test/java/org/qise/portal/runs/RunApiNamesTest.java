package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;
import static org.qise.portal.api.ApiNameAssertions.assertBothNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.api.ApiNames;
import org.qise.portal.people.Role;

/**
 * The runs API names its fields in camelCase like the rest of the API; for one release its
 * answers also carry the old snake_case names with the same values, its requests accept the old
 * names, and the OpenAPI document lists both, the old ones as deprecated.
 */
class RunApiNamesTest {
    static TestPortal portal;
    static String token;
    static String circuit;
    static String run;

    @BeforeAll
    static void start() {
        portal = Runs.portal();
        token = portal.token(portal.user("names@example.org", Role.FELLOW, null));
        circuit = Runs.circuit(portal, token, "Named", Runs.SAMPLED, "public");
        run = Runs.start(portal, token, circuit, Map.of("shots", 40, "seed", 3));
        Runs.awaitDone(portal, token, run);
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @CsvSource({"result_sha256, resultSha256", "noise_model, noiseModel", "degrees_of_freedom, degreesOfFreedom",
            "p_value, pValue", "counts_next_cursor, countsNextCursor", "id, id"})
    void namesConvertBothWays(String snake, String camel) {
        assertEquals(camel, ApiNames.camel(snake));
        assertEquals(snake, ApiNames.snake(camel));
    }

    @Test
    void aRunAndTheRunsListCarryCamelCaseNamesAndTheOldOnes() {
        JsonNode r = Runs.get(portal, token, run);
        assertBothNames(r, "circuitId", "circuitVersion", "circuitSha256", "queuedAt", "startedAt", "finishedAt", "resultSha256",
                "countsTotal");
        assertEquals(circuit, r.get("circuitId").asText());
        assertEquals(64, r.get("resultSha256").asText().length());
        // The manifest is the simulator's document: it keeps its own names, with no twins added.
        assertTrue(r.get("manifest").has("circuit_sha256"));
        assertFalse(r.get("manifest").has("circuitSha256"));

        JsonNode list = parse(portal.get("/api/v1/circuits/" + circuit + "/runs", token));
        assertBothNames(list.get(0), "circuitVersion", "resultSha256", "queuedAt");
    }

    @ParameterizedTest(name = "reproduce with {0}")
    @CsvSource({"freshSeed", "fresh_seed"})
    void reproduceTakesTheNewNameAndTheOldOne(String field) {
        var r = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of(field, true));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 202, r.body());
        JsonNode body = parse(r);
        assertBothNames(body, "runId", "rerunId");
        JsonNode rerun = Runs.get(portal, token, body.get("rerunId").asText());
        assertEquals(run, rerun.get("reproduces").asText());
        assertTrue(rerun.get("seed").asLong() != 3, "a fresh seed was asked for, under either name");
    }

    @Test
    void bothNamesOfOneFieldAreRefusedNamingThem() {
        var r = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of("freshSeed", true, "fresh_seed", false));
        assertStatus(400, r);
        assertTrue(parse(r).get("error").asText().contains("\"freshSeed\" or its old name \"fresh_seed\""), r.body());
        var start = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token,
                Map.of("noiseModel", "example:depolarizing", "noise_model", "example:depolarizing"));
        assertStatus(400, start);
    }

    @ParameterizedTest(name = "a noisy run started with {0}")
    @CsvSource({"noiseModel", "noise_model"})
    void aNoiseModelIsTakenUnderEitherName(String field) {
        String noisy = Runs.start(portal, token, circuit, Map.of(field, "example:depolarizing", "shots", 20, "seed", 1));
        JsonNode r = Runs.awaitDone(portal, token, noisy);
        assertBothNames(r, "noiseModel", "noiseModelSha256");
        assertEquals(64, r.get("noiseModelSha256").asText().length());
    }

    @Test
    void theOpenApiDocumentListsEveryRunFieldUnderBothNamesTheOldOnesDeprecated() {
        JsonNode schemas = parse(portal.get("/api/v1/openapi.json", null)).get("components").get("schemas");
        JsonNode documented = schemas.get("Run").get("properties");
        List<String> missing = new ArrayList<>();
        Runs.get(portal, token, run).properties().forEach(e -> {
            if (!documented.has(e.getKey())) missing.add(e.getKey());
        });
        assertEquals(List.of(), missing, "fields of a run the Run schema does not document");
        for (String schema : List.of("Run", "RunSummary", "Verdict", "RunRequest")) {
            schemas.get(schema).get("properties").properties().forEach(e -> {
                if (!e.getKey().contains("_")) return;
                assertTrue(e.getValue().path("deprecated").asBoolean(), schema + "." + e.getKey() + " is deprecated");
                assertTrue(schemas.get(schema).get("properties").has(ApiNames.camel(e.getKey())), schema + "." + e.getKey() + " has a twin");
            });
        }
    }
}
