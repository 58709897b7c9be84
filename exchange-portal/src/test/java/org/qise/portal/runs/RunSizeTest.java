package org.qise.portal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.portal.circuits.QasmCheck;

/** How runs are told apart for the small-run lane, and how the workers follow the machine. */
class RunSizeTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    static Stream<Arguments> circuits() {
        return Stream.of(
                // 3 qubits, 4 operations (h, cx, 2 measures... counted as operations), end measurements only: one pass.
                Arguments.of("measured at the end", HEADER + "qreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n", 1000, 8L * 5, false),
                Arguments.of("a gate after a measurement", HEADER + "qreg q[2];\ncreg c[2];\nh q[0];\nmeasure q[0] -> c[0];\nx q[0];\n", 1000, 4L * 3 * 1000, true),
                Arguments.of("a reset", HEADER + "qreg q[2];\nreset q[0];\n", 10, 4L * 1 * 10, true),
                Arguments.of("a condition", HEADER + "qreg q[1];\ncreg c[1];\nif(c==1) x q[0];\n", 7, 2L * 1 * 7, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("circuits")
    void workIsAmplitudesTimesOperationsTimesShotsWhenSimulatedShotByShot(String what, String qasm, long shots, long work, boolean byShot) {
        var c = QasmCheck.parse(qasm);
        assertEquals(byShot, RunSize.shotByShot(c));
        assertEquals(work, RunSize.work(c, shots));
    }

    @ParameterizedTest(name = "a sweep of {0} points is {0} times one point''s work")
    @CsvSource({"1, 40", "64, 2560", "1000, 40000"})
    void aSweepCountsEveryPoint(int points, long work) {
        // 3 qubits, 5 operations measured at the end: 2^3 · 5 = 40 amplitude updates a point
        var c = QasmCheck.parse(HEADER + "qreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        assertEquals(work, RunSize.work(c, 100, null, points));
    }

    @org.junit.jupiter.api.Test
    void aHugeSweepOfALargeCircuitSaturatesInsteadOfOverflowing() {
        var c = QasmCheck.parse(HEADER + "qreg q[40];\nh q[0];\n");
        assertEquals(Long.MAX_VALUE, RunSize.work(c, 1, null, 100_000_000));
    }

    @ParameterizedTest(name = "{0} cores: {1} workers of {3} threads and {2} for small runs")
    @CsvSource({"1, 1, 1, 1", "2, 1, 1, 2", "4, 2, 1, 2", "16, 8, 4, 2", "64, 32, 16, 2"})
    void workersFollowTheMachine(int cores, int workers, int small, int threads) {
        RunConfig c = RunConfig.forCores(cores);
        assertEquals(workers, c.workers());
        assertEquals(small, c.smallWorkers());
        assertEquals(threads, c.threadsPerRun());
    }
}
