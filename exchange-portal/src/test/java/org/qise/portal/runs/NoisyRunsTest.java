package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.TestPortal;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;
import org.qise.sim.Manifest;

/**
 * Runs under a noise model over the API: the counts are those of {@code qise run --noise} with
 * the same seed, the manifest records the model's hash and method, reproductions and pushes are
 * bit-exact, and a push whose model is not the one its counts were made with is not verified.
 */
class NoisyRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLIP_MODEL = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":0.1}}]}";
    private static final String FLIP_MODEL_2 = "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":0.2}}]}";
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

    static JsonNode cli(String qasm, String... args) throws IOException {
        return Runs.cli(dir, qasm, args);
    }

    private static Path modelFile(String text) throws IOException {
        Path p = Files.createTempFile(dir, "model", ".json");
        Files.writeString(p, text);
        return p;
    }

    @ParameterizedTest(name = "{0} with {1} shots runs by {2}")
    @CsvSource({
            "example:depolarizing, 1000, density-matrix",
            "example:thermal,      3,    trajectories"})
    void aNoisyRunCountsWhatTheCommandCountsAndReproducesBitExact(String model, int shots, String method) throws IOException {
        String circuit = Runs.circuit(portal, token, "Rotated GHZ " + model + shots, Runs.SAMPLED, "private");
        String run = Runs.start(portal, token, circuit, Map.of("shots", shots, "seed", 7, "noise_model", model));
        JsonNode done = Runs.awaitDone(portal, token, run);
        JsonNode cli = cli(Runs.SAMPLED, "--seed", "7", "--shots", String.valueOf(shots), "--noise", model);
        assertEquals(method, cli.get("method").asText(), "auto's choice for 3 qubits and this many shots");
        assertEquals(cli.get("counts"), done.get("counts"), "the portal and qise run --noise agree on seed 7");
        assertEquals(method, done.get("method").asText());
        String sha = cli.get("noise_model_sha256").asText();
        assertEquals(sha, done.get("noise_model_sha256").asText());
        JsonNode manifest = done.get("manifest");
        assertEquals(sha, manifest.get("noise_model_sha256").asText());
        assertEquals(sha, Manifest.sha256(manifest.get("noise_model").asText()), "the manifest's hash is that of its model text");
        assertEquals(sha, manifest.at("/options/noise_model_sha256").asText());
        assertEquals(method, manifest.at("/options/method").asText());
        assertEquals("qise-noise-model/1", done.at("/noise_model/schema").asText(), "the API shows the model as JSON");

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        JsonNode verdict = parse(reproduced);
        assertEquals("bit-exact", verdict.get("verdict").asText(), verdict.toString());
        JsonNode rerun = Runs.get(portal, token, verdict.get("rerun_id").asText());
        assertEquals(sha, rerun.get("noise_model_sha256").asText(), "the rerun carries the same model");

        var page = portal.get("/runs/" + run, null);
        assertEquals(404, page.statusCode(), "a private circuit's run stays hidden from visitors");
    }

    @Test
    void theRunPageShowsTheModelAndItsHash() {
        String circuit = Runs.circuit(portal, token, "Public noisy", Runs.BELL, "public");
        String run = Runs.start(portal, token, circuit, Map.of("shots", 100, "seed", 1, "noise_model", FLIP_MODEL));
        JsonNode done = Runs.awaitDone(portal, token, run);
        var page = portal.get("/runs/" + run, null);
        assertStatus(200, page);
        assertTrue(page.body().contains(done.get("noise_model_sha256").asText()), "the page names the model's hash");
        assertTrue(page.body().contains("bit_flip"), "the page shows the model");
        assertFalse(done.has("probabilities"), "a mixed state has no state vector to show");
    }

    @Test
    void theModelMayBeGivenAsAnObjectOrAsText() throws IOException {
        String circuit = Runs.circuit(portal, token, "Object model", Runs.SAMPLED, "private");
        String asText = Runs.start(portal, token, circuit, Map.of("shots", 200, "seed", 3, "noise_model", FLIP_MODEL));
        String asObject = Runs.start(portal, token, circuit, Map.of("shots", 200, "seed", 3, "noise_model", JSON.readTree(FLIP_MODEL)));
        assertEquals(Runs.awaitDone(portal, token, asText).get("result_sha256"), Runs.awaitDone(portal, token, asObject).get("result_sha256"));
    }

    @ParameterizedTest(name = "{0} → 422 naming {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"schema":"qise-noise-model/1","gate_noise":[{"channel":{"type":"depolarizing","p":2.0}}]} | noise_model: $.gate_noise[0].channel: channel 'depolarizing': p must be a probability in [0, 1], got 2.0
            {"schema":"qise-noise-model/1","gate_noise":[{"chanel":{}}]}                                 | noise_model: $.gate_noise[0].chanel: unknown key
            {"schema":"qise-noise-model/1","readout":[{"qubits":[9],"p1_given_0":0.1,"p0_given_1":0.1}]} | names qubit 9, but the circuit has 3 qubit(s)
            example:nope                                                                               | noise_model: no example noise model 'nope'
            not json                                                                                   | noise_model: not valid JSON
            """)
    void aBadModelIsRefusedWith422NamingWhere(String model, String message) {
        String circuit = Runs.circuit(portal, token, "Bad model", Runs.SAMPLED, "private");
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("noise_model", model));
        assertStatus(422, r);
        assertTrue(r.body().contains(message.replace("'", "\\u0027")) || parse(r).toString().contains(message), r.body());
    }

    @Test
    void expectationValuesUnderNoiseAreExactOnRhoAndRefusedForMidCircuitMeasurement() {
        String bell = Runs.circuit(portal, token, "Bell for Z0 Z1", Runs.BELL, "private");
        // depolarizing p = 0.2 after h (on q0) and after cx (one-qubit channel on each of its qubits): Z0 Z1 of the Bell
        // state shrinks by (1 − p) per one-qubit depolarizing on either qubit after the cx, i.e. by 0.8² = 0.64
        String run = Runs.start(portal, token, bell, Map.of("shots", 100, "seed", 1, "expect", List.of("Z0 Z1"), "noise_model",
                "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"gates\":[\"cx\"],\"channel\":{\"type\":\"depolarizing\",\"p\":0.2}}]}"));
        JsonNode done = Runs.awaitDone(portal, token, run);
        assertEquals("density-matrix", done.get("method").asText());
        assertEquals(0.64, done.at("/expectations/Z0 Z1").asDouble(), 1e-12, done.toString());

        String mid = Runs.circuit(portal, token, "Mid-circuit", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\n"
                + "h q[0];\nmeasure q[0] -> c[0];\nh q[0];\nmeasure q[0] -> c[0];\n", "private");
        var r = portal.json("POST", "/api/v1/circuits/" + mid + "/runs", token, Map.of("expect", List.of("Z0"), "noise_model",
                "example:depolarizing"));
        assertStatus(422, r);
        assertTrue(r.body().contains("measures mid-circuit"), r.body());
    }

    @Test
    void aNoisyRunOnAnotherEngineIsRefused() {
        String circuit = Runs.circuit(portal, token, "Exact engine", Runs.SAMPLED, "private");
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("noise_model", "example:depolarizing",
                "engine", "exact"));
        assertStatus(422, r);
        assertTrue(r.body().contains("runs with a noise model use the fast engine"), r.body());
    }

    @Test
    void aPushedNoisyResultIsReproducedUnderItsModel() throws IOException {
        JsonNode honest = cli(Runs.SAMPLED, "--seed", "5", "--shots", "800", "--noise", modelFile(FLIP_MODEL).toString());
        var r = portal.json("POST", "/api/v1/results", token, honest.toString());
        assertStatus(201, r);
        JsonNode accepted = parse(r);
        assertEquals("bit-exact", accepted.get("verdict").asText(), accepted.toString());
        assertTrue(accepted.get("verified").asBoolean());
        JsonNode stored = Runs.get(portal, token, accepted.get("id").asText());
        assertEquals(honest.get("noise_model_sha256"), stored.get("noise_model_sha256"));
        assertEquals(honest.get("method"), stored.get("method"));
        assertEquals(honest.get("noise_model_sha256"), stored.at("/manifest/noise_model_sha256"));
        JsonNode check = null;
        for (JsonNode c : stored.get("checks")) if (c.get("field").asText().equals("noise_model_sha256")) check = c;
        assertTrue(check != null && check.get("status").asText().equals("checked"), stored.get("checks").toString());
    }

    @Test
    void aPushWhoseCountsCameFromAnotherModelIsNotVerified() throws IOException {
        // Counts made under p = 0.2, claimed (consistently hashed) as made under p = 0.1.
        JsonNode made = cli(Runs.SAMPLED, "--seed", "5", "--shots", "800", "--noise", modelFile(FLIP_MODEL_2).toString());
        JsonNode claimedModel = cli(Runs.SAMPLED, "--seed", "5", "--shots", "800", "--noise", modelFile(FLIP_MODEL).toString());
        ObjectNode claim = made.deepCopy();
        claim.put("noise_model", claimedModel.get("noise_model").asText());
        ((ObjectNode) claim.get("manifest").get("options")).put("noise_model_sha256", claimedModel.get("noise_model_sha256").asText());
        var r = portal.json("POST", "/api/v1/results", token, claim.toString());
        assertStatus(201, r);
        JsonNode flagged = parse(r);
        assertEquals("different", flagged.get("verdict").asText(), flagged.toString());
        assertFalse(flagged.get("verified").asBoolean());
    }

    @Test
    void aPushWhoseModelDoesNotMatchItsHashOrLacksItIsRefused() throws IOException {
        JsonNode made = cli(Runs.SAMPLED, "--seed", "5", "--shots", "100", "--noise", modelFile(FLIP_MODEL).toString());
        ObjectNode edited = made.deepCopy();
        edited.put("noise_model", FLIP_MODEL_2);
        var r = portal.json("POST", "/api/v1/results", token, edited.toString());
        assertStatus(422, r);
        assertTrue(r.body().contains("$.manifest.options.noise_model_sha256") && r.body().contains("does not match $.noise_model"), r.body());

        ObjectNode without = made.deepCopy();
        without.remove("noise_model");
        r = portal.json("POST", "/api/v1/results", token, without.toString());
        assertStatus(422, r);
        assertTrue(r.body().contains("$.noise_model is required"), r.body());

        ObjectNode badMethod = made.deepCopy();
        ((ObjectNode) badMethod.get("manifest").get("options")).put("method", "magic");
        r = portal.json("POST", "/api/v1/results", token, badMethod.toString());
        assertStatus(422, r);
        assertTrue(r.body().contains("$.manifest.options.method"), r.body());
    }

    @Test
    void qiseRunWithNoiseAndPushIsVerifiedByThePortal() throws IOException {
        Path circuit = Files.writeString(Files.createTempFile(dir, "ghz", ".qasm"), Runs.SAMPLED);
        for (String human : new String[]{"human", "--json"}) {
            var args = new java.util.ArrayList<>(java.util.List.of("run", circuit.toString(), "--seed", "6", "--shots", "300",
                    "--noise", "example:thermal", "--push", "--portal", portal.base, "--token", token));
            if (!human.equals("human")) args.add(human);
            RunPushCliTest.Cli r = RunPushCliTest.qise(Map.of(), args.toArray(String[]::new));
            assertEquals(0, r.code(), r.toString());
            String report = human.equals("human") ? r.out() : r.err();
            assertTrue(report.contains("verdict: bit-exact"), report);
        }
    }
}
