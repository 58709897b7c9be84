package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/**
 * The fast engine against the exact reference engine on random circuits over every gate kind and
 * every qubit position (the low qubits inside a vector included), with and without fusion, on one
 * and two threads; and one thread against two, bit for bit.
 */
class FastEngineAgreementTest {
    private static final double TOL = 1e-12;
    /** Two threads that split even tiny states, so the parallel path is exercised. */
    private static final long SPLIT_ALWAYS = 1;

    private static final Engine EXACT = new ExactEngine();

    private static void assertClose(QuantumState expected, QuantumState actual, String what) {
        long size = 1L << expected.numQubits();
        for (long i = 0; i < size; i++) {
            double dr = Math.abs(expected.re(i) - actual.re(i)), di = Math.abs(expected.im(i) - actual.im(i));
            if (dr > TOL || di > TOL) {
                throw new AssertionError(what + ": amplitude " + i + " is " + actual.re(i) + "+" + actual.im(i)
                        + "i, expected " + expected.re(i) + "+" + expected.im(i) + "i");
            }
        }
    }

    private static void assertIdentical(QuantumState a, QuantumState b, String what) {
        long size = 1L << a.numQubits();
        for (long i = 0; i < size; i++) {
            if (a.re(i) != b.re(i) || a.im(i) != b.im(i)) {
                throw new AssertionError(what + ": amplitude " + i + " differs: " + a.re(i) + "+" + a.im(i) + "i vs " + b.re(i) + "+" + b.im(i) + "i");
            }
        }
    }

    @Test
    void everySingleGateAtEveryPositionMatchesExact() {
        Random rnd = new Random(11);
        for (int n = 1; n <= 6; n++) {
            for (Gates.Definition d : Gates.library().values()) {
                if (d.qubits() > n) continue;
                for (int trial = 0; trial < 4; trial++) {
                    double[] params = new double[d.params()];
                    for (int i = 0; i < params.length; i++) params[i] = rnd.nextDouble() * 6 - 3;
                    Gate g = d.create(params);
                    // A random starting state, so every amplitude matters.
                    List<Operation.GateOp> prep = RandomCircuits.circuit(rnd, n, 3 * n);
                    Operation.GateOp op = new Operation.GateOp(g, RandomCircuits.distinctQubits(rnd, n, g.qubits()), null);
                    try (QuantumState exact = EXACT.allocate(n); QuantumState fast = new FastEngine(1, FastEngine.FUSION_OFF).allocate(n)) {
                        for (Operation.GateOp p : prep) {
                            exact.apply(p);
                            fast.apply(p);
                        }
                        exact.apply(op);
                        fast.apply(op);
                        assertClose(exact, fast, "n=" + n + " " + op);
                    }
                }
            }
        }
    }

    @Test
    void randomCircuitsMatchExactWithAndWithoutFusionOnOneAndTwoThreads() {
        Random rnd = new Random(2024);
        Engine[] engines = {
            new FastEngine(1, FastEngine.FUSION_OFF),
            new FastEngine(2, FastEngine.FUSION_OFF, SPLIT_ALWAYS),
            new FastEngine(1, FastEngine.FUSION_AUTO),
            new FastEngine(2, 2, SPLIT_ALWAYS),
            new FastEngine(2, 3, SPLIT_ALWAYS),
            new FastEngine(1, 4),
            new FastEngine(2, 5, SPLIT_ALWAYS),
        };
        for (int n = 1; n <= 11; n++) {
            for (int trial = 0; trial < 3; trial++) {
                List<Operation.GateOp> ops = RandomCircuits.circuit(rnd, n, 8 * n + 10);
                try (QuantumState exact = EXACT.allocate(n)) {
                    exact.applyAll(ops);
                    for (Engine e : engines) {
                        FastEngine fe = (FastEngine) e;
                        try (QuantumState fast = e.allocate(n)) {
                            fast.applyAll(ops);
                            assertClose(exact, fast, "n=" + n + " trial " + trial + " threads=" + e.threads() + " fusion=" + fe.fusionQubits());
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneThreadAndTwoThreadsGiveIdenticalBits() {
        Random rnd = new Random(77);
        for (int n : new int[]{3, 7, 10, 12}) {
            for (int fusion : new int[]{FastEngine.FUSION_OFF, 3, 5}) {
                List<Operation.GateOp> ops = RandomCircuits.circuit(rnd, n, 6 * n);
                try (QuantumState one = new FastEngine(1, fusion).allocate(n);
                     QuantumState two = new FastEngine(2, fusion, SPLIT_ALWAYS).allocate(n)) {
                    one.applyAll(ops);
                    two.applyAll(ops);
                    assertIdentical(one, two, "n=" + n + " fusion=" + fusion);
                    for (int q = 0; q < n; q++) assertEquals(one.probabilityOfOne(q), two.probabilityOfOne(q), 0.0);
                    assertEquals(one.expectationPauli(0b101 & ((1L << n) - 1), 0b11 & ((1L << n) - 1)),
                            two.expectationPauli(0b101 & ((1L << n) - 1), 0b11 & ((1L << n) - 1)), 0.0);
                }
            }
        }
    }

    @Test
    void multiControlledAndWideUnitariesAtLowQubits() {
        Random rnd = new Random(5);
        for (int n = 3; n <= 7; n++) {
            for (int trial = 0; trial < 20; trial++) {
                int k = 1 + rnd.nextInt(Math.min(3, n - 1));
                int controls = 1 + rnd.nextInt(Math.min(3, n - k));
                Gate g = Gates.unitary(RandomCircuits.randomUnitary(rnd, 1 << k)).controlled(controls);
                int[] qubits = RandomCircuits.distinctQubits(rnd, n, g.qubits());
                List<Operation.GateOp> ops = new java.util.ArrayList<>(RandomCircuits.circuit(rnd, n, 2 * n));
                ops.add(new Operation.GateOp(g, qubits, null));
                try (QuantumState exact = EXACT.allocate(n); QuantumState fast = new FastEngine(1, FastEngine.FUSION_OFF).allocate(n);
                     QuantumState fused = new FastEngine(1, 5).allocate(n)) {
                    exact.applyAll(ops);
                    fast.applyAll(ops);
                    fused.applyAll(ops);
                    assertClose(exact, fast, "n=" + n + " " + g + " on " + java.util.Arrays.toString(qubits));
                    assertClose(exact, fused, "fused n=" + n + " " + g);
                }
            }
        }
    }

    @Test
    void stagedRunsOfMostlyLowQubitGatesMatchExact() {
        // The smallest staged size above the whole-state ones: most gates fit the in-place chunks
        // of the low qubits, the others make stages that gather chunks from all over the state.
        int n = StageRunner.WHOLE_STATE_QUBITS + 1;
        Random rnd = new Random(99);
        List<Operation.GateOp> ops = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Gate g = RandomCircuits.randomGate(rnd, 6);
            int span = rnd.nextInt(5) == 0 ? n : StageRunner.CHUNK_QUBITS; // mostly low qubits, some high
            if (g.qubits() > span) continue;
            ops.add(new Operation.GateOp(g, RandomCircuits.distinctQubits(rnd, span, g.qubits()), null));
        }
        try (QuantumState exact = EXACT.allocate(n); QuantumState one = new FastEngine(1).allocate(n);
             QuantumState two = new FastEngine(2, FastEngine.FUSION_AUTO, SPLIT_ALWAYS).allocate(n)) {
            for (int q = 0; q < n; q++) {
                Operation.GateOp h = new Operation.GateOp(Gates.h(), new int[]{q}, null);
                exact.apply(h);
                one.apply(h);
                two.apply(h);
            }
            exact.applyAll(ops);
            one.applyAll(ops);
            two.applyAll(ops);
            assertClose(exact, one, "staged, one thread");
            assertIdentical(one, two, "staged, one vs two threads");
        }
    }

    @Test
    void statesLargerThanOneLayoutSegmentMatchExactAcrossTheGaps() {
        // 20 qubits = 2^18 vectors: the layout leaves a gap after every 2^16 vectors, so gates on
        // qubits 18 and 19 pair amplitudes across gaps; every read-out must step over them too.
        int n = 20;
        assertEquals(16, Lanes.PAD_SHIFT + Lanes.LOW_QUBITS - 2, "test assumes gaps every 2^18 amplitudes");
        Random rnd = new Random(4242);
        List<Operation.GateOp> ops = new java.util.ArrayList<>();
        for (int q = 0; q < n; q++) ops.add(new Operation.GateOp(Gates.h(), new int[]{q}, null));
        for (int i = 0; i < 40; i++) {
            Gate g = RandomCircuits.randomGate(rnd, 3);
            int[] qubits = RandomCircuits.distinctQubits(rnd, n, g.qubits());
            if (i % 3 == 0) qubits[0] = n - 1 - (i % 2); // make sure the top qubits are hit
            if (java.util.Arrays.stream(qubits).distinct().count() < qubits.length) continue;
            ops.add(new Operation.GateOp(g, qubits, null));
        }
        try (QuantumState exact = EXACT.allocate(n); QuantumState one = new FastEngine(1, FastEngine.FUSION_OFF).allocate(n);
             QuantumState fused = new FastEngine(2).allocate(n)) {
            exact.applyAll(ops);
            one.applyAll(ops);
            fused.applyAll(ops);
            assertClose(exact, one, "across gaps, gate by gate");
            assertClose(exact, fused, "across gaps, fused on two threads");
            double[] pe = exact.probabilities(), pf = fused.probabilities();
            for (int i = 0; i < pe.length; i++) assertEquals(pe[i], pf[i], 1e-12, "probability " + i);
            for (int q : new int[]{0, 1, 17, 18, 19}) assertEquals(exact.probabilityOfOne(q), fused.probabilityOfOne(q), 1e-12, "P(q" + q + "=1)");
            long x = 1L << 19 | 1L << 2, z = 1L << 18 | 1;
            assertEquals(exact.expectationPauli(x, z), fused.expectationPauli(x, z), 1e-12);
            double[] u = {0.1, 0.35, 0.5, 0.75, 0.999};
            long[] se = exact.sampleSorted(u), sf = fused.sampleSorted(u);
            for (int k = 0; k < u.length; k++) {
                // Same bucket, or a neighbour when a uniform sits on a rounding boundary.
                assertEquals(se[k], sf[k], 1, "sample " + k);
            }
        }
    }
}
