package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qise.portal.TestPortal.assertStatus;
import static org.qise.portal.TestPortal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.PortalException;
import org.qise.portal.TestPortal;
import org.qise.portal.circuits.QasmCheck;
import org.qise.portal.people.Role;
import org.qise.portal.people.User;

/**
 * Circuits that declare parameters ({@code // @parameters theta, phi}): a run binds the values
 * it is given, which the manifest records, reproduces bit-exact, and counts what the same circuit
 * with the numbers written into its text counts; bad or missing values are 422 naming the parameter.
 */
class ParametricRunsTest {
    static final String PARAMETRIC = """
            OPENQASM 2.0;
            include "qelib1.inc";
            // @parameters theta, phi
            qreg q[2];
            creg c[2];
            ry(theta) q[0];
            h q[1];
            rz(2*phi) q[1];
            h q[1];
            cx q[0],q[1];
            measure q -> c;
            """;
    /** The same circuit with theta = 0.7 and phi = 0.4 written in (2·0.4 is 0.8 exactly in binary floating point too). */
    static final String BOUND = PARAMETRIC.replace("// @parameters theta, phi\n", "").replace("ry(theta)", "ry(0.7)")
            .replace("rz(2*phi)", "rz(0.8)");

    private static java.nio.file.Path dir;
    private static TestPortal portal;
    private static String token;

    @BeforeAll
    static void start() {
        dir = TestPortal.tempDir();
        portal = TestPortal.startKeeping(Runs.config(dir, Runs.runConfig()));
        User alice = portal.user("alice@example.org", Role.FELLOW, null);
        token = portal.token(alice);
    }

    @AfterAll
    static void stop() {
        portal.close();
        TestPortal.deleteTree(dir);
    }

    @Test
    void aParametricRunCountsWhatTheBoundTextCountsAndReproducesBitExact() throws IOException {
        String circuit = Runs.circuit(portal, token, "Parametric", PARAMETRIC, "public");
        assertStatus(200, portal.get("/circuits/" + circuit, null));
        String run = Runs.start(portal, token, circuit, Map.of("shots", 1000, "seed", 9, "parameters", Map.of("theta", 0.7, "phi", 0.4)));
        JsonNode done = Runs.awaitDone(portal, token, run);
        JsonNode cli = Runs.cli(dir, BOUND, "--seed", "9", "--shots", "1000");
        assertEquals(cli.get("counts"), done.get("counts"), "binding 0.7 and 0.4 gives the counts of the text with the numbers in it");
        assertTrue(done.get("counts").size() >= 3, done.get("counts").toString());
        assertEquals(0.7, done.at("/manifest/parameters/theta").asDouble(), 0.0);
        assertEquals(0.4, done.at("/manifest/parameters/phi").asDouble(), 0.0);
        assertTrue(done.at("/manifest/circuit_qasm").asText().contains("theta"), "the manifest's circuit keeps its parameters symbolic");

        var reproduced = portal.json("POST", "/api/v1/runs/" + run + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        assertEquals("bit-exact", parse(reproduced).get("verdict").asText(), reproduced.body());
        assertTrue(portal.get("/runs/" + run, null).body().contains("theta = 0.7"), "the run page lists the values");
    }

    @Test
    void otherValuesGiveOtherCountsAndNoiseCombinesWithParameters() {
        String circuit = Runs.circuit(portal, token, "Parametric noisy", PARAMETRIC, "private");
        String a = Runs.start(portal, token, circuit, Map.of("shots", 500, "seed", 2, "parameters", Map.of("theta", 0.0, "phi", 0.0)));
        JsonNode zero = Runs.awaitDone(portal, token, a);
        assertEquals(1, zero.get("counts").size(), zero.get("counts").toString());
        assertEquals(500, zero.at("/counts/00").asLong(), "theta = phi = 0: the circuit is the identity");
        String b = Runs.start(portal, token, circuit, Map.of("shots", 500, "seed", 2, "parameters", Map.of("theta", 0.7, "phi", 0.4),
                "noise_model", "example:depolarizing"));
        JsonNode noisy = Runs.awaitDone(portal, token, b);
        assertEquals(0.7, noisy.at("/parameters/theta").asDouble(), 0.0);
        var reproduced = portal.json("POST", "/api/v1/runs/" + b + "/reproduce", token, Map.of());
        assertStatus(200, reproduced);
        assertEquals("bit-exact", parse(reproduced).get("verdict").asText(), reproduced.body());
    }

    @ParameterizedTest(name = "{0} → 422: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"theta": 0.7}                        | parameters.phi: the circuit's parameter 'phi' has no value
            {"theta": 0.7, "phi": 1, "gamma": 2}  | parameters.gamma: the circuit has no parameter 'gamma'; its parameters are theta, phi
            {"theta": "0.7", "phi": 1}            | parameters.theta: must be a number
            [0.7, 0.4]                            | parameters: must be an object
            """)
    void badOrMissingValuesAreRefusedNamingTheParameter(String parameters, String message) throws IOException {
        String circuit = Runs.circuit(portal, token, "Parametric bad", PARAMETRIC, "private");
        String body = "{\"shots\": 10, \"parameters\": " + parameters + "}";
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, body);
        assertStatus(422, r);
        assertTrue(parse(r).toString().contains(message), r.body());
    }

    @Test
    void aCircuitWithoutParametersRefusesValues() {
        String circuit = Runs.circuit(portal, token, "Plain", Runs.SAMPLED, "private");
        var r = portal.json("POST", "/api/v1/circuits/" + circuit + "/runs", token, Map.of("parameters", Map.of("theta", 1)));
        assertStatus(422, r);
        assertTrue(r.body().contains("(it has none)"), r.body());
    }

    @Test
    void anUndeclaredFreeNameIsStillAnErrorAtItsLineAndColumn() {
        var r = portal.json("POST", "/api/v1/circuits", token, Map.of("title", "Undeclared", "visibility", "private",
                "qasm", PARAMETRIC.replace("theta, phi", "theta")));
        assertStatus(422, r);
        assertTrue(r.body().contains("circuit.qasm:8:6: unknown name 'phi'"), r.body());
    }

    @Test
    void theDeclarationAndTheFormFieldAreReadAsDocumented() {
        assertEquals(java.util.List.of("a", "b_2", "c"), java.util.List.copyOf(QasmCheck.declaredParameters("// @parameters a, b_2 c\n")));
        assertTrue(QasmCheck.declaredParameters("// parameters a\n// @parameter a\n").isEmpty(), "only the exact keyword declares");
        assertEquals(Map.of("theta", 0.3, "phi", -1.5), RunParameters.parseForm("theta=0.3, phi = -1.5"));
        var e = assertThrows(PortalException.class, () -> RunParameters.parseForm("theta=abc"));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("parameters.theta: 'abc' is not a number or constant expression"), e.getMessage());
        assertEquals(Map.of("theta", Math.PI / 2), RunParameters.parseForm("theta=pi/2"), "constant OpenQASM expressions are taken");
        e = assertThrows(PortalException.class, () -> RunParameters.parseForm("theta=1, theta=2"));
        assertTrue(e.getMessage().contains("parameters.theta: given twice"), e.getMessage());
    }

    @Test
    void theRunFormTakesParameterValuesAndANoiseModel() {
        String circuit = Runs.circuit(portal, token, "Parametric form", PARAMETRIC, "private");
        var b = new org.qise.portal.Browser(portal);
        assertEquals(302, b.login("alice@example.org", TestPortal.PASSWORD).statusCode());
        String path = "/circuits/" + circuit + "/runs";
        assertTrue(b.get(path).body().contains("name=\"noise_model\""), "the form has a noise model field");
        var started = b.submit(path, path, Map.of("shots", "200", "seed", "3", "parameters", "theta=0.7, phi=0.4",
                "noise_model", "example:depolarizing"));
        assertEquals(303, started.statusCode(), started.body());
        String run = started.headers().firstValue("Location").orElseThrow().replace("/runs/", "");
        JsonNode done = Runs.awaitDone(portal, token, run);
        assertEquals(0.4, done.at("/parameters/phi").asDouble(), 0.0);
        assertTrue(b.get("/runs/" + run).body().contains(done.get("noise_model_sha256").asText()), "the page shows the model's hash");
        var refused = b.submit(path, path, Map.of("shots", "200", "parameters", "theta=0.7"));
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("parameters.phi"), "the form is shown again naming the parameter");
    }
}
