package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.portal.circuits.QasmCheck;

/** Noisy runs in the small-run lane and the memory cap: ρ of n qubits is a state of 2n qubits. */
class NoisyRunSizeTest {
    private static final String THREE = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    @ParameterizedTest(name = "{0}: work {2}, memory {3} bytes")
    @CsvSource(nullValues = "ideal", value = {
            // 3 qubits, 5 operations: ideal one pass of 2^3; ρ one pass of 2^6; trajectories 2^3 per shot
            "ideal,          1000, 40,    128",
            "density-matrix, 1000, 320,   1024",
            "trajectories,   1000, 40000, 128"})
    void workAndMemoryFollowTheMethod(String method, long shots, long work, long memory) {
        var c = QasmCheck.parse(THREE);
        assertEquals(work, RunSize.work(c, shots, method));
        assertEquals(memory, RunNoise.memoryNeed(3, method));
    }
}
