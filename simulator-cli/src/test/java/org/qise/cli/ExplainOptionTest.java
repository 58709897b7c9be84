package org.qise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qise run --explain} prints the compiled plan (or shot program) instead of running. */
class ExplainOptionTest {
    @TempDir
    Path dir;

    @Test
    void aSampledCircuitShowsOnePlanWithItsStagesBlocksAndKernels() {
        StringBuilder qasm = new StringBuilder("qreg q[14];\ncreg c[14];\n");
        for (int q = 0; q < 14; q++) qasm.append("h q[").append(q).append("];\n");
        qasm.append("cx q[0], q[13];\nrz(0.3) q[13];\nmeasure q -> c;\n");
        Cli.Run r = Cli.run("run", Cli.qasm(dir, "wide.qasm", qasm.toString()), "--explain");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("mode     state simulated once and sampled"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("plan ")).count(), r.out());
        assertTrue(r.out().contains("engine fast, 14 qubits, 16 gates"), r.out());
        assertTrue(r.out().contains("stage of 12 local qubits") || r.out().contains("whole-state pass"), r.out());
        assertTrue(r.out().contains("-> "), "each block names its kernel: " + r.out());
        assertTrue(r.out().contains("memory   needs "), r.out());
        assertTrue(!r.out().contains("counts"), "nothing is run");
    }

    @Test
    void aShotByShotCircuitShowsItsProgramCompiledOnce() {
        String file = Cli.qasm(dir, "mid.qasm", "qreg q[2];\ncreg c[2];\nh q[0];\nmeasure q[0] -> c[0];\nif (c == 1) x q[1];\nh q[1];\nmeasure q[1] -> c[1];\n");
        Cli.Run r = Cli.run("run", file, "--explain", "--shots", "10000");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("shot by shot, 10000 shot(s)") && r.out().contains("1 conditional gate(s)"), r.out());
        assertTrue(r.out().contains("3 plans compiled once and replayed every shot"), r.out());
    }
}
