package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code qise run --noise} with {@code --marginal} (exact on ρ, estimated with standard errors on
 * trajectories, compared with closed forms) and with {@code --push} (no longer refused: the model
 * travels with the result; pushing to a real portal is tested in exchange-portal).
 */
class NoisyMarginalCliTest {
    @TempDir
    Path dir;

    /** x on qubit 0, then bit flip with p = 0.1 after every gate on the qubits it touches; qubit 1 stays |0⟩. */
    private String[] xWithBitFlip() throws IOException {
        String circuit = Cli.qasm(dir, "x.qasm", "qreg q[2]; creg c[2]; x q[0]; measure q -> c;\n");
        Path model = dir.resolve("flip.json");
        Files.writeString(model, "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":0.1}}]}");
        return new String[]{circuit, model.toString()};
    }

    @ParameterizedTest(name = "--marginal {0}: {1}={2}, {3}={4}")
    @CsvSource({
            "'0,1', 01, 0.9, 00, 0.1",
            "'1,0', 10, 0.9, 00, 0.1",
            "0,     1,  0.9, 0,  0.1",
            "1,     0,  1.0, 1,  0.0"})
    void densityMatrixMarginalsAreExact(String qubits, String bitsA, double pA, String bitsB, double pB) throws IOException {
        String[] f = xWithBitFlip();
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--method", "density-matrix", "--marginal", qubits, "--seed", "4", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode p = r.json().at("/marginals/probabilities");
        assertEquals(pA, p.get(bitsA).asDouble(), 1e-12, r.out());
        assertEquals(pB, p.get(bitsB).asDouble(), 1e-12, r.out());
        assertTrue(r.json().at("/marginals/standard_errors").isMissingNode(), "exact values have no standard error");
    }

    @Test
    void trajectoryMarginalsAgreeWithTheClosedFormWithinTheirStandardErrors() throws IOException {
        String[] f = xWithBitFlip();
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--method", "trajectories", "--marginal", "0,1", "--marginal", "0",
                "--shots", "4000", "--seed", "11", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode both = r.json().get("marginals").get(0);
        double p01 = both.at("/probabilities/01").asDouble(), se01 = both.at("/standard_errors/01").asDouble();
        // one trajectory's indicator of "01" has variance 0.9·0.1; the estimate's standard error is about √(0.09/4000)
        assertTrue(se01 > 0.002 && se01 < 0.02, "standard error " + se01);
        assertTrue(Math.abs(p01 - 0.9) < 5 * se01, p01 + " ± " + se01);
        assertEquals(0.0, both.at("/probabilities/11").asDouble(), 1e-12, "qubit 1 never leaves |0⟩ in any trajectory");
        assertEquals(p01, r.json().get("marginals").get(1).at("/probabilities/1").asDouble(), 1e-12,
                "qubit 1 is always 0, so its marginal with qubit 0 equals qubit 0's own");
        Cli.Run human = Cli.run("run", f[0], "--noise", f[1], "--method", "trajectories", "--marginal", "0", "--shots", "400", "--seed", "11");
        assertTrue(human.out().contains("marginal of qubits [0]") && human.out().contains(" ± "), human.out());
        assertFalse(human.out().contains("⟨Z0⟩"), "the Z-products behind a marginal are not reported as expectation values");
    }

    @Test
    void aMarginalOfTooManyQubitsUnderNoiseIsRefused() {
        String wide = Cli.qasm(dir, "w.qasm", "qreg q[11]; h q[0];\n");
        Cli.Run r = Cli.run("run", wide, "--noise", "example:depolarizing", "--marginal", "0,1,2,3,4,5,6,7,8,9,10");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("at most 10 qubits"), r.err());
    }

    @Test
    void statevectorUnderNoiseStaysRefusedPointingToTheDensityMatrix() throws IOException {
        String[] f = xWithBitFlip();
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--statevector");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("use --density-matrix"), r.err());
    }

    @Test
    void pushWithNoiseSimulatesAndThenTriesThePortal() throws IOException {
        String[] f = xWithBitFlip();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--seed", "3", "--push", "--portal", "http://127.0.0.1:" + closedPort,
                "--token", "t");
        assertEquals(2, r.code(), r.toString());
        assertFalse(r.err().contains("does not carry noise models"), r.err());
        assertTrue(r.err().contains("cannot reach the portal at http://127.0.0.1:" + closedPort), r.err());
    }
}
