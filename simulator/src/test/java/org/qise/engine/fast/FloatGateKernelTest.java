package org.qise.engine.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexField;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.ArrayFieldVector;
import org.apache.commons.math3.linear.FieldMatrix;
import org.apache.commons.math3.linear.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qise.circuit.Gate;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.Engine;
import org.qise.engine.Plan;
import org.qise.engine.Precision;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;

/**
 * The float kernel for one-target gates ({@link FloatGateKernel}) against a dense reference:
 * the gate's full 2^n × 2^n operator built from Kronecker products with Commons Math
 * (I − P + P·U, P the projector onto the controls being 1), applied to a random state, for
 * every target position (inside a vector and above it) and every arrangement of one and two
 * controls. Then whole single-precision runs of lone gates on 21 qubits (layout gaps included)
 * against the exact engine, and on one thread against two.
 */
class FloatGateKernelTest {
    /** Qubits of the dense tests: every lane qubit of a float vector and three above. */
    static final int N = FloatGateKernel.LOW_QUBITS + 3;

    static Stream<Arguments> arrangements() {
        List<Arguments> out = new ArrayList<>();
        Gate[] one = {Gates.h(), Gates.x(), Gates.rz(0.7), Gates.p(1.3), Gates.u3(0.3, 1.1, -0.6), Gates.sx(), Gates.y()};
        Gate[] oneControl = {Gates.cx(), Gates.cz(), Gates.cp(0.9), Gates.cu3(0.4, -0.8, 2.1)};
        Gate[] twoControls = {Gates.ccx(), Gates.ry(1.1).controlled(2), Gates.p(0.4).controlled(2)};
        for (int t = 0; t < N; t++) {
            for (Gate g : one) out.add(Arguments.of(g.name(), g, new int[]{t}));
            for (int c = 0; c < N; c++) {
                if (c == t) continue;
                for (Gate g : oneControl) out.add(Arguments.of(g.name(), g, new int[]{c, t}));
                for (int c2 = c + 1; c2 < N; c2++) {
                    if (c2 == t) continue;
                    for (Gate g : twoControls) out.add(Arguments.of("cc-" + g.name(), g, new int[]{c, c2, t}));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("arrangements")
    void aGateOnTheFloatStateMatchesTheDenseOperator(String name, Gate gate, int[] qubits) {
        assertTrue(FloatGateKernel.AMPS >= 2, "float vectors of at least two amplitudes on this machine");
        Operation.GateOp op = new Operation.GateOp(gate, qubits, null);
        Random rnd = new Random(Arrays.hashCode(qubits) * 31L + name.hashCode());
        int dim = 1 << N;
        float[] re = new float[dim], im = new float[dim];
        for (int i = 0; i < dim; i++) {
            re[i] = (float) rnd.nextGaussian();
            im[i] = (float) rnd.nextGaussian();
        }
        AmplitudeMemory memory = FloatState.allocateMemory(N);
        try {
            for (int i = 0; i < dim; i++) {
                memory.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N), re[i]);
                memory.segment.set(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N) + 4, im[i]);
            }
            FloatGateKernel k = FloatGateKernel.of(op, N);
            k.run(memory.segment, 0, k.units());

            Complex[] psi = new Complex[dim];
            for (int i = 0; i < dim; i++) psi[i] = new Complex(re[i], im[i]);
            FieldVector<Complex> want = operator(gate, qubits).operate(new ArrayFieldVector<>(psi));
            for (int i = 0; i < dim; i++) {
                float gotRe = memory.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N));
                float gotIm = memory.segment.get(FloatLayout.FLOAT, FloatLayout.amplitudeOffset(i, N) + 4);
                assertEquals(want.getEntry(i).getReal(), gotRe, 2e-6, "re of amplitude " + i);
                assertEquals(want.getEntry(i).getImaginary(), gotIm, 2e-6, "im of amplitude " + i);
            }
        } finally {
            memory.close();
        }
    }

    /** I − P + P·U on N qubits: P projects the controls onto 1, U is the target matrix on the last qubit listed. */
    private static FieldMatrix<Complex> operator(Gate gate, int[] qubits) {
        Matrix m = gate.targetMatrix();
        Complex[][] u = {{new Complex(m.re(0, 0), m.im(0, 0)), new Complex(m.re(0, 1), m.im(0, 1))},
                {new Complex(m.re(1, 0), m.im(1, 0)), new Complex(m.re(1, 1), m.im(1, 1))}};
        Complex[][] id = {{Complex.ONE, Complex.ZERO}, {Complex.ZERO, Complex.ONE}};
        Complex[][] one = {{Complex.ZERO, Complex.ZERO}, {Complex.ZERO, Complex.ONE}};
        int target = qubits[qubits.length - 1];
        Complex[][][] projector = new Complex[N][][], applied = new Complex[N][][];
        for (int q = 0; q < N; q++) {
            boolean control = false;
            for (int i = 0; i < qubits.length - 1; i++) control |= qubits[i] == q;
            projector[q] = control ? one : id;
            applied[q] = control ? one : q == target ? u : id;
        }
        FieldMatrix<Complex> p = kron(projector), pu = kron(applied);
        FieldMatrix<Complex> identity = new Array2DRowFieldMatrix<>(ComplexField.getInstance(), 1 << N, 1 << N);
        for (int i = 0; i < 1 << N; i++) identity.setEntry(i, i, Complex.ONE);
        return identity.subtract(p).add(pu);
    }

    /** factors[N−1] ⊗ … ⊗ factors[0]: qubit 0 is the least significant bit. */
    private static FieldMatrix<Complex> kron(Complex[][][] factors) {
        FieldMatrix<Complex> acc = new Array2DRowFieldMatrix<>(new Complex[][]{{Complex.ONE}});
        for (int q = N - 1; q >= 0; q--) {
            int a = acc.getRowDimension();
            FieldMatrix<Complex> next = new Array2DRowFieldMatrix<>(ComplexField.getInstance(), 2 * a, 2 * a);
            for (int i = 0; i < a; i++)
                for (int j = 0; j < a; j++)
                    for (int x = 0; x < 2; x++)
                        for (int y = 0; y < 2; y++)
                            next.setEntry(2 * i + x, 2 * j + y, acc.getEntry(i, j).multiply(factors[q][x][y]));
            acc = next;
        }
        return acc;
    }

    /** Gates whose runs are strided (the target or a control is the lowest vector bit) or consecutive, on 10 qubits. */
    static Stream<Arguments> runShapes() {
        int v = FloatGateKernel.LOW_QUBITS; // the lowest qubit above the float vector
        return Stream.of(
                Arguments.of("cx", Gates.cx(), new int[]{v - 1, v}),
                Arguments.of("cx", Gates.cx(), new int[]{v, v + 1}),
                Arguments.of("cx", Gates.cx(), new int[]{0, 9}),
                Arguments.of("cp", Gates.cp(0.8), new int[]{v, 9}),
                Arguments.of("rz", Gates.rz(0.6), new int[]{v}),
                Arguments.of("u3", Gates.u3(0.3, 1.1, -0.6), new int[]{v}),
                Arguments.of("u3", Gates.u3(0.3, 1.1, -0.6), new int[]{v + 2}),
                Arguments.of("cry", Gates.cry(1.2), new int[]{v + 1, 1}),
                Arguments.of("ccx", Gates.ccx(), new int[]{v, v + 2, v + 1}));
    }

    /** The kernel's loops walk runs of units with one stepping offset: ranges cut anywhere (as thread shares are) must give the bits of one call. */
    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("runShapes")
    void rangesCutInsideRunsGiveTheBitsOfOneCall(String name, Gate gate, int[] qubits) {
        int n = 10;
        Operation.GateOp op = new Operation.GateOp(gate, qubits, null);
        FloatGateKernel k = FloatGateKernel.of(op, n);
        Random rnd = new Random(7);
        AmplitudeMemory whole = FloatState.allocateMemory(n), cut = FloatState.allocateMemory(n);
        try {
            for (long i = 0; i < 2L << n; i++) {
                float x = (float) rnd.nextGaussian();
                whole.segment.setAtIndex(FloatLayout.FLOAT, i, x);
                cut.segment.setAtIndex(FloatLayout.FLOAT, i, x);
            }
            k.run(whole.segment, 0, k.units());
            for (long from = 0; from < k.units(); ) {
                long to = Math.min(k.units(), from + 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 200));
                k.run(cut.segment, from, to);
                from = to;
            }
            assertEquals(-1L, whole.segment.asSlice(0, 8L << n).mismatch(cut.segment.asSlice(0, 8L << n)));
        } finally {
            whole.close();
            cut.close();
        }
    }

    /** Lone gates on n qubits: each a plan of one step, run by the float kernel (across the layout's gaps from 21 qubits). */
    static List<Operation.GateOp> loneGates(int n) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (int q = 0; q < n; q++) gates.add(new Operation.GateOp(Gates.u3(0.3 + 0.1 * q, 0.2 * q, -0.5), new int[]{q}, null));
        // {3, 4} and {7, 3}: short runs, walked in blocks of whole runs, many blocks a span.
        int[][] pairs = {{0, 1}, {1, 0}, {2, 19}, {19, 2}, {5, 12}, {12, 5}, {18, 19}, {19, 0}, {3, 4}, {7, 3}};
        for (int[] p : pairs) {
            gates.add(new Operation.GateOp(Gates.cx(), p, null));
            gates.add(new Operation.GateOp(Gates.cp(0.7 + p[0]), p, null));
            gates.add(new Operation.GateOp(Gates.cry(1.3 - 0.1 * p[1]), p, null));
            gates.add(new Operation.GateOp(Gates.h(), new int[]{p[1]}, null));
            gates.add(new Operation.GateOp(Gates.cz(), p, null));
        }
        gates.add(new Operation.GateOp(Gates.ccx(), new int[]{1, 17, 2}, null));
        gates.add(new Operation.GateOp(Gates.rz(0.9), new int[]{19}, null));
        return gates;
    }

    @Test
    void loneGatesOnTwentyOneQubitsAgreeWithTheExactEngine() {
        int n = 21; // the smallest single-precision state with layout gaps
        try (Engine single = new FastEngine(2, Precision.SINGLE); ExactEngine exact = new ExactEngine();
             QuantumState s = single.allocate(n); QuantumState r = exact.allocate(n)) {
            for (Operation.GateOp g : loneGates(n)) {
                Plan plan = single.compile(n, List.of(g));
                assertTrue(plan.steps().get(0).blocks().get(0).contains("FloatGateKernel"), plan.steps().toString());
                s.run(plan);
                r.apply(g);
            }
            double[] a = s.amplitudes(), b = r.amplitudes();
            double dotRe = 0, dotIm = 0, na = 0;
            for (int i = 0; i < a.length; i += 2) {
                dotRe += a[i] * b[i] + a[i + 1] * b[i + 1];
                dotIm += a[i] * b[i + 1] - a[i + 1] * b[i];
                na += a[i] * a[i] + a[i + 1] * a[i + 1];
            }
            double fidelity = (dotRe * dotRe + dotIm * dotIm) / na;
            assertTrue(1 - fidelity < 1e-6, "1 - F = " + (1 - fidelity));
        }
    }

    @Test
    void loneGatesGiveTheSameBitsOnOneAndTwoThreads() {
        int n = 21;
        double[][] amps = new double[2][];
        for (int t = 1; t <= 2; t++) {
            // A parallel threshold of one vector: every pass is split over the threads.
            try (Engine e = new FastEngine(t, FastEngine.FUSION_AUTO, 1, Precision.SINGLE); QuantumState s = e.allocate(n)) {
                for (Operation.GateOp g : loneGates(n)) s.apply(g);
                amps[t - 1] = s.amplitudes();
            }
        }
        assertArrayEquals(amps[0], amps[1]);
    }
}
