package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.Version;
import org.qise.portal.Browser;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.sim.Manifest;

/** Results over HTTP: the same counts as the qise command, the manifest, reproduction, pushes, downloads. */
class RunResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static TestPortal portal;
    private static User alice;
    private static String token;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        alice = portal.user("alice@example.org", Role.FELLOW, null);
        token = portal.token(alice);
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    /** {@code qise run FILE --json ARGS…} in this JVM. */
    static JsonNode cli(String qasm, String... args) throws IOException {
        return Runs.cli(dir, qasm, args);
    }

    @Test
    void aRunCountsWhatTheCommandCountsAndReproducesBitExact() throws IOException {
        String circuit = Runs.circuit(portal, token, "Rotated GHZ", Runs.SAMPLED, "private");
        String run = Runs.start(portal, token, circuit, Map.of("shots", 1000, "seed", 7));
        JsonNode done = Runs.awaitDone(portal, token, run);
        JsonNode cli = cli(Runs.SAMPLED, "--seed", "7", "--shots", "1000");
        assertEquals(cli.get("counts"), done.get("counts"), "the portal and the qise command agree on seed 7, 1000 shots");
        assertTrue(done.get("counts").size() > 2, "the rotations spread the counts: " + done.get("counts"));

        JsonNode manifest = done.get("manifest");
        assertEquals(cli.get("manifest").get("circuit_sha256"), manifest.get("circuit_sha256"));
        assertEquals(Manifest.sha256(manifest.get("circuit_qasm").asText()), manifest.get("circuit_sha256").asText(),
                "the manifest's hash is that of its canonical circuit text");
        // The manifest names the run and circuit by their public ids, as URLs and citations do.
        assertEquals(circuit, manifest.get("circuit_id").asText());
        assertEquals(run, manifest.get("run_id").asText());
        assertFalse(manifest.has("legacy_ids"), "a new manifest has no integers to keep");
        assertEquals(1, manifest.get("circuit_version").asInt());
        assertEquals(7, manifest.get("seed").asLong());
        assertEquals(1000, manifest.get("shots").asLong());
        assertEquals(org.qise.engine.Engines.DEFAULT, manifest.get("engine").asText());
        assertEquals(Version.get(), manifest.get("simulator_version").asText());
        assertEquals(System.getProperty("java.version"), manifest.get("java_version").asText());
        assertEquals(alice.name(), manifest.get("run_by").get("name").asText());
        for (String f : List.of("threads", "os", "arch", "options", "parameters", "queued_at", "started_at", "finished_at")) {
            assertTrue(manifest.has(f), "manifest has " + f + ": " + manifest);
        }
        Map<String, Long> counts = JSON.convertValue(done.get("counts"), JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, Long.class));
        assertEquals(ResultHash.sha256(1000, counts), done.get("result_sha256").asText(),
                "the portal's hash of counts alone equals the simulator's Result.sha256()");
        assertEquals(done.get("result_sha256"), manifest.get("result_sha256"));

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        JsonNode verdict = parse(reproduced);
        assertEquals("bit-exact", verdict.get("verdict").asText(), verdict.toString());
        assertTrue(verdict.get("verified").asBoolean());
        JsonNode rerun = Runs.get(portal, token, verdict.get("rerun_id").asText());
        assertEquals(done.get("result_sha256"), rerun.get("result_sha256"));
        assertEquals(run, rerun.get("reproduces").asText());
        JsonNode verifications = Runs.get(portal, token, run).get("verifications");
        assertEquals("bit-exact", verifications.get(0).get("verdict").asText(), "stored as a verification of the run");
    }

    @Test
    void aFreshSeedIsJudgedByAChiSquareTest() {
        String circuit = Runs.circuit(portal, token, "Fresh seed", Runs.SAMPLED, "private");
        String run = Runs.start(portal, token, circuit, Map.of("shots", 2000));
        JsonNode done = Runs.awaitDone(portal, token, run);
        assertTrue(done.get("seed").asLong() >= 0, "a seed is drawn and recorded when none is given");
        var r = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of("fresh_seed", true));
        assertStatus(200, r);
        JsonNode v = parse(r);
        assertEquals("chi-square", v.get("method").asText());
        double p = v.get("p_value").asDouble();
        double threshold = v.get("threshold").asDouble();
        assertTrue(p >= 0 && p <= 1, "p-value " + p);
        assertEquals(p >= threshold ? "statistically-consistent" : "different", v.get("verdict").asText());
        assertNotEquals(done.get("seed"), Runs.get(portal, token, v.get("rerun_id").asText()).get("seed"));
    }

    @Test
    void aPushedResultIsReproducedAndATamperedOneIsFlagged() throws IOException {
        JsonNode honest = cli(Runs.SAMPLED, "--seed", "11", "--shots", "500");
        assertEquals(honest.get("manifest").get("circuit_sha256").asText(), Manifest.sha256(honest.get("circuit_qasm").asText()),
                "qise run --json carries the circuit whose hash its manifest records");
        var r = portal.json("POST", "/api/v1/results", token, honest.toString());
        assertStatus(201, r);
        JsonNode accepted = parse(r);
        assertEquals("bit-exact", accepted.get("verdict").asText(), accepted.toString());
        assertTrue(accepted.get("verified").asBoolean());
        assertTrue(accepted.get("created_circuit").asBoolean(), "no visible circuit had this text: a private one is made");
        String pushedCircuit = accepted.get("circuit_id").asText();
        assertEquals("private", parse(portal.get("/api/v1/circuits/" + pushedCircuit, token)).get("visibility").asText());

        // The same circuit pushed again links to the circuit made the first time.
        ObjectNode tampered = (ObjectNode) honest.deepCopy();
        ObjectNode counts = (ObjectNode) tampered.get("counts");
        List<String> keys = new java.util.ArrayList<>();
        counts.fieldNames().forEachRemaining(keys::add);
        String from = keys.stream().filter(k -> counts.get(k).asLong() > 0).findFirst().orElseThrow();
        String to = keys.get(keys.size() - 1).equals(from) ? keys.get(0) : keys.get(keys.size() - 1);
        counts.put(from, counts.get(from).asLong() - 1);
        counts.put(to, counts.get(to).asLong() + 1); // one shot moved: same total, edited counts
        var t = portal.json("POST", "/api/v1/results", token, tampered.toString());
        assertStatus(201, t);
        JsonNode flagged = parse(t);
        assertEquals("different", flagged.get("verdict").asText(), flagged.toString());
        assertFalse(flagged.get("verified").asBoolean());
        assertEquals(pushedCircuit, flagged.get("circuit_id").asText());
        assertFalse(flagged.get("created_circuit").asBoolean());
        JsonNode stored = Runs.get(portal, token, flagged.get("id").asText());
        assertEquals("pushed", stored.get("origin").asText());
        assertEquals("different", stored.get("verifications").get(0).get("verdict").asText());

        ObjectNode badSum = (ObjectNode) honest.deepCopy();
        ((ObjectNode) badSum.get("counts")).put(from, 10_000);
        var b = portal.json("POST", "/api/v1/results", token, badSum.toString());
        assertStatus(422, b);
        assertTrue(parse(b).get("error").asText().contains("but shots is 500"), b.body());

        ObjectNode otherCircuit = (ObjectNode) honest.deepCopy();
        otherCircuit.put("circuit_qasm", Runs.BELL);
        var c = portal.json("POST", "/api/v1/results", token, otherCircuit.toString());
        assertStatus(422, c);
        assertTrue(parse(c).get("error").asText().contains("does not match circuit_qasm"), c.body());
    }

    @Test
    void smallStatesExpectationValuesAndDownloads() {
        String circuit = Runs.circuit(portal, token, "Bell state", Runs.BELL, "public");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("shots", 100);
        body.put("seed", 3);
        body.put("expect", List.of("Z0 Z1", "X0 X1", "Z0"));
        String run = Runs.start(portal, token, circuit, body);
        JsonNode done = Runs.awaitDone(portal, token, run);
        double h = Math.sqrt(0.5);
        JsonNode e = done.get("expectations");
        assertEquals(1.0, e.get("Z0 Z1").asDouble(), 1e-12); // (|00⟩+|11⟩)/√2 is a +1 eigenstate of ZZ and XX
        assertEquals(1.0, e.get("X0 X1").asDouble(), 1e-12);
        assertEquals(0.0, e.get("Z0").asDouble(), 1e-12);
        JsonNode sv = done.get("statevector");
        assertEquals(4, sv.size());
        assertEquals(h, sv.get(0).get(0).asDouble(), 1e-12);
        assertEquals(h, sv.get(3).get(0).asDouble(), 1e-12);
        assertEquals(0.0, sv.get(1).get(0).asDouble(), 1e-12);
        assertEquals(0.5, done.get("probabilities").get(3).asDouble(), 1e-12);

        // Public circuit: anyone may download, without signing in.
        var csv = portal.get("/runs/" + run + "/statevector.csv", null);
        assertStatus(200, csv);
        String[] lines = csv.body().split("\n");
        assertEquals("index,basis_state,re,im", lines[0]);
        assertTrue(lines[4].startsWith("3,11," + h), lines[4]);
        var counts = portal.get("/runs/" + run + "/counts.csv", null);
        assertStatus(200, counts);
        long total = counts.body().lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
        assertEquals(100, total);
        assertTrue(portal.get("/runs/" + run + "/probabilities.csv", null).body().contains("\n0,00,0.5"));
        var json = portal.get("/runs/" + run + "/result.json", null);
        assertStatus(200, json);
        assertEquals(done.get("result_sha256"), parse(json).get("result_sha256"));
        var svg = portal.get("/runs/" + run + "/histogram.svg", null);
        assertStatus(200, svg);
        assertTrue(svg.body().startsWith("<svg") || svg.body().contains("<svg"), "an SVG");

        // The run page shows the histogram, the manifest and a citation naming the result hash.
        var page = portal.get("/runs/" + run, null);
        assertStatus(200, page);
        assertTrue(page.body().contains("/runs/" + run + "/histogram.svg"));
        assertTrue(page.body().contains(done.get("manifest").get("circuit_sha256").asText()));
        assertTrue(page.body().contains("@misc{qise-run-" + run), "a BibTeX entry");
        assertTrue(page.body().contains("cff-version: 1.2.0"), "a CFF block");
        assertTrue(page.body().contains("result SHA-256 " + done.get("result_sha256").asText()));
        assertFalse(page.body().contains("http-equiv=\"refresh\""), "a finished run's page does not reload itself");
    }

    @Test
    void severalRunsOnOneHistogramAndTheReproduceButton() {
        String circuit = Runs.circuit(portal, token, "Compared", Runs.SAMPLED, "private");
        String a = Runs.start(portal, token, circuit, Map.of("shots", 300, "seed", 1));
        String b = Runs.start(portal, token, circuit, Map.of("shots", 300, "seed", 2));
        Runs.awaitDone(portal, token, a);
        Runs.awaitDone(portal, token, b);

        Browser browser = new Browser(portal);
        assertStatus(303, browser.login("alice@example.org", TestPortal.PASSWORD));
        var compare = browser.get("/circuits/" + circuit + "/runs/compare?run=" + a + "&run=" + b);
        assertStatus(200, compare);
        assertTrue(compare.body().contains("/runs/compare.svg?run=" + a + "&amp;run=" + b + "\""), "the chart's address, escaped once");
        var svg = browser.get("/circuits/" + circuit + "/runs/compare.svg?run=" + a + "&run=" + b);
        assertStatus(200, svg);
        assertTrue(svg.body().contains("run " + a) && svg.body().contains("run " + b), "both runs in the legend");
        assertStatus(404, portal.get("/circuits/" + circuit + "/runs/compare.svg?run=" + a, null));

        var posted = browser.submit("/runs/" + a, "/runs/" + a + "/reproduce", Map.of());
        assertStatus(303, posted);
        long deadline = System.nanoTime() + 60_000_000_000L;
        String page;
        do {
            page = browser.get("/runs/" + a).body();
        } while (!page.contains("bit-exact") && System.nanoTime() < deadline);
        assertTrue(page.contains("bit-exact"), page);
        // The reproduction is listed beside the run, identical, and both open on one histogram.
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/circuits/" + circuit
                + "/runs/compare\\?run=" + a + "&amp;run=([0-9a-z]{12}))\" class=\"compare\"").matcher(page);
        assertTrue(link.find(), page);
        assertTrue(page.contains("(identical)"), page);
        var both = browser.get(link.group(1).replace("&amp;", "&"));
        assertStatus(200, both);
        assertTrue(browser.get("/circuits/" + circuit + "/runs/compare.svg?run=" + a + "&run=" + link.group(2)).body()
                .contains("run " + link.group(2)), "the reproduction is in the chart's legend");

        var form = browser.submit("/circuits/" + circuit + "/runs", "/circuits/" + circuit + "/runs", Map.of("shots", "50", "seed", "5"));
        assertStatus(303, form);
        assertTrue(form.headers().firstValue("Location").orElseThrow().startsWith("/runs/"));
    }
}
