package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.qise.reference.RandomCircuits.Step;

/**
 * The operations of {@link QuantumState} besides gates (measurement probabilities, collapse,
 * flip, Pauli expectations, probabilities, sampling, copy) on random states, for every engine,
 * against the same operations done on the dense reference state.
 */
class QuantumStateContractTest {
    private static final double TOL = 1e-12;

    static List<String> engines() {
        return Engines.names();
    }

    /** A random n-qubit state on the engine, and the same state computed by the reference. */
    private record Pair(QuantumState state, Complex[] reference) {}

    private static Pair randomState(String engine, Random rnd, int n) {
        List<Step> steps = RandomCircuits.randomSteps(rnd, n, 4 * n + 2);
        QuantumState s = Engines.create(engine, 2).allocate(n);
        s.applyAll(RandomCircuits.gatesOf(RandomCircuits.circuitOf(n, steps)));
        return new Pair(s, RandomCircuits.referenceState(n, steps));
    }

    private static double prob(Complex a) {
        return a.abs() * a.abs();
    }

    private static void assertSameState(Complex[] expected, QuantumState s, String what) {
        double diff = RandomCircuits.maxDifference(expected, RandomCircuits.amplitudes(s));
        assertTrue(diff < TOL, what + " differs by " + diff);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void probabilityOfOneAndProbabilitiesSumTheBornRule(String engine) {
        Random rnd = new Random(71);
        for (int n = 1; n <= 6; n++) {
            Pair p = randomState(engine, rnd, n);
            try (QuantumState s = p.state()) {
                double[] all = s.probabilities();
                for (int i = 0; i < all.length; i++) assertEquals(prob(p.reference()[i]), all[i], TOL, engine + ": probability " + i);
                for (int q = 0; q < n; q++) {
                    double expected = 0;
                    for (int i = 0; i < p.reference().length; i++) if ((i >> q & 1) == 1) expected += prob(p.reference()[i]);
                    assertEquals(expected, s.probabilityOfOne(q), TOL, engine + ": P(q" + q + " = 1) on " + n);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void collapseProjectsAndRenormalises(String engine) {
        Random rnd = new Random(72);
        for (int n = 1; n <= 5; n++) {
            for (int q = 0; q < n; q++) {
                for (int outcome = 0; outcome <= 1; outcome++) {
                    Pair p = randomState(engine, rnd, n);
                    try (QuantumState s = p.state()) {
                        double p1 = s.probabilityOfOne(q);
                        double pOutcome = outcome == 1 ? p1 : 1 - p1;
                        if (pOutcome < 1e-6) continue; // nothing sensible to renormalise
                        s.collapse(q, outcome, pOutcome);
                        // reference: (|outcome⟩⟨outcome| on q)·ψ / √P(outcome)
                        FieldMatrix<Complex> projector = Dense.onQubit(n, q, outcome == 1 ? Dense.P1 : Dense.P0);
                        Complex[] projected = Dense.apply(projector, p.reference());
                        double norm = Math.sqrt(Dense.inner(projected, projected).getReal());
                        for (int i = 0; i < projected.length; i++) projected[i] = projected[i].divide(norm);
                        assertSameState(projected, s, engine + ": collapse of q" + q + " to " + outcome + " on " + n);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void flipIsPauliX(String engine) {
        Random rnd = new Random(73);
        for (int n = 1; n <= 5; n++) {
            for (int q = 0; q < n; q++) {
                Pair p = randomState(engine, rnd, n);
                try (QuantumState s = p.state()) {
                    s.flip(q);
                    assertSameState(Dense.apply(Dense.onQubit(n, q, Dense.PAULI_X), p.reference()), s, engine + ": flip q" + q);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void expectationPauliMatchesTheKroneckerProduct(String engine) {
        Random rnd = new Random(74);
        for (int n = 1; n <= 5; n++) {
            Pair p = randomState(engine, rnd, n);
            try (QuantumState s = p.state()) {
                for (long x = 0; x < 1L << n; x++) {
                    for (long z = 0; z < 1L << n; z++) {
                        // x and z bits: X where only x, Z where only z, Y where both
                        Map<Integer, FieldMatrix<Complex>> factors = new HashMap<>();
                        for (int q = 0; q < n; q++) {
                            boolean bx = (x >> q & 1) == 1, bz = (z >> q & 1) == 1;
                            if (bx && bz) factors.put(q, Dense.PAULI_Y);
                            else if (bx) factors.put(q, Dense.PAULI_X);
                            else if (bz) factors.put(q, Dense.PAULI_Z);
                        }
                        Complex expected = Dense.inner(p.reference(), Dense.apply(Dense.onQubits(n, factors), p.reference()));
                        assertEquals(expected.getReal(), s.expectationPauli(x, z), TOL,
                                engine + ": Pauli x=" + Long.toBinaryString(x) + " z=" + Long.toBinaryString(z) + " on " + n);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sampleSortedPicksTheStateWhoseCumulativeIntervalHoldsEachNumber(String engine) {
        Random rnd = new Random(75);
        for (int n = 1; n <= 5; n++) {
            Pair p = randomState(engine, rnd, n);
            try (QuantumState s = p.state()) {
                double[] cumulative = new double[p.reference().length + 1];
                for (int i = 0; i < p.reference().length; i++) cumulative[i + 1] = cumulative[i] + prob(p.reference()[i]);
                double[] u = new double[500];
                for (int k = 0; k < u.length; k++) {
                    double x;
                    do {
                        x = rnd.nextDouble();
                    } while (nearABoundary(x, cumulative)); // rounding may legitimately decide those
                    u[k] = x;
                }
                Arrays.sort(u);
                long[] picked = s.sampleSorted(u);
                assertEquals(u.length, picked.length);
                for (int k = 0; k < u.length; k++) {
                    int expected = 0;
                    while (!(u[k] < cumulative[expected + 1])) expected++;
                    assertEquals(expected, picked[k], engine + ": sample of " + u[k] + " on " + n);
                }
            }
        }
    }

    private static boolean nearABoundary(double x, double[] cumulative) {
        for (double c : cumulative) if (Math.abs(x - c) < 1e-9) return true;
        return false;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void copyIsIndependentOfTheOriginal(String engine) {
        Random rnd = new Random(76);
        Pair p = randomState(engine, rnd, 4);
        try (QuantumState original = p.state(); QuantumState copy = original.copy()) {
            assertSameState(p.reference(), copy, engine + ": fresh copy");
            copy.flip(2);
            copy.collapse(0, 1, copy.probabilityOfOne(0));
            assertSameState(p.reference(), original, engine + ": original after changing the copy");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void amplitudesInBulkAreTheReferenceState(String engine) {
        Random rnd = new Random(73);
        for (int n : new int[]{1, 2, 3, 7}) {
            Pair p = randomState(engine, rnd, n);
            try (QuantumState s = p.state()) {
                double diff = RandomCircuits.maxDifference(p.reference(), RandomCircuits.fromInterleaved(s.amplitudes()));
                assertTrue(diff < TOL, engine + ": " + n + " qubits differ by " + diff);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void amplitudesInBulkCrossTheFastLayoutsGapsInOrder(String engine) {
        // 19 qubits span two of the fast engine's 4 MiB runs; a product state with a known
        // amplitude per index checks that the bulk copy puts every amplitude at its index
        int n = 19;
        try (QuantumState s = Engines.create(engine, 2).allocate(n)) {
            double[] angles = new double[n];
            List<org.qise.circuit.Operation.GateOp> gates = new java.util.ArrayList<>();
            for (int q = 0; q < n; q++) {
                angles[q] = 0.1 + 0.07 * q;
                gates.add(new org.qise.circuit.Operation.GateOp(org.qise.circuit.Gates.ry(angles[q]), new int[]{q}, null));
            }
            s.applyAll(gates);
            double[] v = s.amplitudes();
            assertEquals(2 << n, v.length);
            for (int i = 0; i < 1 << n; i++) {
                // ry(θ)|0⟩ = cos(θ/2)|0⟩ + sin(θ/2)|1⟩ on each qubit: a product of real factors
                double expected = 1;
                for (int q = 0; q < n; q++) expected *= (i >> q & 1) == 1 ? Math.sin(angles[q] / 2) : Math.cos(angles[q] / 2);
                if (Math.abs(expected - v[2 * i]) > TOL || Math.abs(v[2 * i + 1]) > TOL) {
                    throw new AssertionError(engine + ": amplitude " + i + " is (" + v[2 * i] + ", " + v[2 * i + 1] + "), expected " + expected);
                }
            }
        }
    }
}
