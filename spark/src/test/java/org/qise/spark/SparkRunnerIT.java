package org.qise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.cli.QiseMain;

/**
 * A sweep of 64 points and a batch of 50 circuits give the same bytes (counts, expectation
 * values, state hashes, manifests) in-process, as 1, 3 or 7 merged job-array shards, and as a
 * Spark job on local[1] and local[4] with 1 and 7 partitions. The in-process run is the
 * reference; each circuit's expectation values are also checked against their closed form in
 * the simulator's own tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkRunnerIT {

    @TempDir
    static Path dir;

    static List<String> sweepArgs;
    static List<String> batchArgs;
    static String sweepReference;
    static String batchReference;

    record Run(int code, String out, String err) {}

    static Run qise(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), false).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> with(List<String> base, String... extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    static void writeCircuitsAndReferences() throws IOException {
        Path sweep = dir.resolve("sweep.qasm");
        Files.writeString(sweep, """
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[4];
                creg c[4];
                ry(theta) q[0];
                cx q[0], q[1];
                rz(2*phi - theta/2) q[1];
                h q[2];
                crx(phi) q[1], q[2];
                cu3(theta, phi, 0.3) q[2], q[3];
                measure q -> c;
                """);
        sweepArgs = List.of("sweep", sweep.toString(), "--param", "theta=0:2*pi:8", "--param", "phi=-1:1:8",
                "--expect", "Z0 Z1", "--expect", "0.5 X2 + Y3", "--shots", "256", "--seed", "21", "--format", "jsonl");
        // 50 circuits of 2 to 5 qubits with seeded random rotations; every third has no measurement
        // (its state hash then covers the amplitudes, not only the probabilities)
        Random rnd = new Random(50);
        List<String> batch = new ArrayList<>(List.of("batch"));
        for (int k = 0; k < 50; k++) {
            int n = 2 + k % 4;
            StringBuilder s = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + n + "];\ncreg c[" + n + "];\n");
            for (int layer = 0; layer < 3; layer++) {
                for (int q = 0; q < n; q++) s.append("u3(").append(rnd.nextDouble() * 3).append(',').append(rnd.nextDouble()).append(",0) q[").append(q).append("];\n");
                for (int q = 0; q + 1 < n; q++) s.append("cx q[").append(q).append("], q[").append(q + 1).append("];\n");
            }
            if (k % 3 != 0) s.append("measure q -> c;\n");
            Path f = dir.resolve("c" + k + ".qasm");
            Files.writeString(f, s.toString());
            batch.add(f.toString());
        }
        batchArgs = with(batch, "--expect", "Z0 Z1", "--expect", "X0", "--shots", "300", "--seed", "77");
        Run s = qise(with(sweepArgs, "--threads", "1"));
        assertEquals(0, s.code(), s.err());
        sweepReference = s.out();
        Run b = qise(with(batchArgs, "--threads", "1"));
        assertEquals(0, b.code(), b.err());
        batchReference = b.out();
        assertEquals(65, sweepReference.lines().count());
        assertEquals(51, batchReference.lines().count());
    }

    @AfterAll
    static void stopSpark() {
        SparkRunner.stop();
    }

    static Stream<Arguments> sparkSetups() {
        // master-major, so that each master's context is started once
        return Stream.of(Arguments.of("local[1]", 1), Arguments.of("local[1]", 7), Arguments.of("local[4]", 1), Arguments.of("local[4]", 7));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}, {1} partition(s)")
    @MethodSource("sparkSetups")
    void sparkGivesTheInProcessBytes(String master, int partitions) {
        Run s = qise(with(sweepArgs, "--spark", master, "--partitions", String.valueOf(partitions)));
        assertEquals(0, s.code(), s.err());
        assertEquals(sweepReference, s.out(), "64-point sweep");
        Run b = qise(with(batchArgs, "--spark", master, "--partitions", String.valueOf(partitions)));
        assertEquals(0, b.code(), b.err());
        assertEquals(batchReference, b.out(), "50-circuit batch");
    }

    @Order(2)
    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 3, 7})
    void mergedShardsGiveTheInProcessBytes(int shards) {
        for (boolean isSweep : new boolean[]{true, false}) {
            List<String> merge = new ArrayList<>(List.of(isSweep ? "sweep" : "batch", "--merge"));
            for (int i = shards; i >= 1; i--) {
                String out = dir.resolve((isSweep ? "sweep" : "batch") + "-" + shards + "-" + i).toString();
                Run r = qise(with(isSweep ? sweepArgs : batchArgs, "--shard", i + "/" + shards, "-o", out));
                assertEquals(0, r.code(), r.err());
                merge.add(out);
            }
            Run m = qise(merge);
            assertEquals(0, m.code(), m.err());
            assertEquals(isSweep ? sweepReference : batchReference, m.out());
        }
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nonsense", "local[0]", "spark//host:7077"})
    void aMalformedMasterIsNamed(String master) {
        Run r = qise(with(batchArgs, "--spark", master));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("qise: error: '" + master + "' is not a Spark master URL"), r.err());
        assertEquals("", r.out());
    }

    @Order(4)
    @Test
    void aMasterNobodyAnswersAtIsReportedAtOnce() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // free now, closed below: nothing listens there
        }
        Run r = qise(with(batchArgs, "--spark", "spark://127.0.0.1:" + port));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master spark://127.0.0.1:" + port), r.err());
    }

    @Order(5)
    @Test
    void aTaskThatCannotRunIsReportedWithItsFile() throws IOException {
        Path midCircuit = dir.resolve("mid.qasm");
        Files.writeString(midCircuit, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nx q[0];\n");
        Run r = qise(List.of("batch", midCircuit.toString(), "--expect", "Z0", "--seed", "1", "--spark", "local[1]"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("qise: error: " + midCircuit + ": the circuit measures, resets or branches mid-circuit"), r.err());
    }
}
