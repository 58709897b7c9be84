package org.qise.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the bench times a single gate's passes between probe sweeps, and that a sweep measures something. */
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
