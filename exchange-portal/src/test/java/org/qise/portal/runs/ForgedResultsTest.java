package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.Version;
import org.qise.cli.QiseMain;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Pushed results an attacker might forge: edited counts, missing, altered or mistyped manifest
 * fields. None may come back verified; each gets either a verdict that says what was found or
 * a 422 naming the field by its JSON path. The honest result is the control: it is verified.
 */
class ForgedResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static TestPortal portal;
    private static String token;
    /** {@code qise run --json} output for Runs.SAMPLED with seed 11 and 2000 shots, made by the command itself. */
    private static JsonNode honest;

    @BeforeAll
    static void start() throws IOException {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        User mallory = portal.user("mallory@example.org", Role.FELLOW, null);
        token = portal.token(mallory);
        Path file = dir.resolve("sampled.qasm");
        Files.writeString(file, Runs.SAMPLED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), false)
                .execute("run", file.toString(), "--json", "--seed", "11", "--shots", "2000");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        honest = JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    private static ObjectNode forge(Consumer<ObjectNode> edit) {
        ObjectNode copy = honest.deepCopy();
        edit.accept(copy);
        return copy;
    }

    private static ObjectNode manifest(ObjectNode result) {
        return (ObjectNode) result.get("manifest");
    }

    /** Moves {@code n} shots from the most frequent outcome to the least frequent: the total stays right. */
    private static void moveShots(ObjectNode result, int n) {
        ObjectNode counts = (ObjectNode) result.get("counts");
        List<String> keys = new ArrayList<>();
        counts.fieldNames().forEachRemaining(keys::add);
        keys.sort((a, b) -> Long.compare(counts.get(b).asLong(), counts.get(a).asLong()));
        String from = keys.getFirst();
        String to = keys.getLast();
        counts.put(from, counts.get(from).asLong() - n);
        counts.put(to, counts.get(to).asLong() + n);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("manifest missing", forge(r -> r.remove("manifest")), "$.manifest"),
                Arguments.of("manifest not an object", forge(r -> r.put("manifest", "trust me")), "$.manifest"),
                Arguments.of("simulator_version missing", forge(r -> manifest(r).remove("simulator_version")), "$.manifest.simulator_version"),
                Arguments.of("simulator_version a number", forge(r -> manifest(r).put("simulator_version", 0.1)), "$.manifest.simulator_version"),
                Arguments.of("simulator_version not a version", forge(r -> manifest(r).put("simulator_version", "latest")), "$.manifest.simulator_version"),
                Arguments.of("circuit_sha256 missing", forge(r -> manifest(r).remove("circuit_sha256")), "$.manifest.circuit_sha256"),
                Arguments.of("circuit_sha256 not hex", forge(r -> manifest(r).put("circuit_sha256", "abc")), "$.manifest.circuit_sha256"),
                Arguments.of("circuit_sha256 of another circuit", forge(r -> manifest(r).put("circuit_sha256", "0".repeat(64))), "$.manifest.circuit_sha256"),
                Arguments.of("manifest seed differs from seed", forge(r -> manifest(r).put("seed", 12)), "$.manifest.seed"),
                Arguments.of("manifest shots a string", forge(r -> manifest(r).put("shots", "2000")), "$.manifest.shots"),
                Arguments.of("manifest engine differs from engine", forge(r -> manifest(r).put("engine", "other")), "$.manifest.engine"),
                Arguments.of("manifest threads a fraction", forge(r -> manifest(r).put("threads", 1.5)), "$.manifest.threads"),
                Arguments.of("a field a manifest does not have", forge(r -> manifest(r).put("verified", true)), "$.manifest.verified"),
                Arguments.of("an option the portal cannot re-run", forge(r -> ((ObjectNode) manifest(r).get("options")).put("noise", "depolarizing")), "$.manifest.options.noise"),
                Arguments.of("a single-precision result (the portal re-runs in double)", forge(r -> ((ObjectNode) manifest(r).get("options")).put("precision", "single")), "$.manifest.options.precision"),
                Arguments.of("seed a string", forge(r -> r.put("seed", "11")), "$.seed"),
                Arguments.of("seed missing", forge(r -> r.remove("seed")), "$.seed"),
                Arguments.of("shots a fraction", forge(r -> r.put("shots", 2000.5)), "$.shots"),
                Arguments.of("counts an array", forge(r -> r.putArray("counts").add(1)), "$.counts"),
                Arguments.of("a count negative", forge(r -> ((ObjectNode) r.get("counts")).put("000", -1)), "$.counts['000']"),
                Arguments.of("a count a string", forge(r -> ((ObjectNode) r.get("counts")).put("000", "many")), "$.counts['000']"),
                Arguments.of("a key not a bitstring", forge(r -> ((ObjectNode) r.get("counts")).put("0x1", 0)), "$.counts['0x1']"),
                Arguments.of("circuit_qasm a number", forge(r -> r.put("circuit_qasm", 7)), "$.circuit_qasm"));
    }

    @ParameterizedTest(name = "{0} is refused with 422 naming {2}")
    @MethodSource("malformed")
    void aMalformedPushIsRefusedNamingTheField(String what, ObjectNode forged, String path) {
        var r = portal.json("POST", "/api/v1/results", token, forged.toString());
        assertStatus(422, r);
        String error = parse(r).get("error").asText();
        assertTrue(error.startsWith(path + " "), what + ": " + error);
    }

    static Stream<Arguments> forgedButWellFormed() {
        return Stream.of(
                Arguments.of("30 shots moved between outcomes", forge(r -> moveShots(r, 30)), "sha256", "different"),
                Arguments.of("30 shots moved, claimed with another simulator version",
                        forge(r -> { moveShots(r, 30); manifest(r).put("simulator_version", "0.0.9"); }), "chi-square", null),
                Arguments.of("30 shots moved, claimed with a development version",
                        forge(r -> { moveShots(r, 30); manifest(r).put("simulator_version", Version.get() + "-patched"); }), "chi-square", null),
                Arguments.of("the honest counts claimed with another simulator version",
                        forge(r -> manifest(r).put("simulator_version", "9.9.9")), "chi-square", null),
                Arguments.of("another seed claimed for the same counts",
                        forge(r -> { r.put("seed", 12); manifest(r).put("seed", 12); }), "sha256", "different"));
    }

    @ParameterizedTest(name = "{0}: not verified")
    @MethodSource("forgedButWellFormed")
    void aForgedResultIsNeverVerified(String what, ObjectNode forged, String method, String verdict) {
        var r = portal.json("POST", "/api/v1/results", token, forged.toString());
        assertStatus(201, r);
        JsonNode answer = parse(r);
        assertFalse(answer.get("verified").asBoolean(), what + ": " + answer);
        assertEquals(method, answer.get("method").asText(), answer.toString());
        if (verdict != null) assertEquals(verdict, answer.get("verdict").asText(), answer.toString());
        assertTrue(List.of("different", "statistically-consistent").contains(answer.get("verdict").asText()), answer.toString());

        JsonNode run = Runs.get(portal, token, answer.get("id").asText());
        assertFalse(run.get("verified").asBoolean(), "the run itself is not verified either: " + run);
        Map<String, String> status = checks(run);
        assertTrue(List.of("supplied", "failed").contains(status.get("counts")), "the counts were not confirmed: " + status);
        assertEquals("supplied", status.get("seed"), "a seed the re-run did not confirm is only supplied");
        assertEquals("supplied", status.get("simulator_version"));
        assertEquals("checked", status.get("circuit_sha256"));
        assertEquals("supplied", status.get("java_version"), "platform fields are the pusher's word");
        assertEquals("portal", status.get("result_sha256"));

        var page = browser().get("/runs/" + answer.get("id").asText());
        assertStatus(200, page);
        assertTrue(page.body().contains("not verified"), "the page says so");
        assertTrue(page.body().contains("supplied by the pusher"), "the page shows which fields were only supplied");
    }

    @Test
    void theHonestResultIsVerifiedAndEveryClaimItRestsOnIsChecked() {
        var r = portal.json("POST", "/api/v1/results", token, honest.toString());
        assertStatus(201, r);
        JsonNode answer = parse(r);
        assertEquals("bit-exact", answer.get("verdict").asText(), answer.toString());
        assertTrue(answer.get("verified").asBoolean());
        JsonNode run = Runs.get(portal, token, answer.get("id").asText());
        assertTrue(run.get("verified").asBoolean());
        Map<String, String> status = checks(run);
        for (String f : List.of("counts", "seed", "engine", "simulator_version", "circuit_sha256", "shots")) {
            assertEquals("checked", status.get(f), f + " in " + status);
        }
        assertEquals("supplied", status.get("os"), "the platform is never checkable");
        var page = browser().get("/runs/" + answer.get("id").asText());
        assertTrue(page.body().contains("✔ verified"), "the page shows the verdict as verified");
    }

    @Test
    void aRunPushedWithANonStringVersionBeforeValidationStillHasAPage() {
        // Older portals stored whatever was pushed; reading such a manifest must not fail.
        Run r = new Run(1, 1, 1, 1, "x", Origin.PUSHED, null, false, RunStatus.DONE, 1, 1, "e", List.of(), "", "", 1, 1, null,
                Map.of("0", 1L), null, null, Map.of("simulator_version", 1.0), null, java.time.Instant.EPOCH, null, null,
                "r1r1r1r1r1r1", "c1c1c1c1c1c1", null);
        assertEquals(null, r.simulatorVersion());
        assertEquals("1.0", ClaimChecks.of(r, null).stream().filter(c -> c.field().equals("simulator_version")).findFirst()
                .orElseThrow().value());
    }

    /** Pages take a browser session, not a token. */
    private static Browser browser() {
        Browser b = new Browser(portal);
        assertStatus(303, b.login("mallory@example.org", TestPortal.PASSWORD));
        return b;
    }

    private static Map<String, String> checks(JsonNode run) {
        Map<String, String> out = new java.util.HashMap<>();
        for (JsonNode c : run.get("checks")) out.put(c.get("field").asText(), c.get("status").asText());
        return out;
    }
}
