package org.qise.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.linear.Array2DRowFieldMatrix;
import org.apache.commons.math3.linear.FieldMatrix;
import org.qise.circuit.Circuit;
import org.qise.circuit.CircuitBuilder;
import org.qise.circuit.Gates;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.Engines;

/**
 * Random test material: circuits of library gates (with their reference matrices built on the
 * side), random unitaries, and the exact engine's state for a circuit.
 */
final class RandomCircuits {
    private RandomCircuits() {}

    /** One library gate application: name, parameters and qubits (controls first). */
    record Step(String name, double[] params, int[] qubits) {
        @Override
        public String toString() {
            return name + Arrays.toString(params) + " " + Arrays.toString(qubits);
        }
    }

    /** Distinct random qubits of n, in random order (so controls land above and below targets). */
    static int[] randomQubits(Random rnd, int n, int count) {
        List<Integer> all = new ArrayList<>();
        for (int q = 0; q < n; q++) all.add(q);
        Collections.shuffle(all, rnd);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = all.get(i);
        return out;
    }

    /** A random angle in [−2π, 2π). */
    static double angle(Random rnd) {
        return (rnd.nextDouble() * 2 - 1) * 2 * Math.PI;
    }

    static double[] angles(Random rnd, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) a[i] = angle(rnd);
        return a;
    }

    /** A random sequence of library gates (every gate that fits in n qubits can appear). */
    static List<Step> randomSteps(Random rnd, int n, int length) {
        List<Gates.Definition> fitting = Gates.library().values().stream().filter(d -> d.qubits() <= n).toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            Gates.Definition d = fitting.get(rnd.nextInt(fitting.size()));
            steps.add(new Step(d.name(), angles(rnd, d.params()), randomQubits(rnd, n, d.qubits())));
        }
        return steps;
    }

    static Circuit circuitOf(int n, List<Step> steps) {
        CircuitBuilder b = Circuit.builder(n);
        for (Step s : steps) b.gate(Gates.lookup(s.name()).orElseThrow().create(s.params()), s.qubits());
        return b.build();
    }

    /** The reference unitary of a step sequence: the product of the textbook matrices, last step leftmost. */
    static FieldMatrix<Complex> referenceUnitary(int n, List<Step> steps) {
        FieldMatrix<Complex> u = Dense.identity(1 << n);
        for (Step s : steps) u = ReferenceGates.full(n, s.name(), s.params(), s.qubits()).multiply(u);
        return u;
    }

    /** The reference state of a step sequence: each textbook matrix applied in turn to |0…0⟩. */
    static Complex[] referenceState(int n, List<Step> steps) {
        Complex[] psi = new Complex[1 << n];
        Arrays.fill(psi, Complex.ZERO);
        psi[0] = Complex.ONE;
        for (Step s : steps) psi = Dense.apply(ReferenceGates.full(n, s.name(), s.params(), s.qubits()), psi);
        return psi;
    }

    /**
     * A Haar-like random unitary: the Q of a QR decomposition (modified Gram–Schmidt on the
     * columns) of a matrix of complex Gaussian entries.
     */
    static FieldMatrix<Complex> randomUnitary(Random rnd, int dim) {
        Complex[][] cols = new Complex[dim][dim]; // cols[c][r]
        for (int c = 0; c < dim; c++) {
            for (int r = 0; r < dim; r++) cols[c][r] = new Complex(rnd.nextGaussian(), rnd.nextGaussian());
        }
        for (int c = 0; c < dim; c++) {
            for (int prev = 0; prev < c; prev++) {
                Complex proj = Dense.inner(cols[prev], cols[c]);
                for (int r = 0; r < dim; r++) cols[c][r] = cols[c][r].subtract(cols[prev][r].multiply(proj));
            }
            double norm = Math.sqrt(Dense.inner(cols[c], cols[c]).getReal());
            for (int r = 0; r < dim; r++) cols[c][r] = cols[c][r].divide(norm);
        }
        Complex[][] rows = new Complex[dim][dim];
        for (int r = 0; r < dim; r++) for (int c = 0; c < dim; c++) rows[r][c] = cols[c][r];
        return new Array2DRowFieldMatrix<>(rows, false);
    }

    /** The same matrix as QISE's {@link Matrix} (row-major real and imaginary parts). */
    static Matrix toQise(FieldMatrix<Complex> m) {
        int dim = m.getRowDimension();
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                re[r * dim + c] = m.getEntry(r, c).getReal();
                im[r * dim + c] = m.getEntry(r, c).getImaginary();
            }
        }
        return Matrix.of(dim, re, im);
    }

    /**
     * A k-qubit matrix W placed on the listed qubits of n (bit j of W's index is qubits[j]):
     * Σ_{r,c} W_rc · ⊗_j |r_j⟩⟨c_j| on qubit qubits[j], identity on the rest.
     */
    static FieldMatrix<Complex> embedReference(int n, FieldMatrix<Complex> w, int... qubits) {
        int dim = w.getRowDimension();
        FieldMatrix<Complex> out = new Array2DRowFieldMatrix<>(Dense.FIELD, 1 << n, 1 << n);
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                Complex coefficient = w.getEntry(r, c);
                if (coefficient.abs() == 0) continue;
                java.util.Map<Integer, FieldMatrix<Complex>> factors = new java.util.HashMap<>();
                for (int j = 0; j < qubits.length; j++) factors.put(qubits[j], Dense.ketBra(r >> j & 1, c >> j & 1));
                out = out.add(Dense.onQubits(n, factors).scalarMultiply(coefficient));
            }
        }
        return out;
    }

    /** Runs the circuit's gates on a fresh exact-engine state and returns the amplitudes. */
    static Complex[] exactState(Circuit circuit) {
        return state("exact", circuit);
    }

    /**
     * Runs the circuit's gates on a fresh state of the named engine (two threads, so threaded
     * engines split their work) one gate at a time, and returns the amplitudes.
     */
    static Complex[] state(String engine, Circuit circuit) {
        try (QuantumState s = Engines.create(engine, 2).allocate(circuit.numQubits())) {
            for (Operation.GateOp g : gatesOf(circuit)) s.apply(g);
            return amplitudes(s);
        }
    }

    /** As {@link #state}, but hands the engine all gates at once (engines may fuse them). */
    static Complex[] stateApplyingAll(String engine, Circuit circuit) {
        try (QuantumState s = Engines.create(engine, 2).allocate(circuit.numQubits())) {
            s.applyAll(gatesOf(circuit));
            return amplitudes(s);
        }
    }

    static List<Operation.GateOp> gatesOf(Circuit circuit) {
        List<Operation.GateOp> gates = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            if (op instanceof Operation.GateOp g) gates.add(g);
            else throw new IllegalArgumentException("only gates expected, got " + op);
        }
        return gates;
    }

    static Complex[] amplitudes(QuantumState s) {
        Complex[] v = new Complex[1 << s.numQubits()];
        for (int i = 0; i < v.length; i++) v[i] = new Complex(s.re(i), s.im(i));
        return v;
    }

    /** Interleaved (re, im) pairs as complex numbers. */
    static Complex[] fromInterleaved(double[] v) {
        Complex[] out = new Complex[v.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = new Complex(v[2 * i], v[2 * i + 1]);
        return out;
    }

    /** Largest |a_i − b_i|. */
    static double maxDifference(Complex[] a, Complex[] b) {
        if (a.length != b.length) throw new AssertionError("lengths " + a.length + " and " + b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, a[i].subtract(b[i]).abs());
        return worst;
    }
}
