package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * Float states of n qubits that start with the same random amplitudes, for tests that run one
 * kernel in different ways (one call, ranges cut anywhere, another form of the kernel) and
 * compare the results bit for bit.
 */
final class SameFloatStates implements AutoCloseable {
    private final int n;
    private final AmplitudeMemory[] states;

    SameFloatStates(int n, int copies, Random rnd) {
        this.n = n;
        states = new AmplitudeMemory[copies];
        for (int c = 0; c < copies; c++) states[c] = FloatState.allocateMemory(n);
        for (long i = 0; i < 2L << n; i++) {
            float x = (float) rnd.nextGaussian();
            for (AmplitudeMemory s : states) s.segment.setAtIndex(FloatLayout.FLOAT, i, x);
        }
    }

    MemorySegment get(int copy) {
        return states[copy].segment;
    }

    /** Runs k over all its units in ranges of 1 to maxRange units, as thread shares and tiles cut them. */
    static void runInRanges(FloatBlocks.FloatKernel k, MemorySegment s, Random rnd, int maxRange) {
        for (long from = 0; from < k.units(); ) {
            long to = Math.min(k.units(), from + 1 + rnd.nextInt(maxRange));
            k.run(s, from, to);
            from = to;
        }
    }

    /** Asserts that two copies hold the same bits (the amplitudes, not the layout's gaps). */
    void assertSameBits(int a, int b, String what) {
        assertEquals(-1L, get(a).asSlice(0, 8L << n).mismatch(get(b).asSlice(0, 8L << n)), what);
    }

    @Override
    public void close() {
        for (AmplitudeMemory s : states) s.close();
    }
}
