package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Operation;
import org.qise.engine.Plan;
import org.qise.engine.QuantumState;

/**
 * Rotations with a real diagonal and an imaginary off-diagonal (rx) on a high qubit run on the
 * half-cost kernel ({@link SingleQubitKernels.HighRx}). Random circuits that mix them with rz,
 * ry, u3, cz, cp and cx, on qubits inside a vector too, against the gates applied by definition
 * with Commons Math complex arithmetic, and the same bits on 1, 2 and 3 threads.
 */
class HalfRotationTest {
    private static final double TOL = 1e-12;

    @ParameterizedTest(name = "{0} qubits, {1} gates, seed {2}")
    @CsvSource({"6, 80, 1", "10, 200, 2", "12, 300, 3", "13, 300, 4"})
    void randomCircuitsWithRxAgreeWithTheDefinitionAndGiveTheSameBitsOnAnyThreads(int n, int gates, long seed) {
        List<Operation.GateOp> ops = circuit(new Random(seed), n, gates);
        Complex[] psi = new Complex[1 << n];
        java.util.Arrays.fill(psi, Complex.ZERO);
        psi[0] = Complex.ONE;
        for (Operation.GateOp o : ops) psi = RunKernelTest.apply(psi, o.gate().matrix(), o.qubits());

        double[][] out = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (FastEngine e = new FastEngine(t); QuantumState s = e.allocate(n)) {
                Plan p = e.compile(n, ops);
                assertTrue(p.explain().contains("HighRx"), p.explain());
                s.run(p);
                out[t - 1] = s.amplitudes();
            }
        }
        for (int i = 0; i < psi.length; i++) {
            assertEquals(psi[i].getReal(), out[0][2 * i], TOL, "re " + i);
            assertEquals(psi[i].getImaginary(), out[0][2 * i + 1], TOL, "im " + i);
        }
        for (int t = 1; t < 3; t++) {
            for (int i = 0; i < out[0].length; i++) {
                assertEquals(Double.doubleToRawLongBits(out[0][i]), Double.doubleToRawLongBits(out[t][i]), (t + 1) + " threads, double " + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theCostModelPricesRxAtHalfARotationInDoubleOnlyAndOnlyAboveTheLanes() {
        double rx = BlockCost.of(single(Gates.rx(0.4), 5)), u3 = BlockCost.of(single(Gates.u3(0.4, 0.1, 0.2), 5));
        assertTrue(rx < 0.7 * u3, rx + " against " + u3);
        assertEquals(u3, BlockCost.ofFloat(single(Gates.rx(0.4), 5)), "single precision: the float kernels have no half rotation");
        double rx0 = BlockCost.of(single(Gates.rx(0.4), 0)), u30 = BlockCost.of(single(Gates.u3(0.4, 0.1, 0.2), 0));
        // Qubit 0 lies in the lanes unless a vector holds one amplitude (128-bit vectors).
        if (Lanes.LOW_QUBITS > 0) assertEquals(u30, rx0, "a lane qubit");
        else assertTrue(rx0 < 0.7 * u30, "qubit 0 above the lanes of one-amplitude vectors: " + rx0 + " against " + u30);
    }

    private static Fuser.Single single(Gate g, int q) {
        return new Fuser.Single(new Operation.GateOp(g, new int[]{q}, null));
    }

    /** Layers of rx on random qubits (often alone between two-qubit gates), mixed with the other gates. */
    private static List<Operation.GateOp> circuit(Random rnd, int n, int gates) {
        List<Operation.GateOp> ops = new ArrayList<>();
        while (ops.size() < gates) {
            int a = rnd.nextInt(n), b = (a + 1 + rnd.nextInt(n - 1)) % n;
            double th = (rnd.nextDouble() * 2 - 1) * Math.PI;
            Gate g;
            int[] q;
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> { g = Gates.rx(th); q = new int[]{a}; }
                case 3 -> { g = Gates.rz(th); q = new int[]{a}; }
                case 4 -> { g = Gates.ry(th); q = new int[]{a}; }
                case 5 -> { g = Gates.u3(th, 0.3 * th, -0.7); q = new int[]{a}; }
                case 6 -> { g = rnd.nextBoolean() ? Gates.cz() : Gates.cp(th); q = new int[]{a, b}; }
                default -> { g = Gates.cx(); q = new int[]{a, b}; }
            }
            ops.add(new Operation.GateOp(g, q, null));
        }
        return ops;
    }
}
