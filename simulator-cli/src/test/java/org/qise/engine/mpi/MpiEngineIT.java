package org.qise.engine.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distributed engine under real mpirun on loopback, 1, 2 and 4 ranks (8 and 16 for the
 * split), against the
 * single-process fast engine (computed on rank 0 by {@link MpiCheckMain}). Skipped, with a
 * message, only where mpirun is missing and CI is not set; on CI a missing mpirun fails.
 */
class MpiEngineIT {
    private static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElse("java"));
    private static String mpirun;

    @BeforeAll
    static void findMpirun() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            // Called by name: Open MPI takes an absolute /usr/bin/mpirun as an install prefix of "/" and refuses it.
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mpirun"))) mpirun = "mpirun";
        }
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isEmpty();
        if (mpirun == null && ci) throw new AssertionError("CI is set but mpirun is not on PATH: install openmpi-bin and libopenmpi-dev");
        if (mpirun == null) System.err.println("MpiEngineIT skipped: mpirun not found on PATH (install openmpi-bin libopenmpi-dev)");
        Assumptions.assumeTrue(mpirun != null, "mpirun not found on PATH (install openmpi-bin libopenmpi-dev); set CI=1 to make this a failure");
    }

    record Run(int exit, String output) {}

    private static Run launch(int ranks, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (ranks > 0) cmd.addAll(List.of(mpirun, "--oversubscribe", "--allow-run-as-root", "-np", String.valueOf(ranks)));
        cmd.addAll(List.of(JAVA.toString(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (ranks == 0) {
            for (String v : List.of("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK", "MPI_LOCALNRANKS")) pb.environment().remove(v);
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mpirun did not finish: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static Map<String, String> result(Run run) {
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new AssertionError("no RESULT line (exit " + run.exit() + "):\n" + run.output()));
        Map<String, String> m = new HashMap<>();
        for (String kv : line.substring(7).split(" ")) m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        System.out.println(line);
        return m;
    }

    @ParameterizedTest(name = "{0} on {1} qubits, {2} gates, seed {3}: the fast engine's state and counts, and the same bits, on 1, 2 and 4 ranks")
    @CsvSource({
            "random, 12, 400, 1",
            "random, 14, 300, 7",
            "random, 16, 200, 42",
            "qft,    14,   0, 3",
            "random, 22,  60, 13",
    })
    void aDistributedRunMatchesTheSingleProcessFastEngine(String kind, int qubits, int gates, long seed) throws Exception {
        Map<String, String> first = null;
        for (int ranks : new int[]{1, 2, 4}) {
            Run run = launch(ranks, MpiCheckMain.class.getName(), kind, String.valueOf(qubits), String.valueOf(gates), String.valueOf(seed), "3000");
            assertEquals(0, run.exit(), run.output());
            Map<String, String> r = result(run);
            assertTrue(Double.parseDouble(r.get("maxDiff")) <= 1e-12, "amplitudes differ from the fast engine's by " + r.get("maxDiff"));
            assertTrue(Double.parseDouble(r.get("probDiff")) <= 1e-12, "probabilities differ from the fast engine's by " + r.get("probDiff"));
            assertTrue(Double.parseDouble(r.get("expDiff")) <= 1e-12, "a Pauli expectation differs from the fast engine's by " + r.get("expDiff"));
            assertEquals("true", r.get("samplesEqual"), "samples differ from the fast engine's for the same uniforms");
            assertEquals("true", r.get("outcomeEqual"), "a measurement of the top qubit differs");
            assertEquals(r.get("planned"), r.get("exchanges"), "exchanges made differ from the plan");
            assertEquals(r.get("plannedSwaps"), r.get("localSwaps"), "swaps inside the slice differ from the plan");
            int global = Integer.parseInt(r.get("globalGates")), exchanges = Integer.parseInt(r.get("exchanges"));
            if (ranks > 1) assertTrue(exchanges < global, exchanges + " exchanges for " + global + " gates on global qubits");
            if (first == null) first = r;
            // Not close: the same bits, whatever the rank count.
            for (String key : List.of("ampBits", "p1bits", "expBits", "samplesHash")) {
                assertEquals(first.get(key), r.get(key), key + " differs between 1 and " + ranks + " ranks");
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1} qubits, {2} gates, seed {3}, split {4}: the same bits and samples on 1, 8 and 16 ranks (oversubscribed)")
    @CsvSource({
            "random, 12, 200, 5, 6", // a 12-qubit slice keeps 8 qubits: planned for 4 global qubits, enough for 16 ranks
            "qft,    14,   0, 3, 6",
    })
    void manyRanksGiveTheSameBitsAsOneWithTheSameSplit(String kind, int qubits, int gates, long seed, int split) throws Exception {
        Map<String, String> one = null;
        for (int ranks : new int[]{1, 8, 16}) {
            Run run = launch(ranks, MpiCheckMain.class.getName(), kind, String.valueOf(qubits), String.valueOf(gates), String.valueOf(seed), "1000",
                    String.valueOf(split));
            assertEquals(0, run.exit(), run.output());
            Map<String, String> r = result(run);
            assertEquals(String.valueOf(split), r.get("split"));
            assertTrue(Double.parseDouble(r.get("maxDiff")) <= 1e-12, "amplitudes differ from the fast engine's by " + r.get("maxDiff"));
            assertEquals("true", r.get("samplesEqual"), "samples differ from the fast engine's for the same uniforms");
            assertEquals("true", r.get("singleReadsEqual"), "single amplitudes or a short range read differ from the full copy");
            assertEquals(r.get("planned"), r.get("exchanges"), "exchanges made differ from the plan");
            assertEquals(r.get("plannedSwaps"), r.get("localSwaps"), "swaps inside the slice differ from the plan");
            if (one == null) one = r;
            for (String key : List.of("ampBits", "p1bits", "expBits", "samplesHash")) {
                assertEquals(one.get(key), r.get(key), key + " differs between 1 and " + ranks + " ranks");
            }
        }
    }

    @Test
    void theSplitIsCheckedAgainstTheRankCountAndRecordedInTheManifest(@TempDir Path dir) throws Exception {
        Path qasm = bell(dir, 10);
        Run tooSmall = launch(4, "org.qise.cli.QiseMain", "run", qasm.toString(), "--engine", "mpi", "--mpi-split", "1", "--shots", "10");
        assertEquals(2, tooSmall.exit(), tooSmall.output());
        assertEquals(1, tooSmall.output().lines().filter(l -> l.startsWith("qise: error: --mpi-split 1 is fewer than the 2 global qubits of 4 ranks")).count(),
                tooSmall.output());
        Run json = launch(4, "org.qise.cli.QiseMain", "run", qasm.toString(), "--engine", "mpi", "--mpi-split", "5", "--shots", "10", "--seed", "2", "--json");
        assertEquals(0, json.exit(), json.output());
        assertTrue(java.util.regex.Pattern.compile("\"mpi_split\"\\s*:\\s*\"5\"").matcher(json.output()).find(), json.output());
    }

    @ParameterizedTest(name = "{0} ranks on a {1}-qubit circuit: \"{2}\" once, on rank 0, and every rank exits")
    @CsvSource({
            "3, 4, needs a power-of-two number of ranks",
            "8, 2, fewer than the 8 ranks",
    })
    void aBadRankCountIsOneClearErrorAndACleanExit(int ranks, int qubits, String message, @TempDir Path dir) throws Exception {
        Path qasm = bell(dir, qubits);
        Run run = launch(ranks, "org.qise.cli.QiseMain", "run", qasm.toString(), "--engine", "mpi", "--shots", "10");
        assertNotEquals(0, run.exit(), run.output());
        assertEquals(1, run.output().lines().filter(l -> l.startsWith("qise: error:") && l.contains(message)).count(), run.output());
        assertTrue(!run.output().contains("Exception"), run.output());
    }

    @Test
    void theMpiEngineWithoutMpirunIsAClearErrorWithExitCode2(@TempDir Path dir) throws Exception {
        Run run = launch(0, "org.qise.cli.QiseMain", "run", bell(dir, 2).toString(), "--engine", "mpi");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("qise: error: the mpi engine runs one process per rank and must be launched by mpirun"), run.output());
    }

    @ParameterizedTest(name = "{0}: only rank 0 of 4 prints, and the counts equal the fast engine's for the seed")
    @CsvSource({"sampled once", "'shot by shot (mid-circuit measurement, condition, reset on a global qubit)'"})
    void onlyRankZeroPrintsAndCountsEqualTheFastEngine(String kind, @TempDir Path dir) throws Exception {
        Path qasm = kind.startsWith("sampled") ? bell(dir, 5) : Files.writeString(dir.resolve("mid.qasm"), """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[5];
                creg m[1];
                creg c[5];
                h q[4];
                ry(0.7) q[0];
                cx q[4],q[1];
                measure q[4] -> m[0];
                if (m==1) x q[2];
                ry(1.1) q[4];
                cx q[0],q[3];
                reset q[4];
                h q[3];
                measure q -> c;
                """);
        Run fast = launch(0, "org.qise.cli.QiseMain", "run", qasm.toString(), "--shots", "500", "--seed", "9");
        Run mpi = launch(4, "org.qise.cli.QiseMain", "run", qasm.toString(), "--engine", "mpi", "--shots", "500", "--seed", "9");
        assertEquals(0, mpi.exit(), mpi.output());
        assertTrue(!counts(fast.output()).isEmpty(), fast.output());
        assertEquals(counts(fast.output()), counts(mpi.output()));
        assertEquals(1, mpi.output().lines().filter(l -> l.startsWith("counts")).count(), mpi.output());
    }

    private static List<String> counts(String output) {
        return output.lines().filter(l -> l.contains("│")).toList();
    }

    /** A GHZ-like circuit on {@code n} qubits whose cx gates reach the top (global) qubits. */
    private static Path bell(Path dir, int n) throws IOException {
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + n + "];\ncreg c[" + n + "];\nh q[0];\n");
        for (int q = 1; q < n; q++) sb.append("cx q[").append(q - 1).append("],q[").append(q).append("];\n");
        sb.append("ry(0.4) q[").append(n - 1).append("];\nmeasure q -> c;\n");
        return Files.writeString(dir.resolve("ghz" + n + ".qasm"), sb.toString());
    }
}
