package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.StateTooLargeException;
import org.qise.engine.exact.ExactEngine;

/** Measurement-side operations of the fast engine against the exact engine, and its error handling. */
class FastStateOperationsTest {
    private static final double TOL = 1e-12;

    /** A random state prepared identically on both engines. */
    private static QuantumState[] prepared(int n, long seed, FastEngine fast) {
        List<Operation.GateOp> ops = RandomCircuits.circuit(new Random(seed), n, 6 * n);
        QuantumState e = new ExactEngine().allocate(n), f = fast.allocate(n);
        e.applyAll(ops);
        f.applyAll(ops);
        return new QuantumState[]{e, f};
    }

    private static void assertSameAmplitudes(QuantumState e, QuantumState f) {
        for (long i = 0; i < 1L << e.numQubits(); i++) {
            assertEquals(e.re(i), f.re(i), TOL, "re " + i);
            assertEquals(e.im(i), f.im(i), TOL, "im " + i);
        }
    }

    @Test
    void probabilityOfOneCollapseAndFlipMatchExactOnEveryQubit() {
        for (int n = 1; n <= 9; n++) {
            for (int q = 0; q < n; q++) {
                QuantumState[] s = prepared(n, 100 * n + q, new FastEngine(2, 3, 1));
                try (QuantumState e = s[0]; QuantumState f = s[1]) {
                    double p = e.probabilityOfOne(q);
                    assertEquals(p, f.probabilityOfOne(q), TOL, "n=" + n + " q=" + q);
                    f.flip(q);
                    e.flip(q);
                    assertSameAmplitudes(e, f);
                    int outcome = p > 0.5 ? 0 : 1; // collapse onto the less likely branch: the harder case
                    double po = outcome == 1 ? e.probabilityOfOne(q) : 1 - e.probabilityOfOne(q);
                    e.collapse(q, outcome, po);
                    f.collapse(q, outcome, po);
                    assertSameAmplitudes(e, f);
                    assertEquals(outcome, Math.round(f.probabilityOfOne(q)), "collapsed qubit is certain");
                }
            }
        }
    }

    @Test
    void probabilitiesAndPauliExpectationsMatchExact() {
        Random rnd = new Random(9);
        for (int n = 1; n <= 8; n++) {
            QuantumState[] s = prepared(n, n, new FastEngine(1));
            try (QuantumState e = s[0]; QuantumState f = s[1]) {
                double[] pe = e.probabilities(), pf = f.probabilities();
                assertArrayEquals(pe, pf, TOL);
                for (int trial = 0; trial < 20; trial++) {
                    long x = rnd.nextLong() & ((1L << n) - 1), z = rnd.nextLong() & ((1L << n) - 1);
                    assertEquals(e.expectationPauli(x, z), f.expectationPauli(x, z), TOL, "x=" + x + " z=" + z);
                }
            }
        }
    }

    @Test
    void sampleSortedAgreesWithExactAndUsesEveryChunk() {
        // n = 16 spans several reduction chunks, so the chunked prefix sums are exercised.
        for (int n : new int[]{1, 3, 6, 16}) {
            QuantumState[] s = prepared(n, 42 + n, new FastEngine(2, FastEngine.FUSION_AUTO, 1));
            try (QuantumState e = s[0]; QuantumState f = s[1]) {
                Random rnd = new Random(n);
                double[] u = new double[2000];
                for (int i = 0; i < u.length; i++) u[i] = rnd.nextDouble();
                u[0] = 0;
                u[1] = Math.nextDown(1.0);
                Arrays.sort(u);
                long[] se = e.sampleSorted(u), sf = f.sampleSorted(u);
                int differ = 0;
                for (int i = 0; i < u.length; i++) if (se[i] != sf[i]) differ++;
                // Amplitudes differ by ~1e-15, so only a uniform within that distance of a boundary may land differently.
                assertTrue(differ <= 1, "samples differ at " + differ + " of " + u.length + " positions");
                for (int i = 0; i < u.length; i++) {
                    double r = f.re(sf[i]), m = f.im(sf[i]);
                    assertTrue(r * r + m * m > 0, "sampled a state of probability zero");
                }
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalReductionsOverManyChunks() {
        int n = 16;
        List<Operation.GateOp> ops = RandomCircuits.circuit(new Random(3), n, 60);
        try (QuantumState a = new FastEngine(1).allocate(n); QuantumState b = new FastEngine(2, FastEngine.FUSION_AUTO, 1).allocate(n)) {
            a.applyAll(ops);
            b.applyAll(ops);
            for (int q = 0; q < n; q += 3) assertEquals(a.probabilityOfOne(q), b.probabilityOfOne(q), 0.0);
            assertEquals(a.expectationPauli(0b1010_0000_0000_0011L, 0b0110_0000_1000_0001L),
                    b.expectationPauli(0b1010_0000_0000_0011L, 0b0110_0000_1000_0001L), 0.0);
            double[] u = new Random(1).doubles(500).sorted().toArray();
            assertArrayEquals(a.sampleSorted(u), b.sampleSorted(u));
            assertArrayEquals(a.probabilities(), b.probabilities(), 0.0);
        }
    }

    @Test
    void copyIsIndependentAndCloseIsIdempotent() {
        QuantumState s = new FastEngine(1).allocate(3);
        s.apply(new Operation.GateOp(Gates.h(), new int[]{1}, null));
        QuantumState c = s.copy();
        s.apply(new Operation.GateOp(Gates.x(), new int[]{0}, null));
        assertEquals(Math.sqrt(0.5), c.re(2), TOL);
        assertEquals(0, c.re(3), 0.0);
        assertEquals(Math.sqrt(0.5), s.re(3), TOL);
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.re(0));
        c.close();
    }

    @Test
    void badArgumentsAreNamed() {
        try (QuantumState s = new FastEngine(1).allocate(3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.apply(new Operation.GateOp(Gates.h(), new int[]{3}, null)));
            assertTrue(e.getMessage().contains("qubit 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.re(8));
            assertThrows(IllegalArgumentException.class, () -> s.probabilityOfOne(-1));
        }
        assertThrows(IllegalArgumentException.class, () -> new FastEngine(0));
    }

    @Test
    void tooLargeStateReportsTheBytesNeeded() {
        StateTooLargeException e = assertThrows(StateTooLargeException.class, () -> new FastEngine(1).allocate(50));
        assertEquals(16L << 50, e.bytesNeeded());
        assertTrue(e.getMessage().contains("16 PiB"), e.getMessage());
        assertTrue(e.getMessage().contains("physical memory"), e.getMessage());
    }
}
