package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {
    private static final double R = Math.sqrt(0.5);
    private static final String BELL_MEASURED = "qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n";
    private static final String BELL_STATE = "qreg q[2];\nh q[0];\ncx q[0], q[1];\n";

    @TempDir
    Path dir;

    @Test
    void jsonHasTheContractFields() {
        String file = Cli.qasm(dir, "bell.qasm", BELL_MEASURED);
        Cli.Run r = Cli.run("run", file, "--json", "--seed", "7", "--shots", "1000");
        assertEquals(0, r.code(), r.toString());
        JsonNode j = r.json();
        assertEquals(2, j.get("qubits").asInt());
        assertEquals(1000, j.get("shots").asLong());
        assertEquals(7, j.get("seed").asLong());
        assertEquals("sampled", j.get("mode").asText(), "measurements only at the end");
        JsonNode counts = j.get("counts");
        List<String> keys = new ArrayList<>();
        counts.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().toList(), keys, "counts sorted by bitstring");
        assertTrue(List.of("00", "11").containsAll(keys), "a Bell pair measures only 00 and 11: " + keys);
        long total = 0;
        for (String k : keys) total += counts.get(k).asLong();
        assertEquals(1000, total);
        JsonNode manifest = j.get("manifest");
        assertEquals(7, manifest.get("seed").asLong());
        assertEquals(1000, manifest.get("shots").asLong());
        assertEquals(org.qise.engine.Engines.DEFAULT, manifest.get("engine").asText());
        assertTrue(manifest.get("circuit_sha256").asText().matches("[0-9a-f]{64}"));
        assertFalse(j.has("statevector") || j.has("expectation"), "only what was asked for");
        assertEquals("", r.err(), "nothing on stderr for a quiet run");
    }

    @Test
    void expectationIsANumberForOneAndAMapForSeveral() {
        String file = Cli.qasm(dir, "bell.qasm", BELL_MEASURED);
        JsonNode one = Cli.run("run", file, "--json", "--seed", "1", "--expect", "Z0 Z1").json();
        assertTrue(one.get("expectation").isNumber());
        assertEquals(1.0, one.get("expectation").asDouble(), 1e-12); // ⟨ZZ⟩ = 1 on (|00⟩+|11⟩)/√2

        JsonNode several = Cli.run("run", file, "--json", "--seed", "1", "--expect", "Z0 Z1", "--expect", "Z0",
                "--expect", "Y0 Y1", "--expect", "0.5 X0 X1 + 2").json().get("expectation");
        assertEquals(1.0, several.get("Z0 Z1").asDouble(), 1e-12);
        assertEquals(0.0, several.get("Z0").asDouble(), 1e-12);
        assertEquals(-1.0, several.get("Y0 Y1").asDouble(), 1e-12);
        assertEquals(0.5 + 2, several.get("0.5 X0 X1 + 2").asDouble(), 1e-12);
    }

    @Test
    void probabilitiesAndMarginalsIndexQubitZeroAsLeastSignificant() {
        // x on q[0] only: basis state index 1 = |q2 q1 q0⟩ = |001⟩
        String file = Cli.qasm(dir, "x0.qasm", "qreg q[3];\nx q[0];\n");
        JsonNode j = Cli.run("run", file, "--json", "--seed", "3", "--probabilities", "--marginal", "0,1").json();
        JsonNode p = j.get("probabilities");
        assertEquals(8, p.size());
        for (int i = 0; i < 8; i++) assertEquals(i == 1 ? 1.0 : 0.0, p.get(i).asDouble(), 1e-12, "probability of " + i);
        JsonNode m = j.get("marginals");
        assertEquals(List.of(0, 1), List.of(m.get("qubits").get(0).asInt(), m.get("qubits").get(1).asInt()));
        // bitstring is q1 q0: q0 = 1, q1 = 0 → "01"
        assertEquals(1.0, m.get("probabilities").get("01").asDouble(), 1e-12);
        assertEquals(0.0, m.get("probabilities").get("10").asDouble(), 1e-12);
        assertEquals(1, j.get("counts").size(), "no measurement: all qubits sampled, always 001");
        assertEquals(1024, j.get("counts").get("001").asLong());
    }

    @Test
    void statevectorOfABellPairIsTheClosedForm() {
        String file = Cli.qasm(dir, "bell-state.qasm", BELL_STATE);
        Cli.Run r = Cli.run("run", file, "--json", "--statevector", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        JsonNode sv = r.json().get("statevector");
        double[][] expected = {{R, 0}, {0, 0}, {0, 0}, {R, 0}};
        assertEquals(4, sv.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], sv.get(i).get(0).asDouble(), 1e-12, "re " + i);
            assertEquals(expected[i][1], sv.get(i).get(1).asDouble(), 1e-12, "im " + i);
        }
    }

    @Test
    void statevectorCarriesPhasesAndQubitOrder() {
        // h; s on q[1]: (|0⟩ + i|1⟩)/√2 on qubit 1, so amplitude index 2 (binary 10) is i/√2
        String file = Cli.qasm(dir, "phase.qasm", "qreg q[2];\nh q[1];\ns q[1];\n");
        JsonNode sv = Cli.run("run", file, "--json", "--statevector").json().get("statevector");
        assertEquals(R, sv.get(0).get(0).asDouble(), 1e-12);
        assertEquals(0, sv.get(1).get(0).asDouble(), 1e-12);
        assertEquals(0, sv.get(2).get(0).asDouble(), 1e-12);
        assertEquals(R, sv.get(2).get(1).asDouble(), 1e-12);
    }

    @Test
    void sameSeedGivesByteIdenticalCountsWhateverTheThreadCount() {
        String sampled = Cli.qasm(dir, "ghz.qasm", "qreg q[4];\ncreg c[4];\nh q[0];\nry(0.7) q[1];\ncx q[0], q[2];\ncx q[1], q[3];\nh q[3];\nmeasure q -> c;\n");
        String shotByShot = Cli.qasm(dir, "mid.qasm", "qreg q[2];\ncreg a[1];\ncreg b[1];\nh q[0];\nmeasure q[0] -> a[0];\n"
                + "if (a == 1) h q[1];\nmeasure q[1] -> b[0];\n");
        // 17 qubits (2^17 amplitudes): large enough for engines that split the state over threads
        StringBuilder wide = new StringBuilder("qreg q[17];\ncreg c[17];\nh q;\n");
        for (int i = 0; i < 16; i++) wide.append("cx q[").append(i).append("], q[").append(i + 1).append("];\nry(0.").append(i + 1).append(") q[").append(i).append("];\n");
        wide.append("measure q -> c;\n");
        String parallel = Cli.qasm(dir, "wide.qasm", wide.toString());
        for (String file : List.of(sampled, shotByShot, parallel)) {
            Cli.Run one = Cli.run("run", file, "--json", "--seed", "2024", "--shots", "3000", "--threads", "1");
            Cli.Run two = Cli.run("run", file, "--json", "--seed", "2024", "--shots", "3000", "--threads", "2");
            assertEquals(0, one.code(), one.toString());
            assertEquals(countsText(one.out()), countsText(two.out()), "counts of " + file);
            assertTrue(one.json().get("counts").size() > 2, "a circuit with several outcomes: " + one.out());
        }
    }

    /** The exact bytes of the "counts" object in the JSON output. */
    private static String countsText(String json) {
        int start = json.indexOf("\"counts\"");
        int end = json.indexOf('}', start);
        assertTrue(start >= 0 && end > start, json);
        return json.substring(start, end + 1);
    }

    @Test
    void readsTheCircuitFromStandardInput() {
        Cli.Run r = Cli.runWith("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nx q[0];\nmeasure q -> c;\n",
                Map.of(), false, "run", "-", "--json", "--shots", "10");
        assertEquals(0, r.code(), r.toString());
        assertEquals(10, r.json().get("counts").get("1").asLong());
        assertEquals("<stdin>", r.json().get("file").asText());
    }

    @Test
    void progressNeverReachesStdoutInJsonMode() {
        String file = Cli.qasm(dir, "bell.qasm", BELL_MEASURED);
        Cli.Run r = Cli.runWith("", Map.of(), true, "run", file, "--json", "--seed", "5");
        assertEquals(0, r.code(), r.toString());
        assertEquals(2, r.json().get("qubits").asInt()); // parses as exactly one JSON object
    }
}
