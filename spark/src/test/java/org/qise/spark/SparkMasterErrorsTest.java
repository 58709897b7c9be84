package org.qise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qise.cli.QiseMain;

/**
 * A Spark master that cannot be used is named before Spark starts, for {@code qise sweep} as for
 * {@code qise batch} (SparkRunnerIT checks the batch with Spark on the class path): exit code 2,
 * no output, and no file written for {@code -o}. Neither case starts a Spark context.
 */
class SparkMasterErrorsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run qise(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new QiseMain(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), Map.of(), false).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> command(String kind, String master) throws IOException {
        Path circuit = dir.resolve("c.qasm");
        Files.writeString(circuit, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nrx(theta) q[0];\nmeasure q -> c;\n");
        Path fixed = dir.resolve("f.qasm");
        Files.writeString(fixed, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\nh q[0];\nmeasure q -> c;\n");
        List<String> a = new ArrayList<>(kind.equals("sweep")
                ? List.of("sweep", circuit.toString(), "--param", "theta=0:1:4")
                : List.of("batch", fixed.toString()));
        a.addAll(List.of("--shots", "10", "--seed", "3", "--spark", master, "-o", dir.resolve(kind + ".out").toString()));
        return a;
    }

    @ParameterizedTest(name = "qise {0}")
    @ValueSource(strings = {"sweep", "batch"})
    void aMalformedMasterIsNamed(String kind) throws IOException {
        Run r = qise(command(kind, "spark//host:7077"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'spark//host:7077' is not a Spark master URL; use local[N]"), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir.resolve(kind + ".out")), "no output file");
    }

    @ParameterizedTest(name = "qise {0}")
    @ValueSource(strings = {"sweep", "batch"})
    void aMasterNobodyAnswersAtIsNamedWithItsAddress(String kind) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, closed below: nothing listens there
        }
        Run r = qise(command(kind, "spark://127.0.0.1:" + port));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master spark://127.0.0.1:" + port + " at 127.0.0.1:" + port), r.err());
        assertTrue(r.err().contains("is the master running"), r.err());
        assertFalse(Files.exists(dir.resolve(kind + ".out")), "no output file");
    }
}
