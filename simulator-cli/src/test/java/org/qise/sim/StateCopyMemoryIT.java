package org.qise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shot-by-shot run keeps the state after the common prefix and works on a copy of it in each
 * shot. When the state fits once but not twice, {@code qise run} must say that the copy is what
 * does not fit, with the bytes it needs. The memory cap is real: a child JVM whose heap holds
 * one state of the exact engine but not two. (The fast engine keeps states off-heap and checks
 * the machine's available memory, which a JVM flag cannot lower, so it is not exercised here;
 * its copy reports the same way through StateTooLargeException.forCopy.)
 */
class StateCopyMemoryIT {
    /** 22 qubits: 64 MiB per state vector. */
    private static final int QUBITS = 22;

    @TempDir
    Path dir;

    @Test
    void aStateThatFitsOnceButNotTwiceIsReportedAsTheCopy() throws Exception {
        Path qasm = dir.resolve("branch.qasm");
        Files.writeString(qasm, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + QUBITS + "];\ncreg c[" + QUBITS + "];\n"
                + "h q;\nmeasure q[0] -> c[0];\nif (c == 1) x q[1];\nmeasure q -> c;\n");
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xmx160m",
                "-cp", System.getProperty("java.class.path"), "org.qise.cli.QiseMain",
                "run", qasm.toString(), "--engine", "exact", "--shots", "2", "--seed", "1"));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "qise run did not finish");
        String stderr = Files.readString(err, StandardCharsets.UTF_8).replaceAll("(?m)^WARNING: Using incubator modules.*\\R", "");
        assertEquals(2, p.exitValue(), stderr);
        assertTrue(stderr.startsWith("qise: error: a second copy of the 22-qubit state vector needs another 64 MiB"), stderr);
        assertTrue(stderr.contains("128 MiB for both"), stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
    }

    static {
        // the child JVM is started with this JVM's class path, which must name real files
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !new File(entry).exists()) throw new IllegalStateException("class path entry missing: " + entry);
        }
    }
}
