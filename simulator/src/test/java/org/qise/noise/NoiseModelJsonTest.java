package org.qise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;

/** Reading, writing and checking noise-model JSON, and the shipped examples. */
class NoiseModelJsonTest {

    static String model(String body) {
        return "{\"schema\": \"qise-noise-model/1\", " + body + "}";
    }

    @ParameterizedTest(name = "example model {0} reads, and its canonical text reads back to the same text")
    @MethodSource("org.qise.noise.ExampleModels#names")
    void examplesRoundTrip(String name) {
        NoiseModel m = ExampleModels.load(name);
        assertFalse(m.isEmpty());
        String canonical = NoiseModelJson.canonicalText(m);
        assertEquals(canonical, NoiseModelJson.canonicalText(NoiseModelJson.read(canonical)));
    }

    @Test
    void everyChannelTypeAndAKrausChannelRoundTrip() {
        String json = model("""
                "name": "all", "gate_noise": [
                  {"gates": ["x"], "qubits": [0, 2], "channel": {"type": "bit_flip", "p": 0.1}},
                  {"channel": {"type": "phase_flip", "p": 0.2}},
                  {"channel": {"type": "bit_phase_flip", "p": 0.3}},
                  {"channel": {"type": "pauli", "px": 0.1, "py": 0.2, "pz": 0.3}},
                  {"channel": {"type": "depolarizing", "p": 0.4}},
                  {"gates": ["cx"], "qubits": [[0, 1]], "channel": {"type": "depolarizing2", "p": 0.5}},
                  {"channel": {"type": "amplitude_damping", "gamma": 0.6}},
                  {"channel": {"type": "generalized_amplitude_damping", "p": 0.7, "gamma": 0.8}},
                  {"channel": {"type": "phase_damping", "lambda": 0.9}},
                  {"channel": {"type": "thermal_relaxation", "t1": 10, "t2": 15, "time": 2, "excited_population": 0.1}},
                  {"channel": {"type": "reset", "p0": 0.1, "p1": 0.05}},
                  {"channel": {"type": "kraus", "name": "mine", "operators": [[[1, 0], [0, 0]], [[0, 0], [0, [0, 1]]]]}}
                ],
                "readout": [{"qubits": [0, 1], "confusion": [[0.9, 0.1, 0, 0], [0.1, 0.9, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]},
                            {"p1_given_0": 0.01, "p0_given_1": 0.02}],
                "idle": {"type": "amplitude_damping", "gamma": 0.01}""");
        NoiseModel m = NoiseModelJson.read(json);
        assertEquals(12, m.gateRules().size());
        assertEquals(Channels.thermalRelaxation(10, 15, 2, 0.1), m.gateRules().get(9).channel());
        assertEquals("mine", m.gateRules().get(11).channel().name());
        String canonical = NoiseModelJson.canonicalText(m);
        NoiseModel again = NoiseModelJson.read(canonical);
        assertEquals(canonical, NoiseModelJson.canonicalText(again));
        for (int i = 0; i < 12; i++) assertEquals(m.gateRules().get(i).channel().kraus(), again.gateRules().get(i).channel().kraus());
    }

    @ParameterizedTest(name = "{0} → error at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "schema": "qise-noise-model/2"                                                   | $.schema: unknown schema
            "gate_noise": [{"channel": {"type": "depolarizing", "p": 1.5}}]                 | $.gate_noise[0].channel: channel 'depolarizing': p must be a probability in [0, 1], got 1.5
            "gate_noise": [{"channel": {"type": "bit_flip", "p": -0.1}}]                    | $.gate_noise[0].channel: channel 'bit_flip': p must be a probability
            "gate_noise": [{"channel": {"type": "depolarizing", "p": 0.1, "q": 2}}]         | $.gate_noise[0].channel.q: unknown key
            "gate_noise": [{"channel": {"type": "depolarising", "p": 0.1}}]                 | $.gate_noise[0].channel.type: unknown channel type 'depolarising'
            "gate_noise": [{"channel": {"type": "thermal_relaxation", "t1": 1, "t2": 3, "time": 1}}] | $.gate_noise[0].channel: channel 'thermal_relaxation': T2 = 3.0 exceeds 2·T1 = 2.0
            "gate_noise": [{"gates": ["cnot"], "channel": {"type": "depolarizing", "p": 0.1}}] | $.gate_noise[0]: gate rule 0 names gate 'cnot', which is not an OpenQASM 2 / qelib1 gate
            "gate_noise": [{"gates": ["h"], "channel": {"type": "depolarizing2", "p": 0.1}}] | $.gate_noise[0]: gate rule 0 puts a 2-qubit channel after 'h'
            "gate_noise": [{"channel": {"type": "kraus", "operators": [[[1, 0], [0, 1]], [[0, 1], [0, 0]]]}}] | $.gate_noise[0].channel: channel 'kraus' is not trace preserving
            "gate_noise": [{"channel": {"type": "depolarizing", "p": "0.1"}}]               | $.gate_noise[0].channel.p: expected a number
            "gate_noise": [{"qubits": [-1], "channel": {"type": "depolarizing", "p": 0.1}}] | $.gate_noise[0].qubits[0]: expected a qubit number
            "readout": [{"confusion": [[0.9, 0.5], [0.1, 0.8]]}]                            | $.readout[0].confusion: confusion matrix column 1 sums to 1.3
            "readout": [{"qubits": [0], "p1_given_0": 0.1}]                                 | $.readout[0]: missing "p0_given_1"
            "noise": []                                                                     | $.noise: unknown key
            "calibration": {"qubits": [{"t1": 10, "t2": 30}]}                               | $.calibration.qubits[0]: channel 'thermal_relaxation': T2 = 30.0 exceeds 2·T1
            "calibration": {"qubits": [{"t1": 10, "t2": 5, "gate_error": 2}]}               | $.calibration.qubits[0]: channel 'calibration': gate_error must be a probability
            "calibration": {"qubits": [{"t1": 10, "t2": 5}], "pairs": [{"qubits": [0, 3], "gate_error": 0.01, "gate_time": 1}]} | $.calibration.pairs[0].qubits: qubit 3 has no entry
            """)
    void badModelsAreRefusedWithTheirJsonPath(String body, String message) {
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model(body)));
        assertTrue(e.getMessage().startsWith(message), "got: " + e.getMessage());
    }

    @ParameterizedTest(name = "the canonical text of example {0} is byte for byte what Jackson writes for it")
    @MethodSource("org.qise.noise.ExampleModels#names")
    void canonicalTextIsJacksonsCompactForm(String name) throws Exception {
        // The text's SHA-256 names the model in manifests, so the core's own writer must give the
        // bytes the Jackson-based writer gave before the core dropped Jackson.
        var jackson = new com.fasterxml.jackson.databind.ObjectMapper();
        String canonical = NoiseModelJson.canonicalText(ExampleModels.load(name));
        assertEquals(jackson.writeValueAsString(jackson.readTree(canonical)) + "\n", canonical);
    }

    @Test
    void namesWithQuotesAndControlCharactersAreEscapedAsJacksonEscapesThem() throws Exception {
        var jackson = new com.fasterxml.jackson.databind.ObjectMapper();
        NoiseModel m = NoiseModel.builder().name("a \"b\" \\ c\td\u0001é").afterGates(Channels.bitFlip(1e-4), "x").build();
        String canonical = NoiseModelJson.canonicalText(m);
        assertEquals(jackson.writeValueAsString(jackson.readTree(canonical)) + "\n", canonical);
        assertEquals(m.name(), NoiseModelJson.read(canonical).name());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"schema": qise}                              | not valid JSON at line 1, column 12: not strict JSON here
            {"schema": "qise-noise-model/1",}             | not valid JSON at line 1, column 34: expected a field name in double quotes
            {"schema": "qise-noise-model/1"} extra        | not valid JSON at line 1, column 35: unexpected text after the end
            {"schema": "qise-noise-model/1"} // comment   | not valid JSON at line 1, column 35: unexpected text after the end
            {"schema": "qise-noise-model/1"               | not valid JSON at line 1, column 32: the document ends
            [1, 2]                                        | $: a noise model is a JSON object
            {"schema": "qise-noise-model/1", "name": 01}  | not valid JSON at line 1, column 42: not strict JSON here
            {"schema": "qise-noise-model/1", name: ""}    | not valid JSON at line 1, column 35: expected a field name in double quotes
            {"schema": "qise-noise-model/1" "name": ""}   | not valid JSON at line 1, column 34: expected ',' or '}' (at $.schema)
            {"schema": "qise-noise-model/1", "name": "\\q"} | not valid JSON at line 1, column 45: unknown escape in a string (at $.name)
            """)
    void malformedDocumentsNameTheLineAndColumn(String json, String message) {
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(json));
        assertTrue(e.getMessage().startsWith(message), "got: " + e.getMessage());
    }

    @Test
    void theJsonPathOfAMalformedValueKeepsAFieldNameWithSpaces() {
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model("\"my name\": tru")));
        assertTrue(e.getMessage().startsWith("not valid JSON at line 1, column 45: not strict JSON here"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (at $.my name)"), e.getMessage());
    }

    @Test
    void aControlCharacterInsideAStringIsRefused() {
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model("\"name\": \"a\tb\"")));
        assertTrue(e.getMessage().contains("a control character inside a string must be escaped (at $.name)"), e.getMessage());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutExhaustingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model("\"name\": " + deep)));
        assertTrue(e.getMessage().startsWith("not valid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().endsWith("nested deeper than 200 levels"), e.getMessage());
    }

    @Test
    void aKeyPresentAsNullIsNotAMissingKey() {
        var present = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model("\"readout\": [{\"p1_given_0\": null, \"p0_given_1\": 0.1}]")));
        assertEquals("$.readout[0].p1_given_0: expected a number, got null", present.getMessage());
        var missing = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model("\"readout\": [{\"p0_given_1\": 0.1}]")));
        assertEquals("$.readout[0]: missing \"p1_given_0\"", missing.getMessage());
    }

    @ParameterizedTest(name = "qubit {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            63                   | ok
            64                   | expected a qubit number 0..63, got 64
            1.0                  | expected a qubit number 0..63, got 1.0
            1e0                  | expected a qubit number 0..63, got 1.0
            99999999999999999999 | expected a qubit number 0..63, got 99999999999999999999
            "1"                  | expected a qubit number 0..63, got "1"
            """)
    void aQubitIsAWholeNumberFrom0To63(String qubit, String outcome) {
        String body = "\"readout\": [{\"qubits\": [" + qubit + "], \"p1_given_0\": 0.1, \"p0_given_1\": 0.1}]";
        if (outcome.equals("ok")) {
            assertArrayEquals(new int[]{63}, NoiseModelJson.read(model(body)).readoutRules().getFirst().qubits());
        } else {
            var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read(model(body)));
            assertEquals("$.readout[0].qubits[0]: " + outcome, e.getMessage());
        }
    }

    @Test
    void malformedJsonSaysWhere() {
        var e = assertThrows(NoiseException.class, () -> NoiseModelJson.read("{\"schema\": \n  oops}"));
        assertTrue(e.getMessage().startsWith("not valid JSON at line 2"), e.getMessage());
    }

    @Test
    void aModelNamingAQubitTheCircuitLacksIsRefused() {
        NoiseModel m = NoiseModelJson.read(model("\"readout\": [{\"qubits\": [4], \"p1_given_0\": 0.1, \"p0_given_1\": 0.1}]"));
        var e = assertThrows(NoiseException.class, () -> m.apply(Circuit.builder(2, 2).measureAll().build()));
        assertEquals("noise model readout rule 0 names qubit 4, but the circuit has 2 qubit(s), numbered from 0", e.getMessage());
    }

    @Test
    void rulesPlaceChannelsAfterTheGatesTheyName() {
        NoiseModel m = NoiseModel.builder()
                .afterGates(Channels.depolarizing2(0.1), "cx")
                .afterGatesOn(Channels.bitFlip(0.2), List.of(), new int[]{1})
                .idle(Channels.phaseDamping(0.3)).build();
        Circuit noisy = m.apply(Circuit.builder(3).h(0).cx(0, 1).x(2).build());
        List<String> listing = noisy.operations().stream().map(Operation::toString).toList();
        // Layers: {h 0}, then {cx 0,1; x 2}; idle noise after the first on qubits 1 and 2, none after the second.
        assertEquals(List.of(
                "h [0]",
                "channel phase_damping(0.3) [1]",
                "channel phase_damping(0.3) [2]",
                "cx [0, 1]",
                "channel depolarizing2(0.1) [0, 1]",
                "channel bit_flip(0.2) [1]",
                "x [2]"), listing);
    }

    @Test
    void channelOperationsAreDrawnAndRefusedByTheIdealSimulatorAndTheExporter() {
        Circuit c = Circuit.builder(1).h(0).channel(Channels.amplitudeDamping(0.1), 0).build();
        var e = assertThrows(IllegalArgumentException.class, () -> org.qise.sim.Simulator.simulate(c));
        assertTrue(e.getMessage().contains("NoisySimulator"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> org.qise.qasm.QasmExporter.export(c));
        assertTrue(org.qise.draw.CircuitDiagram.text(c).contains("amplitude_damping"));
        assertTrue(org.qise.sim.Manifest.canonicalText(c).contains("channel amplitude_damping(0.1) [0]"));
    }

    @Test
    void krausChannelsMayBeComplex() {
        Matrix k0 = Matrix.ofRows(new double[]{Math.sqrt(0.5), 0, 0, 0}, new double[]{0, 0, 0, Math.sqrt(0.5)});
        Matrix k1 = Matrix.ofRows(new double[]{0, 0, 0, Math.sqrt(0.5)}, new double[]{0, Math.sqrt(0.5), 0, 0});
        assertEquals(2, Channel.kraus("complex", k0, k1).kraus().size());
    }
}
