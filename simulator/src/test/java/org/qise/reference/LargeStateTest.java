package org.qise.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.FieldMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Circuit;
import org.qise.engine.Engines;
import org.qise.engine.QuantumState;
import org.qise.reference.RandomCircuits.Step;
import org.qise.sim.Simulator;

/**
 * Circuits too large for dense 2^n matrices (n = 10 … 16, where engines start to split work
 * over threads and vector lanes), against a plain state-vector reference: each gate's textbook
 * matrix on its own k qubits ({@link ReferenceGates}, so 2^k × 2^k) applied to the amplitudes
 * by index arithmetic written here. Also: results do not depend on the thread count, bit for bit.
 */
class LargeStateTest {
    private static final double TOL = 1e-12;

    static List<String> engines() {
        return Engines.names();
    }

    /** State vector as separate real and imaginary parts, starting in |0…0⟩. */
    private static final class ReferenceVector {
        final int n;
        double[] re, im;

        ReferenceVector(int n) {
            this.n = n;
            re = new double[1 << n];
            im = new double[1 << n];
            re[0] = 1;
        }

        /** Applies the gate's local matrix: bit j of its index is the state of qubits[j]. */
        void apply(Step s) {
            int k = s.qubits().length;
            int[] local = new int[k];
            for (int j = 0; j < k; j++) local[j] = j;
            FieldMatrix<Complex> m = ReferenceGates.full(k, s.name(), s.params(), local);
            int dim = 1 << k;
            double[] nre = new double[re.length], nim = new double[im.length];
            for (int i = 0; i < re.length; i++) {
                if (re[i] == 0 && im[i] == 0) continue;
                int column = 0, rest = i;
                for (int j = 0; j < k; j++) {
                    int bit = i >> s.qubits()[j] & 1;
                    column |= bit << j;
                    rest &= ~(1 << s.qubits()[j]);
                }
                for (int row = 0; row < dim; row++) {
                    Complex a = m.getEntry(row, column);
                    if (a.getReal() == 0 && a.getImaginary() == 0) continue;
                    int target = rest;
                    for (int j = 0; j < k; j++) target |= (row >> j & 1) << s.qubits()[j];
                    nre[target] += a.getReal() * re[i] - a.getImaginary() * im[i];
                    nim[target] += a.getReal() * im[i] + a.getImaginary() * re[i];
                }
            }
            re = nre;
            im = nim;
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void largeRandomCircuitsMatchTheStateVectorReference(String engine) {
        Random rnd = new Random(81);
        for (int n : new int[]{10, 13, 16}) {
            List<Step> steps = RandomCircuits.randomSteps(rnd, n, 3 * n);
            ReferenceVector ref = new ReferenceVector(n);
            for (Step s : steps) ref.apply(s);
            Circuit circuit = RandomCircuits.circuitOf(n, steps);
            for (int threads : new int[]{1, 2}) {
                try (QuantumState s = Engines.create(engine, threads).allocate(n)) {
                    s.applyAll(RandomCircuits.gatesOf(circuit));
                    double worst = 0;
                    for (int i = 0; i < 1 << n; i++) {
                        worst = Math.max(worst, Math.hypot(s.re(i) - ref.re[i], s.im(i) - ref.im[i]));
                    }
                    assertTrue(worst < TOL, engine + " with " + threads + " thread(s), n=" + n + ": differs by " + worst);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void resultsDoNotDependOnTheThreadCountBitForBit(String engine) {
        Random rnd = new Random(82);
        int n = 16;
        Circuit circuit = RandomCircuits.circuitOf(n, RandomCircuits.randomSteps(rnd, n, 60));
        double[] single = amplitudes(engine, 1, circuit);
        for (int threads : new int[]{2, 3, 4}) {
            double[] many = amplitudes(engine, threads, circuit);
            for (int i = 0; i < single.length; i++) {
                assertEquals(single[i], many[i], 0.0, engine + ": entry " + i + " with " + threads + " threads");
            }
        }
        Circuit measured = circuit.toBuilder().creg("c", n).measureAll().build();
        var one = Simulator.builder().engine(engine).threads(1).shots(5000).seed(8).build().run(measured).counts();
        var four = Simulator.builder().engine(engine).threads(4).shots(5000).seed(8).build().run(measured).counts();
        assertEquals(one, four, engine + ": counts with 1 and 4 threads");
    }

    private static double[] amplitudes(String engine, int threads, Circuit circuit) {
        try (QuantumState s = Engines.create(engine, threads).allocate(circuit.numQubits())) {
            s.applyAll(RandomCircuits.gatesOf(circuit));
            double[] v = new double[2 << circuit.numQubits()];
            for (int i = 0; i < 1 << circuit.numQubits(); i++) {
                v[2 * i] = s.re(i);
                v[2 * i + 1] = s.im(i);
            }
            return v;
        }
    }
}
