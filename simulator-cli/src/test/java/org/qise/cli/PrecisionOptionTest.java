package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code qise run --precision}: single runs, the manifest says so, and what cannot run single is refused with exit 2. */
class PrecisionOptionTest {

    @TempDir
    Path dir;

    /** A 14-qubit circuit (large enough for the staged path) with a measurement mid-circuit. */
    private Path circuit(boolean midCircuitMeasure) throws Exception {
        StringBuilder q = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[14];\ncreg c[14];\n");
        for (int layer = 0; layer < 3; layer++) {
            for (int i = 0; i < 14; i++) q.append("u3(").append(0.3 + 0.11 * i + layer).append(",0.2,").append(0.7 * layer).append(") q[").append(i).append("];\n");
            for (int i = 0; i < 13; i++) q.append("cx q[").append(i).append("],q[").append(i + 1).append("];\n");
            if (midCircuitMeasure && layer == 1) q.append("measure q[3] -> c[3];\n");
        }
        q.append("measure q -> c;\n");
        Path f = dir.resolve(midCircuitMeasure ? "mid.qasm" : "end.qasm");
        Files.writeString(f, q.toString());
        return f;
    }

    @ParameterizedTest(name = "mid-circuit measurement: {0}")
    @CsvSource({"false", "true"})
    void singlePrecisionCountsAreTheSameOnOneAndTwoThreads(boolean mid) throws Exception {
        Path f = circuit(mid);
        JsonNode one = Cli.run("run", f.toString(), "--precision", "single", "--json", "--shots", "1000", "--seed", "11", "--threads", "1").json();
        JsonNode two = Cli.run("run", f.toString(), "--precision", "single", "--json", "--shots", "1000", "--seed", "11", "--threads", "2").json();
        assertEquals(one.get("counts"), two.get("counts"));
        assertEquals("single", one.at("/manifest/options/precision").asText());
        assertEquals(mid ? "shot-by-shot" : "sampled", one.get("mode").asText());
    }

    @Test
    void theManifestRecordsDoublePrecisionByDefault() {
        Cli.Run r = Cli.run("run", "--example", "bell", "--json", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        assertEquals("double", r.json().at("/manifest/options/precision").asText());
    }

    @Test
    void theHumanReportNamesSinglePrecision() {
        Cli.Run r = Cli.run("run", "--example", "bell", "--seed", "1", "--precision", "single");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("single precision"), r.out());
    }

    @Test
    void explainSaysThePrecisionAndCountsEightBytesAnAmplitude() {
        Cli.Run r = Cli.run("run", "--example", "bell", "--precision", "single", "--explain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("precision single"), r.out());
        assertTrue(r.out().contains("amplitudes × 8 bytes"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--precision half | half",
            "--precision single --engine exact | exact",
            "--precision single --noise example:depolarizing | --noise"})
    void whatCannotRunIsRefusedWithExitTwo(String options, String mentioned) {
        String[] args = ("run --example bell --seed 1 " + options).split(" ");
        Cli.Run r = Cli.run(args);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("qise: error: "), r.toString());
        assertTrue(r.err().contains(mentioned), r.toString());
        assertTrue(r.err().contains("precision"), r.toString());
    }
}
