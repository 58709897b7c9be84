package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.portal.TestPortal;
import org.qise.portal.db.Jdbc;
import org.qise.portal.people.Role;
import org.qise.sim.ResultDocument;

/**
 * One run, every form its result travels in: what {@code qise run --json} prints (and
 * {@code qise push} sends), the portal's result.json and API answer of the same run made there,
 * of the pushed copy, and of a run whose stored columns are in the layout older portals wrote.
 * The one reader reads each into the same result.
 */
class OneResultDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SHOTS = 500;
    private static final long SEED = 11;

    private static Path dir;
    private static TestPortal portal;
    private static String token;
    /** Each form's text, by the name the table below uses. */
    private static final Map<String, String> FORMS = new LinkedHashMap<>();
    private static ResultDocument cli;
    private static String olderRun;

    @BeforeAll
    static void runOnceEverywhere() throws Exception {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        token = portal.token(portal.user("one-document@example.org", Role.FELLOW, null));

        String printed = JSON.writeValueAsString(Runs.cli(dir, Runs.SAMPLED, "--seed", "" + SEED, "--shots", "" + SHOTS, "--probabilities"));
        FORMS.put("qise run --json", printed);
        cli = ResultDocument.read(printed);

        String circuit = Runs.circuit(portal, token, "One document", Runs.SAMPLED, "public");
        String run = Runs.start(portal, token, circuit, Map.of("shots", SHOTS, "seed", SEED));
        Runs.awaitDone(portal, token, run);
        FORMS.put("portal run: result.json", download(run));
        FORMS.put("portal run: API answer", api(run));
        // what result.json was before the shared writer: one compact line
        FORMS.put("portal run: result.json, compact", JSON.writeValueAsString(JSON.readTree(download(run))));

        var pushed = portal.json("POST", "/api/v1/results", token, printed);
        assertStatus(201, pushed);
        String pushedRun = parse(pushed).get("id").asText();
        FORMS.put("push payload", printed);
        FORMS.put("pushed run: result.json", download(pushedRun));
        FORMS.put("pushed run: API answer", api(pushedRun));

        // A run whose stored columns are as older portals wrote them: counts in no order with spaces, the manifest
        // with the integer ids of the rows before public ids.
        olderRun = Runs.start(portal, token, circuit, Map.of("shots", SHOTS, "seed", SEED));
        JsonNode done = Runs.awaitDone(portal, token, olderRun);
        Jdbc jdbc = portal.server.services().database().jdbc();
        long rowId = jdbc.queryOne("SELECT id FROM runs WHERE public_id = ?", rs -> rs.getLong(1), olderRun).orElseThrow();
        StringBuilder counts = new StringBuilder("{ ");
        new TreeMap<>(cli.counts()).descendingMap().forEach((k, v) -> counts.append(counts.length() > 2 ? ", " : "").append('"').append(k).append("\": ").append(v));
        ObjectNode manifest = (ObjectNode) done.get("manifest").deepCopy();
        manifest.put("run_id", rowId).put("circuit_id", 1);
        jdbc.update("UPDATE runs SET counts = ?, manifest = ? WHERE id = ?", counts.append(" }").toString(), JSON.writeValueAsString(manifest), rowId);
        FORMS.put("older stored run: result.json", download(olderRun));
        FORMS.put("older stored run: API answer", api(olderRun));
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    private static String download(String run) {
        var r = portal.get("/runs/" + run + "/result.json", null); // a public circuit: no session needed
        assertStatus(200, r);
        return r.body();
    }

    private static String api(String run) {
        var r = portal.get("/api/v1/runs/" + run, token);
        assertStatus(200, r);
        return r.body();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"qise run --json", "push payload", "portal run: result.json", "portal run: API answer",
            "portal run: result.json, compact", "pushed run: result.json", "pushed run: API answer",
            "older stored run: result.json", "older stored run: API answer"})
    void everyFormReadsWithTheOneReaderIntoTheSameResult(String form) {
        ResultDocument d = ResultDocument.read(FORMS.get(form));
        assertEquals(cli.counts(), d.counts());
        assertEquals(SHOTS, d.shots());
        assertEquals(SEED, d.seed());
        assertEquals(cli.engine(), d.engine());
        assertEquals(cli.circuitSha256(), d.circuitSha256());
        assertNotNull(d.circuitQasm(), "the circuit travels with every form");
        // the hash of the canonical text, computed here from the counts alone
        assertEquals(sha256(canonical(d.counts())), d.resultSha256());
        // the portal keeps the state of a run it made (at most 12 qubits); a pushed result brings only counts
        if (!form.startsWith("pushed run")) assertNotNull(d.probabilities(), "the probabilities travel with " + form);
        if (d.probabilities() != null) {
            double[] expected = cli.probabilities();
            assertEquals(expected.length, d.probabilities().length);
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], d.probabilities()[i], 1e-12, "probability " + i);
        }
    }

    @Test
    void theFormsStateTheHashOfTheCanonicalTextAndTheReaderHoldsThemToIt() throws Exception {
        String hash = sha256(canonical(cli.counts()));
        for (String form : FORMS.keySet()) {
            JsonNode node = JSON.readTree(FORMS.get(form));
            String stated = node.has("result_sha256") ? node.get("result_sha256").asText() : null;
            if (stated != null) assertEquals(hash, stated, form);
        }
        // a document whose counts were changed after the hash was stated is refused, naming the field
        ObjectNode changed = (ObjectNode) JSON.readTree(FORMS.get("portal run: result.json"));
        var first = changed.get("counts").properties().iterator().next();
        ((ObjectNode) changed.get("counts")).put(first.getKey(), first.getValue().asLong() + 1);
        var e = assertThrows(ResultDocument.Invalid.class, () -> ResultDocument.read(changed));
        assertEquals("$.result_sha256", e.path(), e.getMessage());
    }

    @Test
    void aRunStoredInTheOlderLayoutStillReproducesBitExact() {
        var reproduced = portal.json("POST", "/api/v1/runs/" + olderRun + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        JsonNode verdict = parse(reproduced);
        assertEquals("bit-exact", verdict.get("verdict").asText(), verdict.toString());
    }

    @Test
    void aPageOfTheApisCountsIsNotTakenForTheResult() throws Exception {
        ObjectNode page = (ObjectNode) JSON.readTree(FORMS.get("portal run: API answer"));
        page.put("countsNextCursor", "abc");
        var e = assertThrows(ResultDocument.Invalid.class, () -> ResultDocument.read(page));
        assertTrue(e.getMessage().startsWith("$.counts is one page of the counts"), e.getMessage());
        // and a document without its circuit reads, but is not one to push
        ObjectNode bare = (ObjectNode) JSON.readTree(FORMS.get("qise run --json"));
        bare.remove("circuit_qasm");
        assertThrows(ResultDocument.Invalid.class, () -> ResultDocument.read(bare).requireCircuit());
        assertArrayEquals(cli.counts().keySet().toArray(), ResultDocument.read(bare).counts().keySet().toArray());
    }

    /** The canonical result text as docs/ and the README describe it, written out here independently. */
    private static String canonical(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder("qise-result 1\nshots " + SHOTS + "\n");
        new TreeMap<>(counts).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
