package org.qise.strange;

import java.util.List;
import org.qise.circuit.Circuit;
import org.qise.circuit.Matrix;
import org.qise.circuit.Operation;
import org.qise.engine.QuantumState;
import org.qise.engine.exact.ExactEngine;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/** Runs programs and circuits three ways and compares state vectors. */
final class StrangeTestSupport {
    private StrangeTestSupport() {}

    /** Final state of a circuit without measurements on the exact engine, interleaved (re, im). */
    static double[] exactState(Circuit c) {
        try (QuantumState s = new ExactEngine().allocate(c.numQubits())) {
            for (Operation op : c.operations()) {
                if (op instanceof Operation.GateOp g) s.apply(g);
                else throw new IllegalArgumentException("reference circuits hold gates only: " + op);
            }
            double[] v = new double[2 << c.numQubits()];
            for (int i = 0; i < v.length / 2; i++) {
                v[2 * i] = s.re(i);
                v[2 * i + 1] = s.im(i);
            }
            return v;
        }
    }

    /** Final state through the bridge, in double precision. */
    static double[] bridgeState(Program p) {
        return new QiseExecutionEnvironment(1).runProgram(p).amplitudes();
    }

    /** Final state from Strange's own environment (float precision). */
    static double[] strangeState(Program p) {
        Complex[] v = new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
        double[] out = new double[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            out[2 * i] = v[i].r;
            out[2 * i + 1] = v[i].i;
        }
        return out;
    }

    /** Largest amplitude difference. */
    static double distance(double[] a, double[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double worst = 0;
        for (int i = 0; i < a.length / 2; i++) worst = Math.max(worst, Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]));
        return worst;
    }

    /** Largest amplitude difference after removing the global phase between the two states. */
    static double distanceUpToPhase(double[] a, double[] b) {
        if (a.length != b.length) return Double.POSITIVE_INFINITY;
        double re = 0, im = 0; // <a|b>
        for (int i = 0; i < a.length / 2; i++) {
            re += a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1];
            im += a[2 * i] * b[2 * i + 1] - a[2 * i + 1] * b[2 * i];
        }
        double norm = Math.hypot(re, im);
        if (norm == 0) return Double.POSITIVE_INFINITY;
        double c = re / norm, s = -im / norm; // multiply b by e^{-i·arg<a|b>}
        double worst = 0;
        for (int i = 0; i < a.length / 2; i++) {
            double br = c * b[2 * i] - s * b[2 * i + 1], bi = c * b[2 * i + 1] + s * b[2 * i];
            worst = Math.max(worst, Math.hypot(a[2 * i] - br, a[2 * i + 1] - bi));
        }
        return worst;
    }

    static double[] probabilities(double[] v) {
        double[] p = new double[v.length / 2];
        for (int i = 0; i < p.length; i++) p[i] = v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1];
        return p;
    }

    /** The 2^k-point discrete Fourier transform, F[y][x] = e^{2πi·xy/2^k}/√2^k, built entry by entry. */
    static Matrix dft(int k) {
        int dim = 1 << k;
        double[] re = new double[dim * dim], im = new double[dim * dim];
        for (int y = 0; y < dim; y++) {
            for (int x = 0; x < dim; x++) {
                double angle = 2 * Math.PI * ((long) x * y % dim) / dim;
                re[y * dim + x] = Math.cos(angle) / Math.sqrt(dim);
                im[y * dim + x] = Math.sin(angle) / Math.sqrt(dim);
            }
        }
        return Matrix.of(dim, re, im);
    }

    /** The permutation matrix that sends basis state x to f(x). */
    static Matrix permutation(int k, java.util.function.IntUnaryOperator f) {
        int dim = 1 << k;
        double[] re = new double[dim * dim];
        for (int x = 0; x < dim; x++) re[f.applyAsInt(x) * dim + x] = 1;
        return Matrix.of(dim, re, new double[dim * dim]);
    }

    /** The product of gate operations on n qubits as one matrix (first operation applied first). */
    static Matrix product(int n, List<Operation.GateOp> ops) {
        Matrix m = Matrix.identity(1 << n);
        for (Operation.GateOp op : ops) m = op.gate().matrix().embed(n, op.qubits()).times(m);
        return m;
    }
}
