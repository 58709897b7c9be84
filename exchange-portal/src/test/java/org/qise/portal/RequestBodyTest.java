package org.qise.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.people.Role;

/**
 * Request bodies are read as records through Javalin's JSON mapper (the portal's one mapper);
 * a value of the wrong type is a 400 that names the field by its JSON path, never a silent
 * conversion ("2" is not a whole number, 5 is not a title).
 */
class RequestBodyTest {
    static final String BELL = "OPENQASM 2.0;\\ninclude \\\"qelib1.inc\\\";\\nqreg q[2];\\ncreg c[2];\\nh q[0];\\ncx q[0],q[1];\\nmeasure q -> c;\\n";
    private static TestPortal portal;
    private static String token;
    private static String circuit;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        token = portal.token(portal.user("body@example.org", Role.INSTRUCTOR, portal.cohort("Body cohort")));
        var created = portal.json("POST", "/api/v1/circuits", token,
                "{\"title\": \"t\", \"qasm\": \"" + BELL + "\", \"visibility\": \"public\"}");
        assertStatus(201, created);
        circuit = parse(created).get("id").asText();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "POST | /api/v1/circuits            | {\"title\": 5, \"qasm\": \"x\", \"visibility\": \"public\"}  | \"title\" must be a string",
            "POST | /api/v1/circuits            | {\"title\": \"t\", \"qasm\": \"x\", \"visibility\": \"public\", \"tags\": [\"a\", 1]} | \"tags[1]\" must be a string",
            "POST | /api/v1/circuits            | {\"title\": \"t\", \"qasm\": \"x\", \"visibility\": true}  | \"visibility\" must be a string",
            "POST | /api/v1/circuits            | {\"title\": \"t\", \"qasm\": \"x\", \"tags\": \"a\", \"visibility\": \"public\"} | \"tags\" must be an array",
            "POST | /api/v1/circuits            | {\"qasm\": \"x\", \"visibility\": \"public\"}               | \"title\" is required",
            "POST | /api/v1/circuits            | [1, 2]                                                        | the request body must be a JSON object",
            "POST | /api/v1/circuits            | {\"title\": \"t\",                                              | the request body is not valid JSON (line 1, column 15)",
            "POST | /api/v1/circuits/{c}/fork   | {\"version\": 1.5}                                            | \"version\" must be a whole number",
            "POST | /api/v1/circuits/{c}/fork   | {\"version\": \"1\"}                                          | \"version\" must be a whole number",
            "POST | /api/v1/circuits/{c}/comments | {\"body\": [\"hi\"]}                                        | \"body\" must be a string",
            "POST | /api/v1/circuits/{c}/comments | {}                                                          | \"body\" is required",
            "POST | /api/v1/circuits/{c}/runs   | {\"shots\": \"100\"}                                          | \"shots\" must be a whole number",
            "POST | /api/v1/circuits/{c}/runs   | {\"seed\": 1e3}                                               | \"seed\" must be a whole number",
            "POST | /api/v1/invites             | {\"role\": \"fellow\", \"uses\": \"3\"}                       | \"uses\" must be a whole number",
            "POST | /api/v1/invites             | {\"uses\": 3}                                                 | \"role\" is required",
            "POST | /api/v1/workshops           | {\"title\": 7}                                                | \"title\" must be a string"})
    void aWronglyTypedFieldIsA400NamingItsPath(String method, String path, String body, String message) {
        var r = portal.json(method.strip(), path.strip().replace("{c}", circuit), token, body.strip());
        assertStatus(400, r);
        assertEquals(message.strip(), parse(r).get("error").asText());
    }

    @Test
    void fieldsTheRecordDoesNotNameAreIgnoredAsBefore() {
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/comments", token, Map.of("body", "hello", "mood", 3));
        assertStatus(201, r);
    }

    @Test
    void responsesAreWrittenByJavalinsMapperAsJson() {
        var r = portal.get("/api/v1/circuits/" + circuit, token);
        assertStatus(200, r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertEquals(circuit, parse(r).get("id").asText());
    }

    @Test
    void thePortalCreatesOneMapperAndJavalinUsesIt() throws java.io.IOException {
        assertTrue(PortalJson.javalinMapper().getMapper() == PortalJson.MAPPER);
        // A second mapper could be configured differently and write a manifest differently from its stored hash.
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            var creators = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains("new ObjectMapper(");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).toList();
            assertEquals(java.util.List.of("PortalJson.java"), creators);
        }
    }
}
