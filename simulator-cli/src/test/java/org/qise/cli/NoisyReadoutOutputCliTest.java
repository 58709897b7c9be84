package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --probabilities} and {@code --marginal} under a model with readout errors give, beside
 * the state's distribution, what a measurement reports: the confusion matrices applied to the
 * exact distribution (density matrix) or to the trajectory estimates. The circuit prepares
 * |001⟩ without gate noise, so every expected value below is a product of confusion-matrix
 * entries: qubit 0 reads 1 with probability 0.9; qubits 1 and 2 (true 00) share a correlated
 * matrix whose first column is (0.9, 0.04, 0.05, 0.01) over reported 00, 01 (q1), 10 (q2), 11.
 */
class NoisyReadoutOutputCliTest {
    @TempDir
    Path dir;

    private String[] files() throws IOException {
        return files("");
    }

    private String[] files(String gateNoise) throws IOException {
        String circuit = Cli.qasm(dir, "x.qasm", "qreg q[3]; creg c[3]; x q[0]; measure q -> c;\n");
        Path model = dir.resolve("readout.json");
        Files.writeString(model, """
                {"schema": "qise-noise-model/1", %s"readout": [
                  {"qubits": [0], "p1_given_0": 0.02, "p0_given_1": 0.1},
                  {"qubits": [1, 2], "confusion": [[0.9, 0.05, 0.04, 0.01], [0.04, 0.85, 0.01, 0.1], [0.05, 0.02, 0.9, 0.09], [0.01, 0.08, 0.05, 0.8]]}]}
                """.formatted(gateNoise));
        return new String[]{circuit, model.toString()};
    }

    @Test
    void probabilitiesComeWithTheOutcomeDistributionThatReadoutErrorsGive() throws IOException {
        String[] f = files();
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--method", "density-matrix", "--probabilities", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1.0, r.json().get("probabilities").get(1).asDouble(), 1e-12, "the state is |001⟩");
        JsonNode out = r.json().get("outcome_probabilities");
        assertEquals(0.9 * 0.9, out.get("001").asDouble(), 1e-12);
        assertEquals(0.9 * 0.1, out.get("000").asDouble(), 1e-12);
        assertEquals(0.04 * 0.9, out.get("011").asDouble(), 1e-12);
        assertEquals(0.05 * 0.9, out.get("101").asDouble(), 1e-12);
        assertEquals(0.01 * 0.1, out.get("110").asDouble(), 1e-12);
        assertEquals(8, out.size());
        Cli.Run human = Cli.run("run", f[0], "--noise", f[1], "--method", "density-matrix", "--probabilities");
        assertTrue(human.out().contains("readout error applied") && human.out().contains("001  0.810000"), human.out());
    }

    @ParameterizedTest(name = "--marginal {0}: state {1}={2}, reported {1}={3}")
    @CsvSource({
            "0,     1,  1.0, 0.9",
            "1,     1,  0.0, 0.05",   // C[01][00] + C[11][00]: the correlated matrix's marginal for q1
            "2,     1,  0.0, 0.06",   // C[10][00] + C[11][00]
            "'2,0', 10, 1.0, 0.846",  // q0 (left) reads 1 w.p. 0.9 and q2 reads 0 w.p. 0.94, independently
            "'2,0', 01, 0.0, 0.006",
            "'1,2', 11, 0.0, 0.01"})
    void exactMarginalsGiveTheReportedDistribution(String qubits, String bits, double state, double reported) throws IOException {
        String[] f = files();
        Cli.Run r = Cli.run("run", f[0], "--noise", f[1], "--method", "density-matrix", "--marginal", qubits, "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(state, r.json().at("/marginals/probabilities/" + bits).asDouble(), 1e-12, r.out());
        assertEquals(reported, r.json().at("/marginals/reported_probabilities/" + bits).asDouble(), 1e-12, r.out());
        assertTrue(r.json().at("/marginals/reported_standard_errors").isMissingNode());
    }

    @Test
    void trajectoryMarginalsGiveTheReportedDistributionWithinTheirStandardErrors() throws IOException {
        // a bit flip (p = 0.3) after x on qubit 1 makes each trajectory end in q1 = 0 or 1; q2 stays 0.
        // Reported q1 = 1 has probability 0.3·(C[01][00] + C[11][00]) + 0.7·(C[01][01] + C[11][01]) = 0.3·0.05 + 0.7·0.93
        String[] f = files("\"gate_noise\": [{\"gates\": [\"x\"], \"qubits\": [1], \"channel\": {\"type\": \"bit_flip\", \"p\": 0.3}}], ");
        String circuit = Cli.qasm(dir, "h.qasm", "qreg q[3]; creg c[3]; x q[1]; measure q -> c;\n");
        Cli.Run r = Cli.run("run", circuit, "--noise", f[1], "--method", "trajectories", "--marginal", "1", "--shots", "4000",
                "--seed", "5", "--json");
        assertEquals(0, r.code(), r.toString());
        double p = r.json().at("/marginals/reported_probabilities/1").asDouble();
        double se = r.json().at("/marginals/reported_standard_errors/1").asDouble();
        assertTrue(se > 0.001 && se < 0.05, "standard error " + se);
        assertTrue(Math.abs(p - 0.666) < 5 * se, p + " ± " + se);
        Cli.Run human = Cli.run("run", circuit, "--noise", f[1], "--method", "trajectories", "--marginal", "1", "--shots", "400", "--seed", "5");
        assertTrue(human.out().contains("readout error applied") && human.out().contains(" ± "), human.out());
    }

    @Test
    void aMarginalWithoutReadoutErrorsHasNoReportedDistribution() throws IOException {
        String circuit = Cli.qasm(dir, "y.qasm", "qreg q[2]; creg c[2]; x q[0]; measure q -> c;\n");
        Path model = dir.resolve("flip.json");
        Files.writeString(model, "{\"schema\":\"qise-noise-model/1\",\"gate_noise\":[{\"channel\":{\"type\":\"bit_flip\",\"p\":0.1}}]}");
        Cli.Run r = Cli.run("run", circuit, "--noise", model.toString(), "--method", "density-matrix", "--marginal", "0", "--json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.json().at("/marginals/reported_probabilities").isMissingNode(), r.out());
    }
}
