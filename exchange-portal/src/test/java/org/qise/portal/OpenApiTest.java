package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written OpenAPI document covers exactly the API routes the server registers, and
 * names every field in camelCase except old snake_case names marked as deprecated aliases of a
 * camelCase twin (issue 16: one naming convention, old names kept for one release).
 */
class OpenApiTest {
    /** camelCase: a lower-case letter, then letters and digits. */
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");

    static TestPortal portal;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        doc = TestPortal.parse(portal.get("/api/v1/openapi.json", null));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    private static List<String> documented() {
        List<String> documented = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getKey().equals("parameters")) {
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                assertNotNull(op.getValue().get("responses"), op.getKey() + " " + path.getKey() + " has responses");
            }
        }));
        return documented;
    }

    @Test
    void everyRouteIsDocumentedAndNothingElse() {
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        List<String> registered = portal.server.apiRoutes();
        assertFalse(registered.isEmpty());
        assertEquals(registered.stream().sorted().toList(), documented().stream().sorted().toList());
        // every $ref resolves
        doc.findValues("$ref").forEach(ref -> {
            String name = ref.asText().substring("#/components/schemas/".length());
            assertNotNull(doc.get("components").get("schemas").get(name), ref.asText());
        });
    }

    /**
     * Walks the routes Javalin itself holds rather than the list the API classes keep, so a route
     * added under /api without {@code RouteTable} cannot slip past the document.
     */
    @Test
    void everyApiRouteTheServerHoldsIsInTheDocument() {
        Set<String> documented = new TreeSet<>(documented());
        List<String> held = portal.server.httpRoutes().stream().filter(r -> r.split(" ", 2)[1].startsWith("/api/")).toList();
        assertTrue(held.size() >= 50, "the walk sees the API routes: " + held);
        List<String> missing = held.stream()
                .filter(r -> !documented.contains(r))
                // Javalin answers HEAD for a GET route; HEAD is not listed separately.
                .filter(r -> !(r.startsWith("HEAD ") && documented.contains("GET " + r.substring(5))))
                .toList();
        assertEquals(List.of(), missing, "API routes the server registers but the OpenAPI document lacks");
    }

    @Test
    void everyNameIsCamelCaseOrAMarkedAliasOfACamelCaseName() {
        assertEquals(List.of(), namingProblems(doc));
        // The old names are there, marked, so clients see what is going away.
        JsonNode workshop = doc.get("components").get("schemas").get("Workshop").get("properties");
        assertTrue(workshop.get("opens_at").get("deprecated").asBoolean());
        assertTrue(workshop.has("opensAt"));
    }

    /** The check itself catches what it should (else a lenient check would pass any document). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unmarked snake_case property          | {"components":{"schemas":{"A":{"properties":{"opens_at":{}}}}}}                                        | 1
            a deprecated alias without its twin      | {"components":{"schemas":{"A":{"properties":{"opens_at":{"deprecated":true}}}}}}                        | 1
            a deprecated alias beside its twin       | {"components":{"schemas":{"A":{"properties":{"opensAt":{},"opens_at":{"deprecated":true}}}}}}           | 0
            a snake_case query parameter             | {"paths":{"/x":{"get":{"parameters":[{"name":"min_qubits","in":"query"}]}}}}                            | 1
            a snake_case name in a request body      | {"paths":{"/x":{"post":{"requestBody":{"content":{"application/json":{"schema":{"properties":{"exercise_ids":{}}}}}}}}}} | 1
            a snake_case required name               | {"components":{"schemas":{"A":{"required":["user_id"],"properties":{"userId":{}}}}}}                  | 1
            a document with its own names            | {"components":{"schemas":{"A":{"x-qise-own-names":"why","properties":{"circuit_qasm":{}}}}}}            | 0
            a property called properties             | {"components":{"schemas":{"A":{"properties":{"properties":{"type":"object"}}}}}}                        | 0
            """)
    void theNamingCheckFindsWhatItShould(String what, String json, int problems) {
        assertEquals(problems, namingProblems(PortalJson.readTree(json)).size(), what);
    }

    /** Every property, required or parameter name that is neither camelCase nor a marked alias, with where it is. */
    static List<String> namingProblems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        walk(root, "$", problems);
        return problems;
    }

    private static void walk(JsonNode node, String where, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), where + "[" + i + "]", problems);
            return;
        }
        if (!node.isObject()) return;
        // A schema for a document in another format (the simulator's result file) keeps its names.
        if (node.has("x-qise-own-names")) return;
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            props.properties().forEach(p -> {
                String name = p.getKey();
                if (CAMEL.matcher(name).matches()) return;
                boolean marked = p.getValue().path("deprecated").asBoolean(false);
                String twin = org.qise.portal.api.ApiNames.camel(name);
                if (!marked) problems.add(where + ".properties." + name + ": not camelCase and not marked deprecated");
                else if (!props.has(twin)) problems.add(where + ".properties." + name + ": deprecated alias without its camelCase name " + twin);
            });
            props.properties().forEach(p -> walk(p.getValue(), where + ".properties." + p.getKey(), problems));
        }
        JsonNode required = node.get("required");
        if (required != null && required.isArray()) {
            required.forEach(r -> {
                if (!CAMEL.matcher(r.asText()).matches()) problems.add(where + ".required: " + r.asText() + " is not camelCase");
            });
        }
        // Query and path parameters; a header keeps its HTTP spelling.
        if (node.has("in") && node.has("name") && !node.get("in").asText().equals("header")
                && !CAMEL.matcher(node.get("name").asText()).matches() && !node.path("deprecated").asBoolean(false)) {
            problems.add(where + ": parameter " + node.get("name").asText() + " is not camelCase");
        }
        node.properties().forEach(e -> {
            // The property map was walked above, value by value (its keys are names, not schema keywords).
            if (!e.getKey().equals("properties")) walk(e.getValue(), where + "." + e.getKey(), problems);
        });
    }
}
