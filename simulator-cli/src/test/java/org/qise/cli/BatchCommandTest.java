package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchCommandTest {
    @TempDir
    Path dir;

    /** Ten circuits: rx(0.3 k) on qubit 0 of two qubits, then a CNOT; measured. */
    private List<String> files() {
        List<String> f = new ArrayList<>();
        for (int k = 0; k < 10; k++) f.add(Cli.qasm(dir, "c" + k + ".qasm", "qreg q[2];\ncreg c[2];\nrx(" + (0.3 * k) + ") q[0];\ncx q[0], q[1];\nmeasure q -> c;\n"));
        return f;
    }

    private static String[] args(List<String> files, String... extra) {
        List<String> a = new ArrayList<>(List.of("batch"));
        a.addAll(files);
        a.addAll(List.of("--expect", "Z0 Z1", "--expect", "Z0", "--shots", "400", "--seed", "5"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void eachCircuitReportsItsExpectationValuesCountsAndManifest() throws Exception {
        Cli.Run r = Cli.run(args(files(), "--threads", "1"));
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("{\"qise_batch\":", lines.getFirst().substring(0, 14));
        assertEquals(11, lines.size());
        ObjectMapper m = new ObjectMapper();
        for (int k = 0; k < 10; k++) {
            JsonNode row = m.readTree(lines.get(k + 1));
            assertEquals(k, row.get("index").asInt());
            // rx(θ) then CNOT: ⟨Z0⟩ = cos θ and Z0 Z1 = +1 on both |00⟩ and |11⟩
            assertEquals(Math.cos(0.3 * k), row.get("expect").get("Z0").asDouble(), 1e-12);
            assertEquals(1.0, row.get("expect").get("Z0 Z1").asDouble(), 1e-12);
            long shots = 0;
            for (var it = row.get("counts").fields(); it.hasNext(); ) {
                var e = it.next();
                assertTrue(e.getKey().equals("00") || e.getKey().equals("11"), e.getKey());
                shots += e.getValue().asLong();
            }
            assertEquals(400, shots);
            assertEquals(64, row.get("state_sha256").asText().length());
            assertEquals(k, row.get("manifest").get("task_index").asInt());
            assertEquals(5, row.get("manifest").get("global_seed").asInt());
        }
    }

    @Test
    void theOutputDoesNotDependOnTheThreadCount() {
        List<String> f = files();
        assertEquals(Cli.run(args(f, "--threads", "1")).out(), Cli.run(args(f, "--threads", "3")).out());
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 3, 7})
    void mergedShardsAreByteIdenticalToOneRun(int shards) {
        List<String> f = files();
        String whole = Cli.run(args(f)).out();
        List<String> merge = new ArrayList<>(List.of("batch", "--merge"));
        for (int i = shards; i >= 1; i--) { // any order
            String out = dir.resolve("shard" + i).toString();
            Cli.Run r = Cli.run(args(f, "--shard", i + "/" + shards, "-o", out));
            assertEquals(0, r.code(), r.toString());
            merge.add(out);
        }
        Cli.Run merged = Cli.run(merge.toArray(String[]::new));
        assertEquals(0, merged.code(), merged.toString());
        assertEquals(whole, merged.out());
    }

    @ParameterizedTest(name = "--shard {0}")
    @CsvSource({"0/3, out of range", "4/3, out of range", "2/0, must be at least 1", "a/b, should read I/N"})
    void aBadShardIsRefused(String shard, String message) {
        Cli.Run r = Cli.run(args(files(), "--shard", shard));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    @Test
    void shardsOfDifferentBatchesAreNotMerged() {
        List<String> f = files();
        String a = dir.resolve("a").toString(), b = dir.resolve("b").toString();
        Cli.run(args(f, "--shard", "1/2", "-o", a));
        List<String> other = new ArrayList<>(List.of(args(f, "--shard", "2/2", "-o", b)));
        other.set(other.indexOf("5"), "6"); // another seed: another batch
        Cli.run(other.toArray(String[]::new));
        Cli.Run r = Cli.run("batch", "--merge", a, b);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("comes from a different batch"), r.err());
    }

    @Test
    void aSweepShardIsNotMergedAsABatch() {
        List<String> f = files();
        String a = dir.resolve("a").toString(), s = dir.resolve("s").toString();
        Cli.run(args(f, "--shard", "1/2", "-o", a));
        String sweep = Cli.qasm(dir, "sweep.qasm", "qreg q[1];\nrx(theta) q[0];\n");
        assertEquals(0, Cli.run("sweep", sweep, "--param", "theta=0:1:3", "--expect", "Z0", "--seed", "1", "--shard", "2/2", "-o", s).code());
        Cli.Run r = Cli.run("batch", "--merge", a, s);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("not a qise batch file") && r.err().contains("qise sweep --merge"), r.err());
    }

    @Test
    void aMissingShardIsNamed() {
        List<String> f = files();
        String a = dir.resolve("a").toString();
        Cli.run(args(f, "--shard", "1/3", "-o", a));
        Cli.Run r = Cli.run("batch", "--merge", a);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("shard 2/3 is missing"), r.err());
    }

    @Test
    void aNoisyBatchMergesByteForByteAndNamesItsModel() throws Exception {
        List<String> f = files().subList(0, 4);
        String whole = Cli.run(args(f, "--noise", "example:depolarizing")).out();
        String a = dir.resolve("n1").toString(), b = dir.resolve("n2").toString();
        assertEquals(0, Cli.run(args(f, "--noise", "example:depolarizing", "--shard", "1/2", "-o", a)).code());
        assertEquals(0, Cli.run(args(f, "--noise", "example:depolarizing", "--shard", "2/2", "-o", b)).code());
        assertEquals(whole, Cli.run("batch", "--merge", b, a).out());
        JsonNode row = new ObjectMapper().readTree(whole.lines().toList().get(2));
        assertEquals(64, row.get("manifest").get("noise_model_sha256").asText().length());
        // depolarizing noise pulls ⟨Z0⟩ towards 0: below the noiseless cos(0.3)
        assertTrue(row.get("expect").get("Z0").asDouble() < Math.cos(0.3) - 1e-6, whole);
        assertTrue(!whole.equals(Cli.run(args(f)).out()), "noise changes the results");
    }

    @Test
    void sparkWithoutTheSparkModuleSaysWhatIsMissing() {
        Cli.Run r = Cli.run(args(files(), "--spark", "local[2]"));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--spark needs the qise-spark module"), r.err());
        assertEquals("", r.out());
    }
}
