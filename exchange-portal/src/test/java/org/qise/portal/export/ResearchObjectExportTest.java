package org.qise.portal.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;

/**
 * A run and a circuit version leave the portal as research objects: RO-Crate 1.1 zips checked
 * by an independent validator of the specification's rules, Zenodo deposit metadata, and a
 * Metriq-style submission.
 */
class ResearchObjectExportTest {
    static final String QASM = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    static final String ORCID = "0000-0002-1825-0097";
    static final ObjectMapper JSON = new ObjectMapper();

    static TestPortal portal;
    static String ada, bob, circuit, run;

    @BeforeAll
    static void start() {
        portal = TestPortal.start();
        ada = portal.token(portal.user("ada@example.org", Role.FELLOW, null));
        bob = portal.token(portal.user("bob@example.org", Role.FELLOW, null));
        // ORCID iDs come with profiles (a column of users); give Ada one whether or not that feature has added the column.
        var jdbc = portal.server.services().database().jdbc();
        try {
            jdbc.update("ALTER TABLE users ADD COLUMN orcid VARCHAR(19)");
        } catch (RuntimeException alreadyThere) {
            // the profiles feature made it
        }
        jdbc.update("UPDATE users SET orcid = ? WHERE email = ?", ORCID, "ada@example.org");

        var r = portal.json("POST", "/api/v1/circuits", ada, Map.of("title", "Bell pair", "description", "An entangled pair.",
                "visibility", "public", "qasm", QASM, "license", "CC0-1.0", "tags", List.of("bell", "teaching")));
        assertStatus(201, r);
        circuit = parse(r).get("id").asText();
        var started = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", bob, Map.of("shots", 1000, "seed", 7, "expect", List.of("Z0 Z1")));
        assertStatus(202, started);
        run = parse(started).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!parse(portal.get("/api/v1/runs/" + run, bob)).get("status").asText().equals("done")) {
            assertTrue(System.nanoTime() < deadline, "the run did not finish within a minute");
            sleep();
        }
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void aRunCrateIsAValidRoCrateWithItsFilesLicenceAuthorsAndProvenance() throws Exception {
        byte[] zip = bytes("/runs/" + run + "/ro-crate.zip", null);
        var crate = RoCrateValidator.read(zip);
        assertEquals(List.of(), RoCrateValidator.problems(crate));
        assertTrue(crate.files().keySet().containsAll(List.of("circuit.qasm", "result.json", "manifest.json", "LICENSE.txt")),
                crate.files().keySet().toString());

        JsonNode root = crate.entity("./");
        assertEquals("https://spdx.org/licenses/CC0-1.0", root.get("license").get("@id").asText());
        List<String> authors = new ArrayList<>();
        root.get("author").forEach(a -> authors.add(a.get("@id").asText()));
        assertEquals("https://orcid.org/" + ORCID, authors.getFirst(), "a person with an ORCID iD is named by it");
        assertEquals("Name of ada@example.org", crate.entity(authors.getFirst()).get("name").asText());
        assertEquals("Name of bob@example.org", crate.entity(authors.get(1)).get("name").asText(), "whoever ran it is credited too");

        // The manifest names the circuit by the SHA-256 of the canonical text; the crate's circuit file is that text.
        JsonNode manifest = JSON.readTree(crate.files().get("manifest.json"));
        assertEquals(manifest.get("circuit_sha256").asText(), sha256(crate.files().get("circuit.qasm")));
        JsonNode result = JSON.readTree(crate.files().get("result.json"));
        long total = 0;
        for (JsonNode n : result.get("counts")) total += n.asLong();
        assertEquals(1000, total);
        assertEquals(7, result.get("seed").asLong());

        // Provenance: a CreateAction with the simulator as instrument, the settings as objects, the files as results.
        List<JsonNode> actions = crate.ofType("CreateAction");
        assertEquals(1, actions.size());
        JsonNode action = actions.getFirst();
        List<JsonNode> instruments = new ArrayList<>();
        action.get("instrument").forEach(i -> instruments.add(crate.entity(i.get("@id").asText())));
        assertTrue(instruments.stream().allMatch(i -> RoCrateValidator.types(i).contains("SoftwareApplication")));
        assertTrue(instruments.stream().anyMatch(i -> i.get("name").asText().equals("QISE")
                && i.get("version").asText().equals(manifest.get("simulator_version").asText())));
        assertTrue(instruments.stream().anyMatch(i -> i.get("name").asText().contains(manifest.get("engine").asText())));
        Map<String, String> settings = new java.util.HashMap<>();
        action.get("object").forEach(o -> {
            JsonNode e = crate.entity(o.get("@id").asText());
            if (RoCrateValidator.types(e).contains("PropertyValue")) settings.put(e.get("name").asText(), e.get("value").asText());
        });
        assertEquals("7", settings.get("seed"));
        assertEquals("1000", settings.get("shots"));
        assertEquals(manifest.get("engine").asText(), settings.get("engine"));
        assertTrue(settings.get("machine").contains(manifest.get("os").asText()), settings.toString());
        List<String> results = new ArrayList<>();
        action.get("result").forEach(x -> results.add(x.get("@id").asText()));
        assertEquals(List.of("result.json", "manifest.json"), results);
        assertEquals(authors.get(1), action.get("agent").get("@id").asText(), "the agent is whoever ran it");

        // The same crate through the API, and again: the same bytes.
        assertArrayEquals(zip, bytes("/api/v1/runs/" + run + "/ro-crate.zip", bob));
    }

    @Test
    void aCircuitVersionCrateIsAValidRoCrateWithItsSourceAndCitation() {
        var crate = RoCrateValidator.read(bytes("/circuits/" + circuit + "/ro-crate.zip?version=1", null));
        assertEquals(List.of(), RoCrateValidator.problems(crate));
        assertEquals(QASM, crate.text("circuit.qasm"));
        assertTrue(crate.text("diagram.svg").startsWith("<svg") || crate.text("diagram.svg").startsWith("<?xml"));
        assertTrue(crate.text("CITATION.cff").contains("orcid: \"https://orcid.org/" + ORCID + "\""), crate.text("CITATION.cff"));
        assertTrue(crate.text("LICENSE.txt").contains("CC0-1.0"));
        JsonNode root = crate.entity("./");
        assertEquals("Bell pair (version 1)", root.get("name").asText());
        assertEquals("An entangled pair.", root.get("description").asText());
        assertEquals("Creative Commons Zero v1.0 Universal", crate.entity("https://spdx.org/licenses/CC0-1.0").get("name").asText());
    }

    @Test
    void theValidatorCatchesBrokenCrates() throws IOException {
        String good = RoCrateValidator.read(bytes("/circuits/" + circuit + "/ro-crate.zip", null)).text("ro-crate-metadata.json");
        // A file listed but not packed, a root without licence, and a descriptor of another version.
        var missing = RoCrateValidator.read(zip(Map.of("ro-crate-metadata.json", good)));
        assertTrue(RoCrateValidator.problems(missing).contains("hasPart names circuit.qasm but the zip has no such file"),
                RoCrateValidator.problems(missing).toString());
        var noLicence = RoCrateValidator.read(zip(Map.of("ro-crate-metadata.json", good.replace("\"license\"", "\"licence\""))));
        assertTrue(RoCrateValidator.problems(noLicence).contains("the root data entity has no license"));
        var oldProfile = RoCrateValidator.read(zip(Map.of("ro-crate-metadata.json", good.replace("https://w3id.org/ro/crate/1.1\"",
                "https://w3id.org/ro/crate/1.0\""))));
        assertTrue(RoCrateValidator.problems(oldProfile).contains("the metadata descriptor does not conform to https://w3id.org/ro/crate/1.1"));
        var extra = RoCrateValidator.read(zip(Map.of("ro-crate-metadata.json", "{\"@context\": \"https://w3id.org/ro/crate/1.1/context\", \"@graph\": []}",
                "stray.txt", "x")));
        assertTrue(RoCrateValidator.problems(extra).contains("there is no metadata descriptor entity (@id ro-crate-metadata.json)"));
    }

    @Test
    void zenodoMetadataNamesCreatorsLicenceAndTheRunsAddress() throws Exception {
        JsonNode m = JSON.readTree(bytes("/api/v1/runs/" + run + "/zenodo.json", bob)).get("metadata");
        assertEquals("dataset", m.get("upload_type").asText());
        assertEquals("cc0-1.0", m.get("license").asText());
        assertEquals("open", m.get("access_right").asText());
        assertEquals(ORCID, m.get("creators").get(0).get("orcid").asText());
        assertEquals("Test University", m.get("creators").get(0).get("affiliation").asText());
        assertTrue(m.get("publication_date").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertTrue(m.get("related_identifiers").get(0).get("identifier").asText().endsWith("/runs/" + run));
        JsonNode c = JSON.readTree(bytes("/circuits/" + circuit + "/zenodo.json", null)).get("metadata");
        assertEquals("software", c.get("upload_type").asText());
        assertEquals(List.of("bell", "teaching"), JSON.convertValue(c.get("keywords"), List.class));
        assertEquals("<p>An entangled pair.</p>", c.get("description").asText());
    }

    @Test
    void aMetriqSubmissionReportsTimeAndExpectationsWithQubitsAndShots() throws Exception {
        JsonNode m = JSON.readTree(bytes("/runs/" + run + "/metriq.json", null));
        assertTrue(m.get("contentUrl").asText().endsWith("/runs/" + run));
        assertEquals(1, m.get("tasks").size());
        List<String> metrics = new ArrayList<>();
        m.get("results").forEach(r -> {
            metrics.add(r.get("metricName").asText());
            assertEquals(2, r.get("qubitCount").asInt());
            assertEquals(1000, r.get("shots").asInt());
        });
        assertEquals(List.of("wall-clock time (s)", "expectation <Z0 Z1>"), metrics);
        // A Bell pair's Z0 Z1 is exactly +1: every shot gives 00 or 11.
        assertEquals(1.0, m.get("results").get(1).get("metricValue").asDouble(), 1e-12);
        assertFalse(m.get("results").get(0).get("isHigherBetter").asBoolean());
    }

    @Test
    void aPrivateCircuitOrItsRunsCannotBeExportedByOthers() {
        var r = portal.json("POST", "/api/v1/circuits", ada, Map.of("title", "secret", "visibility", "private", "qasm", QASM));
        String secret = parse(r).get("id").asText();
        assertStatus(404, portal.get("/api/v1/circuits/" + secret + "/ro-crate.zip", bob));
        assertStatus(404, portal.get("/circuits/" + secret + "/zenodo.json", null));
        assertStatus(200, portal.get("/api/v1/circuits/" + secret + "/zenodo.json", ada));
    }

    @Test
    void aRunThatHasNotFinishedCannotBeExported() {
        // No embedded workers: the run stays queued.
        var config = TestPortal.config(TestPortal.tempDir());
        try (TestPortal idle = TestPortal.start(config.withRuns(config.runs().withExternalWorkers()))) {
            String token = idle.token(idle.user("eve@example.org", Role.FELLOW, null));
            var r = idle.json("POST", "/api/v1/circuits", token, Map.of("title", "queued", "visibility", "public", "qasm", QASM));
            String id = parse(r).get("id").asText();
            var started = idle.json("POST", "/api/v1/circuits/" + id + "/runs", token, Map.of("shots", 10, "seed", 1));
            assertStatus(202, started);
            String queued = parse(started).get("id").asText();
            for (String what : List.of("ro-crate.zip", "zenodo.json", "metriq.json")) {
                var answer = idle.get("/api/v1/runs/" + queued + "/" + what, token);
                assertStatus(409, answer);
                assertTrue(parse(answer).get("error").asText().contains("only a finished run can be exported"), answer.body());
            }
        }
    }

    private static byte[] bytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(portal.base + path)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<byte[]> r = portal.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body(), StandardCharsets.UTF_8));
            assertNotNull(r.headers().firstValue("Content-Disposition").orElse(null));
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
