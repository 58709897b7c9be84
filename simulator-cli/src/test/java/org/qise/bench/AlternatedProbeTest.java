package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.fast.FastEngine;
import org.qise.engine.fast.FastStateMemory;

/**
 * When the bench times a single gate's passes between probe sweeps or sweeps of the state's own
 * memory, that a sweep measures something, and that sweeping a state leaves it as it was.
 */
class AlternatedProbeTest {
    private static final long GIB = 1L << 30;

    @ParameterizedTest(name = "{0} qubits, quick {1}, state {2} GiB, probe {3} GiB, {4} GiB free: alternate {5}")
    @CsvSource({
        "20, false, 0.015625, 0.25, 20, false", // in cache: the memory probe says how far cache takes it
        "24, false, 0.25, 0.25, 20, true",
        "28, false, 4, 4, 20, true",
        "30, false, 16, 16, 22, false", // 30 qubits in double: the two do not fit together
        "30, true, 16, 16, 64, false", // quick runs never do
        "31, false, 16, 16, 40, true"}) // 31 qubits in single on a larger machine
    void passesAlternateWithSweepsFromTwentyFourQubitsWhereBothFit(int n, boolean quick, double state, double probe, double free, boolean alternate) {
        assertEquals(alternate, Bench.alternateProbe(n, quick, (long) (state * GIB), (long) (probe * GIB), (long) (free * GIB)));
    }

    @ParameterizedTest(name = "{0} qubits: sweep the state {1}")
    @CsvSource({
        "9, false", // a pass is one thread's below 2^17 amplitudes
        "16, false",
        "17, true",
        "20, true", // in cache: the state's own sweep is a pass's floor
        "23, true",
        "24, false"}) // from here the probe array is swept in alternation instead
    void passesAlternateWithSweepsOfTheStateFromSeventeenToTwentyThreeQubits(int n, boolean sweep) {
        assertEquals(sweep, Bench.sweepState(n));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void sweepingAStatesOwnMemoryLeavesEveryBitAsItWas(Precision p) {
        int n = 17;
        try (FastEngine engine = new FastEngine(2, p); QuantumState s = engine.allocate(n)) {
            // Amplitudes of every sign and size, with zero imaginary parts beside nonzero real ones.
            s.applyAll(Workloads.circuit("random", n).subList(0, 3 * n));
            MemorySegment memory = FastStateMemory.bytesOf(s);
            byte[] before = memory.toArray(ValueLayout.JAVA_BYTE);
            // Compared after every sweep (the first comes with making them): a change undone by
            // the next sweep must not pass.
            try (BandwidthProbe.Sweeps sweeps = BandwidthProbe.Sweeps.overState(memory, 2)) {
                assertArrayEquals(before, memory.toArray(ValueLayout.JAVA_BYTE), "the state's bytes after the first sweep");
                for (int i = 0; i < 2; i++) {
                    double gbs = sweeps.sweepGbs();
                    assertTrue(gbs > 0 && Double.isFinite(gbs), "sweep " + i + ": " + gbs);
                    assertArrayEquals(before, memory.toArray(ValueLayout.JAVA_BYTE), "the state's bytes after sweep " + i);
                }
            }
        }
    }

    @Test
    void eachSweepReportsAPositiveFiniteBandwidthOnOneAndTwoThreads() {
        for (int threads = 1; threads <= 2; threads++) {
            try (BandwidthProbe.Sweeps sweeps = new BandwidthProbe.Sweeps(4L << 20, threads)) {
                for (int i = 0; i < 3; i++) {
                    double gbs = sweeps.sweepGbs();
                    assertTrue(gbs > 0 && Double.isFinite(gbs), "sweep " + i + " on " + threads + " thread(s): " + gbs);
                }
            }
        }
    }
}
