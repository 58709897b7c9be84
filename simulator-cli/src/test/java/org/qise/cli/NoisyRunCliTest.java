package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.sim.Manifest;

/** {@code qise run --noise}: results record model and method, bad input exits 2 with a clear message. */
class NoisyRunCliTest {
    @TempDir
    Path dir;

    String bell() {
        return Cli.qasm(dir, "bell.qasm", "qreg q[2]; creg c[2]; h q[0]; cx q[0],q[1]; measure q -> c;\n");
    }

    String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void jsonRecordsTheModelItsHashAndTheMethod() {
        Cli.Run r = Cli.run("run", bell(), "--noise", "example:depolarizing", "--shots", "500", "--seed", "3", "--json", "--expect", "Z0 Z1");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        assertEquals("density-matrix", j.get("method").asText(), "auto picks ρ for 2 qubits and 500 shots");
        String model = j.get("noise_model").asText();
        assertEquals(Manifest.sha256(model), j.get("noise_model_sha256").asText());
        assertEquals(j.get("noise_model_sha256").asText(), j.at("/manifest/options/noise_model_sha256").asText());
        assertEquals("density-matrix", j.at("/manifest/options/method").asText());
        assertEquals(500, j.get("counts").get("00").asLong() + j.get("counts").get("11").asLong()
                + j.get("counts").path("01").asLong(0) + j.get("counts").path("10").asLong(0));
        assertTrue(j.get("purity").asDouble() < 1 && j.get("fidelity_to_ideal").asDouble() < 1);
        assertEquals(0.0, j.at("/expectation/Z0 Z1/standard_error").asDouble());
        // A fixed field order, so the same seed prints the same bytes in every JVM (Map.of's order is not fixed).
        assertEquals(java.util.List.of("value", "standard_error"), iterate(j.at("/expectation/Z0 Z1").fieldNames()));
        assertTrue(r.out().contains("\"value\": " + j.at("/expectation/Z0 Z1/value").asText() + ",\n"), r.out());
    }

    private static java.util.List<String> iterate(java.util.Iterator<String> names) {
        java.util.List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void trajectoriesGiveTheSameBytesForTheSameSeedOnAnyThreadCount() {
        String[] args = {"run", bell(), "--noise", "example:thermal", "--method", "trajectories", "--shots", "300", "--seed", "9", "--json"};
        Cli.Run one = Cli.run(concat(args, "--threads", "1")), two = Cli.run(concat(args, "--threads", "2"));
        assertEquals(0, one.code(), one.toString());
        assertEquals(one.json().get("counts"), two.json().get("counts"));
        assertEquals("trajectories", one.json().get("method").asText());
    }

    @Test
    void humanReportSaysWhichMethodAutoChoseAndPrintsRho() {
        Cli.Run r = Cli.run("run", bell(), "--noise", "example:device-5q", "--density-matrix", "--seed", "1");
        assertEquals(2, r.code(), "device-5q names qubits 0..4, the circuit has 2: " + r);
        String one = Cli.qasm(dir, "one.qasm", "qreg q[1]; creg c[1]; h q[0]; measure q -> c;\n");
        r = Cli.run("run", one, "--density-matrix", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("method density-matrix"), r.out());
        assertTrue(r.out().contains("+0.5000+0.0000i  +0.5000+0.0000i"), r.out());
        r = Cli.run("run", one, "--noise", "example:depolarizing", "--seed", "1");
        assertTrue(r.out().contains("(chosen by --method auto)"), r.out());
    }

    @ParameterizedTest(name = "{0} → exit 2: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            missing.json                 | cannot read noise model
            example:nope                 | no example noise model 'nope'
            BAD_P                        | $.gate_noise[0].channel: channel 'depolarizing': p must be a probability in [0, 1], got 2.0
            BAD_T2                       | channel 'thermal_relaxation': T2 = 5.0 exceeds 2·T1 = 2.0
            NOT_CPTP                     | channel 'kraus' is not trace preserving
            FAR_QUBIT                    | names qubit 7, but the circuit has 2 qubit(s)
            UNKNOWN_KEY                  | $.gate_noise[0].chanel: unknown key
            """)
    void badNoiseInputExitsWithTwo(String model, String message) throws IOException {
        String arg = switch (model) {
            case "BAD_P" -> file("m.json", "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"depolarizing\",\"p\":2.0}}]}");
            case "BAD_T2" -> file("m.json", "{\"schema\":\"qise-noise-model/1\",\"idle\":{\"type\":\"thermal_relaxation\",\"t1\":1,\"t2\":5,\"time\":1}}");
            case "NOT_CPTP" -> file("m.json", "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"kraus\",\"operators\":[[[1,0],[0,1]],[[0,1],[0,0]]]}}]}");
            case "FAR_QUBIT" -> file("m.json", "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"qubits\":[7],\"channel\":{\"type\":\"bit_flip\",\"p\":0.1}}]}");
            case "UNKNOWN_KEY" -> file("m.json", "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"chanel\":{}}]}");
            case "missing.json" -> dir.resolve("missing.json").toString();
            default -> model;
        };
        Cli.Run r = Cli.run("run", bell(), "--noise", arg, "--seed", "1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: ") && r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aDensityMatrixTooLargeIsRefusedWithItsSize() {
        String big = Cli.qasm(dir, "big.qasm", "qreg q[15]; creg c[15]; h q[0]; measure q -> c;\n");
        Cli.Run r = Cli.run("run", big, "--noise", "example:depolarizing", "--method", "density-matrix", "--seed", "1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("a density matrix of 15 qubits needs 16 GiB") && r.err().contains("at most 14 qubits"), r.err());
    }

    @Test
    void densityMatrixMethodRefusesMidCircuitMeasurement() {
        String mid = Cli.qasm(dir, "mid.qasm", "qreg q[1]; creg c[1]; h q[0]; measure q[0] -> c[0]; if (c==1) x q[0]; measure q[0] -> c[0];\n");
        Cli.Run r = Cli.run("run", mid, "--noise", "example:depolarizing", "--method", "density-matrix");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("use the trajectories method"), r.err());
        r = Cli.run("run", mid, "--noise", "example:depolarizing", "--seed", "2", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("trajectories", r.json().get("method").asText());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
